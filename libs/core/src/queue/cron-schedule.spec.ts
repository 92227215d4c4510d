import { lastRunAt } from './cron-schedule';

describe(lastRunAt.name, () => {
  const mondays = (at: string) => lastRunAt('0 8 * * 1', 'Asia/Shanghai', new Date(at)).toISOString();

  it('is the run at the very instant, and the one before just before it', () => {
    expect(mondays('2026-11-30T08:00:00+08:00')).toBe('2026-11-30T00:00:00.000Z');
    expect(mondays('2026-11-30T07:59:59.999+08:00')).toBe('2026-11-23T00:00:00.000Z');
  });

  it('reads the schedule in its time zone', () => {
    // Monday 08:00 in Asia/Shanghai is 00:00 UTC
    expect(mondays('2026-11-30T00:00:00Z')).toBe('2026-11-30T00:00:00.000Z');
    expect(mondays('2026-11-29T23:59:00Z')).toBe('2026-11-23T00:00:00.000Z');
    expect(lastRunAt('0 8 * * 1', 'UTC', new Date('2026-11-30T07:59:00Z')).toISOString()).toBe(
      '2026-11-23T08:00:00.000Z',
    );
  });
});
