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

  it('answers from the window it worked out, and works out the next one once it is past', () => {
    const minutes = (at: string) => lastRunAt('*/5 * * * *', 'Asia/Shanghai', new Date(at)).toISOString();
    expect(minutes('2026-12-01T02:07:00Z')).toBe('2026-12-01T02:05:00.000Z');
    expect(minutes('2026-12-01T02:09:59.999Z')).toBe('2026-12-01T02:05:00.000Z');
    expect(minutes('2026-12-01T02:10:00Z')).toBe('2026-12-01T02:10:00.000Z');
    // an earlier instant than the window (the weekly report asks of past days too)
    expect(minutes('2026-12-01T02:04:59Z')).toBe('2026-12-01T02:00:00.000Z');
    expect(minutes('2026-12-01T02:05:00Z')).toBe('2026-12-01T02:05:00.000Z');
  });
});
