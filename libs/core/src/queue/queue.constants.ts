/** The queues of the CRM. */
export enum QueueName {
  Maintenance = 'maintenance',
  Reports = 'reports',
}

/** Options of a job class, given with @Job(). */
export interface JobOptions {
  queue: QueueName;
  /** A repeatable job: cron in APP_TIME_ZONE (for example `0 8 * * 1`, Monday 08:00). */
  cron?: string | ((config: import('../config/app-config').AppConfig) => string);
  /** Also run once when a process that runs jobs starts (to catch up what was missed while none ran). */
  runAtStart?: boolean;
  /** Attempts before a job is given up (Bull only; the in-process driver logs and moves on). */
  attempts?: number;
}
