import {
  AppConfig,
  DatabaseProbe,
  JobQueue,
  JobScheduleEntity,
  JobScheduleRepository,
  lastRunAt,
  TimeoutError,
  withinTime,
} from '@app/core';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/** How often the components are probed; /health answers from the last probe, never waiting on one. */
const PROBE_INTERVAL_MS = 5_000;
const PROBE_TIMEOUT_MS = 2_000;
/** How long start-up waits for the first probe before answering from what it has. */
const FIRST_PROBE_WAIT_MS = 500;
/** A scheduled run that has not started this long after it was due means the schedule stopped. */
export const SCHEDULE_GRACE_MS = 5 * 60_000;
/** A run may start a little before the time it was due (the in-process timer, clocks of two hosts). */
const EARLY_START_MS = 60_000;

export type ComponentStatus = 'up' | 'down';

export interface ScheduleHealth {
  name: string;
  cron: string;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastFailedAt: string | null;
  /** The run this schedule owed (due at least 5 minutes ago) has not started. */
  overdue: boolean;
}

export interface HealthSnapshot {
  database: ComponentStatus;
  queue: ComponentStatus;
  schedules: ScheduleHealth[];
  checkedAt: Date;
}

/**
 * Probes the database, the queue and the schedules' last runs in the background, so that a health check answers
 * at once whatever is down (a probe waiting 2 s on a dead Redis would make a load balancer drop a healthy api).
 */
@Injectable()
export class HealthMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Health');
  private snapshot: HealthSnapshot = { database: 'up', queue: 'up', schedules: [], checkedAt: new Date(0) };
  private timer?: NodeJS.Timeout;
  private probing?: Promise<void>;

  constructor(
    private readonly database: DatabaseProbe,
    private readonly queue: JobQueue,
    private readonly schedules: JobScheduleRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.timer = setInterval(() => void this.probe(), PROBE_INTERVAL_MS);
    this.timer.unref();
    // the first probe's answer if it comes soon; else the start goes on and the probe finishes on its own
    await withinTime(this.probe(), FIRST_PROBE_WAIT_MS, 'the first health probe').catch((error: unknown) => {
      if (!(error instanceof TimeoutError)) throw error;
    });
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  current(): HealthSnapshot {
    return this.snapshot;
  }

  /** Probes every component once (concurrent callers share one probe). */
  probe(): Promise<void> {
    this.probing ??= this.probeAll().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async probeAll(): Promise<void> {
    const [database, queue, rows] = await Promise.all([
      within(this.database.ping(), false),
      within(this.queue.ping(), false),
      within(this.schedules.list(), null),
    ]);
    const now = new Date();
    const schedules = rows ? rows.map((row) => scheduleHealth(row, now)) : this.snapshot.schedules;
    const next: HealthSnapshot = { database: up(database), queue: up(queue), schedules, checkedAt: now };
    this.logChanges(this.snapshot, next);
    this.snapshot = next;
  }

  private logChanges(before: HealthSnapshot, after: HealthSnapshot): void {
    if (before.checkedAt.getTime() === 0) return;
    for (const component of ['database', 'queue'] as const) {
      if (before[component] !== after[component]) this.logger.warn(`${component} is ${after[component]}`);
    }
    const overdue = after.schedules.filter((s) => s.overdue).map((s) => s.name);
    const wasOverdue = new Set(before.schedules.filter((s) => s.overdue).map((s) => s.name));
    for (const name of overdue.filter((n) => !wasOverdue.has(n))) {
      this.logger.warn(`Schedule ${name} is overdue: its last due run has not started (${this.config.APP_TIME_ZONE})`);
    }
  }
}

/** Whether a schedule missed the run it owed: the latest due time at least SCHEDULE_GRACE_MS ago. */
export function scheduleHealth(row: JobScheduleEntity, now: Date): ScheduleHealth {
  let overdue = false;
  try {
    const due = lastRunAt(row.cron, row.timeZone, new Date(now.getTime() - SCHEDULE_GRACE_MS));
    const owed = due.getTime() > row.registeredAt.getTime();
    overdue = owed && (row.lastStartedAt === null || row.lastStartedAt.getTime() < due.getTime() - EARLY_START_MS);
  } catch {
    overdue = false; // a cron this process cannot read was validated by the process that registered it
  }
  return {
    name: row.name,
    cron: row.cron,
    lastStartedAt: row.lastStartedAt?.toISOString() ?? null,
    lastFinishedAt: row.lastFinishedAt?.toISOString() ?? null,
    lastFailedAt: row.lastFailedAt?.toISOString() ?? null,
    overdue,
  };
}

function up(value: boolean): ComponentStatus {
  return value ? 'up' : 'down';
}

function within<T>(check: Promise<T>, fallback: T): Promise<T> {
  return withinTime(check, PROBE_TIMEOUT_MS, 'a health check').catch(() => fallback);
}
