import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { addDays } from '../time/business-calendar';
import {
  assertFollowUpNotBefore,
  businessDateProblem,
  businessDayOf,
  districtToday,
  IsFollowUpDate,
  IsPastBusinessDate,
  IsPastBusinessMonth,
} from './business-date';

class Sample {
  @IsPastBusinessDate({ instant: true })
  date: string;

  @IsFollowUpDate({ notBefore: 'date', recordLabel: '走访日期' })
  nextFollowUpAt: string;

  @IsPastBusinessMonth()
  month: string;
}

function problems(values: Partial<Sample>): Record<string, string> {
  const sample = plainToInstance(Sample, {
    date: '2026-11-18',
    nextFollowUpAt: '2026-11-20',
    month: '2026-10',
    ...values,
  });
  return Object.fromEntries(validateSync(sample).map((e) => [e.property, Object.values(e.constraints ?? {})[0]]));
}

describe('business dates', () => {
  it('takes a date from 2000-01-01 to today in the district', () => {
    const today = districtToday();
    expect(businessDateProblem(today, today)).toBeNull();
    expect(businessDateProblem('2000-01-01', today)).toBeNull();
    expect(businessDateProblem(addDays(today, 1), today)).toBe(`{label}不能晚于今天（${today}）`);
    expect(businessDateProblem('1999-12-31', today, '走访日期')).toBe('走访日期不能早于 2000-01-01');
  });

  it('counts an instant on its day in Asia/Shanghai', () => {
    expect(businessDayOf('2026-11-29T23:30:00+08:00')).toBe('2026-11-29');
    expect(businessDayOf('2026-11-29T16:10:00Z')).toBe('2026-11-30');
  });

  it('refuses future, pre-2000 and malformed values with messages for the pipe to label', () => {
    const today = districtToday();
    expect(problems({})).toEqual({});
    expect(problems({ date: '2099-12-31', nextFollowUpAt: '2099-12-31' }).date).toBe(`{label}不能晚于今天（${today}）`);
    expect(problems({ date: `${addDays(today, 1)}T08:00:00+08:00`, nextFollowUpAt: '2099-12-31' }).date).toContain(
      '不能晚于今天',
    );
    expect(problems({ date: '1900-01-01' }).date).toBe('{label}不能早于 2000-01-01');
    expect(problems({ date: '2026-02-30' }).date).toContain('应为有效日期');
    expect(problems({ month: '2099-01' }).month).toBe(`{label}不能晚于本月（${today.slice(0, 7)}）`);
    expect(problems({ month: '1999-12' }).month).toBe('{label}不能早于 2000-01');
  });

  it('refuses a follow-up before the record’s date', () => {
    expect(problems({ nextFollowUpAt: '2026-11-17' }).nextFollowUpAt).toBe('{label}不能早于走访日期（2026-11-18）');
    expect(problems({ nextFollowUpAt: '2026-11-18' }).nextFollowUpAt).toBeUndefined();
    expect(() =>
      assertFollowUpNotBefore('2026-11-10', '2026-11-18', 'nextFollowUpAt', {
        field: '下次跟进日期',
        record: '走访日期',
      }),
    ).toThrow('下次跟进日期（2026-11-10）不能早于走访日期（2026-11-18）');
    expect(() =>
      assertFollowUpNotBefore(null, '2026-11-18', 'nextFollowUpAt', { field: '下次跟进日期', record: '走访日期' }),
    ).not.toThrow();
  });
});
