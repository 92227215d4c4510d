import { registeredAtProblem } from './registered-at';

describe(registeredAtProblem.name, () => {
  const today = '2026-12-01';

  it('takes a past date, today and the first day of 2000', () => {
    expect(registeredAtProblem('2026-03-05', today)).toBeNull();
    expect(registeredAtProblem(today, today)).toBeNull();
    expect(registeredAtProblem('2000-01-01', today)).toBeNull();
  });

  it('refuses tomorrow, the last day of 1999 and dates that do not exist, naming 登记日期', () => {
    expect(registeredAtProblem('2026-12-02', today)).toBe('登记日期不能晚于今天（2026-12-01）');
    expect(registeredAtProblem('1999-12-31', today)).toBe('登记日期不能早于 2000-01-01');
    expect(registeredAtProblem('2026-02-30', today)).toContain('登记日期不是有效日期');
    expect(registeredAtProblem('2026/3/5', today)).toContain('登记日期不是有效日期');
  });
});
