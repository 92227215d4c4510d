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
  /** Runs before a job is given up (default 3), on either driver. */
  attempts?: number;
  /** Wait before a failed job runs again (default exponential from 5 s: 5 s, 10 s, 20 s, …). */
  backoff?: JobBackoff;
}

export interface JobBackoff {
  type: 'fixed' | 'exponential';
  delayMs: number;
}

/** How often a job runs before it is given up, and how long it waits between runs. */
export interface RetryPolicy {
  attempts: number;
  backoff: JobBackoff;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoff: { type: 'exponential', delayMs: 5000 } };

/** The retry policy of a job class's options. */
export function retryPolicyOf(options: Pick<JobOptions, 'attempts' | 'backoff'>): RetryPolicy {
  return {
    attempts: Math.max(1, options.attempts ?? DEFAULT_RETRY.attempts),
    backoff: options.backoff ?? DEFAULT_RETRY.backoff,
  };
}

/** The wait before run `attemptsMade + 1` after `attemptsMade` failed runs (Bull's formula). */
export function backoffDelayMs(backoff: JobBackoff, attemptsMade: number): number {
  return backoff.type === 'fixed' ? backoff.delayMs : Math.round(2 ** (attemptsMade - 1) * backoff.delayMs);
}
