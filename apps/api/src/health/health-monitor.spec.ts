import { JobScheduleEntity } from '@app/core';
import { scheduleHealth } from './health-monitor.service';

function row(overrides: Partial<JobScheduleEntity>): JobScheduleEntity {
  return Object.assign(new JobScheduleEntity(), {
    name: 'RollupCompactionJob',
    cron: '* * * * *',
    timeZone: 'Asia/Shanghai',
    registeredAt: new Date('2026-12-01T00:00:00Z'),
    lastStartedAt: null,
    lastFinishedAt: null,
    lastFailedAt: null,
    lastError: null,
    ...overrides,
  });
}

describe(scheduleHealth.name, () => {
  const now = new Date('2026-12-01T02:00:30Z');

  it('is overdue when a minute job has not started for more than five minutes', () => {
    expect(scheduleHealth(row({ lastStartedAt: new Date('2026-12-01T01:50:00Z') }), now).overdue).toBe(true);
  });

  it('is on time when a minute job ran in the last minutes', () => {
    expect(scheduleHealth(row({ lastStartedAt: new Date('2026-12-01T01:59:00Z') }), now).overdue).toBe(false);
  });

  it('owes nothing that fell due before it was registered', () => {
    const weekly = row({ name: 'WeeklyReportJob', cron: '0 8 * * 1', registeredAt: new Date('2026-11-30T03:00:00Z') });
    expect(scheduleHealth(weekly, now).overdue).toBe(false);
  });

  it('counts the Monday report as due at 08:00 in the district, not in UTC', () => {
    // Monday 2026-11-30 08:00 +08:00 is 00:00 UTC; registered a week before, never run
    const weekly = row({ name: 'WeeklyReportJob', cron: '0 8 * * 1', registeredAt: new Date('2026-11-23T03:00:00Z') });
    expect(scheduleHealth(weekly, new Date('2026-11-30T00:04:00Z')).overdue).toBe(false);
    expect(scheduleHealth(weekly, new Date('2026-11-30T00:06:00Z')).overdue).toBe(true);
    const ran = { ...weekly, lastStartedAt: new Date('2026-11-30T00:00:01Z') };
    expect(scheduleHealth(ran, new Date('2026-11-30T00:06:00Z')).overdue).toBe(false);
  });
});
