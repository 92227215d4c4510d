import {
  addDays,
  businessDateOf,
  isBusinessDate,
  isoWeekLabel,
  periodOf,
  previousPeriod,
  startOfBusinessDate,
  weekStart,
  yearElapsedShare,
} from './business-calendar';

describe('business calendar', () => {
  it('puts Sunday 23:30 +08:00 in its week and Monday 00:10 +08:00 in the next', () => {
    const sunday = businessDateOf(new Date('2026-11-29T15:30:00Z'), 'Asia/Shanghai');
    const monday = businessDateOf(new Date('2026-11-29T16:10:00Z'), 'Asia/Shanghai');
    expect([sunday, monday]).toEqual(['2026-11-29', '2026-11-30']);
    expect(periodOf('week', sunday)).toEqual({ kind: 'week', from: '2026-11-23', to: '2026-11-30', label: '2026-W48' });
    expect(periodOf('week', monday)).toEqual({ kind: 'week', from: '2026-11-30', to: '2026-12-07', label: '2026-W49' });
  });

  it.each([
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-11-26', '2026-W48'],
    ['2021-01-03', '2020-W53'],
  ])('labels %s as ISO week %s', (date, label) => {
    expect(isoWeekLabel(date)).toBe(label);
  });

  it('finds the Monday of a week label and refuses labels that name no week', () => {
    expect(weekStart('2026-W48')).toBe('2026-11-23');
    expect(weekStart('2026-W01')).toBe('2025-12-29');
    expect(weekStart('2026-W53')).toBe('2026-12-28');
    expect(weekStart('2025-W53')).toBeNull();
    expect(weekStart('2026-W00')).toBeNull();
    expect(weekStart('2026-48')).toBeNull();
  });

  it('builds month, quarter and year-to-date periods', () => {
    expect(periodOf('month', '2026-12-15')).toMatchObject({ from: '2026-12-01', to: '2027-01-01', label: '2026-12' });
    expect(periodOf('quarter', '2026-11-26')).toMatchObject({ from: '2026-10-01', to: '2027-01-01', label: '2026-Q4' });
    expect(periodOf('quarter', '2026-02-28')).toMatchObject({ from: '2026-01-01', to: '2026-04-01', label: '2026-Q1' });
    expect(periodOf('ytd', '2026-11-26')).toMatchObject({ from: '2026-01-01', to: '2026-11-27' });
  });

  it('steps back to the previous period of the same kind', () => {
    expect(previousPeriod(periodOf('week', '2026-01-01')).label).toBe('2025-W52');
    expect(previousPeriod(periodOf('month', '2026-01-10')).label).toBe('2025-12');
    expect(previousPeriod(periodOf('quarter', '2026-01-10')).label).toBe('2025-Q4');
    expect(previousPeriod(periodOf('ytd', '2026-11-26'))).toMatchObject({ from: '2026-01-01', to: '2026-11-20' });
    expect(previousPeriod(periodOf('ytd', '2026-01-03'))).toMatchObject({ from: '2026-01-01', to: '2026-01-01' });
  });

  it('knows real dates and leap years', () => {
    expect(isBusinessDate('2026-02-30')).toBe(false);
    expect(isBusinessDate('2028-02-29')).toBe(true);
    expect(isBusinessDate('2026-1-05')).toBe(false);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(yearElapsedShare('2026-12-31')).toBe(1);
    expect(yearElapsedShare('2026-01-01')).toBeCloseTo(1 / 365);
    expect(yearElapsedShare('2028-07-01')).toBeCloseTo(183 / 366);
  });

  it('finds the instant a business date begins in its zone', () => {
    expect(startOfBusinessDate('2026-11-30', 'Asia/Shanghai').toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(startOfBusinessDate('2026-07-06', 'Europe/Berlin').toISOString()).toBe('2026-07-05T22:00:00.000Z');
    expect(startOfBusinessDate('2026-01-05', 'UTC').toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });
});
