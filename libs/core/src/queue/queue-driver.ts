import { QueueName, RetryPolicy } from './queue.constants';

export interface EnqueueOptions {
  /** De-duplicates while a job with this id exists (Bull semantics); exactly-once belongs to the database. */
  jobId?: string;
  delayMs?: number;
  /** Runs before the job is given up and the wait between them; one run when absent. */
  retry?: RetryPolicy;
}

export type Processor = (data: unknown) => Promise<void>;

/** Runs jobs. Bull on Redis when REDIS_URL is set; in-process otherwise. */
export abstract class QueueDriver {
  /** Adds a job. Never blocks a caller for long: if the queue is unreachable it reports false. */
  abstract enqueue(queue: QueueName, jobName: string, data: unknown, options?: EnqueueOptions): Promise<boolean>;

  /** Registers a repeatable job idempotently, replacing an earlier schedule of the same job. */
  abstract schedule(
    queue: QueueName,
    jobName: string,
    cron: string,
    timeZone: string,
    retry?: RetryPolicy,
  ): Promise<void>;

  /** Makes this process run the jobs of this name. */
  abstract process(queue: QueueName, jobName: string, processor: Processor): void;

  /** Whether the queue backend answers (for /health). */
  abstract ping(): Promise<boolean>;

  abstract close(): Promise<void>;
}
