import { Logger } from '@nestjs/common';
import { parseExpression } from 'cron-parser';
import { EnqueueOptions, Processor, QueueDriver } from './queue-driver';
import { backoffDelayMs, QueueName, RetryPolicy } from './queue.constants';

/** Jobs run inside this process: the embedded default, where there is no Redis. */
export class InProcessQueueDriver extends QueueDriver {
  private readonly logger = new Logger('InProcessQueue');
  private readonly processors = new Map<string, Processor>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly pendingIds = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly scheduleRetry = new Map<string, RetryPolicy | undefined>();
  private closed = false;

  enqueue(_queue: QueueName, jobName: string, data: unknown, options: EnqueueOptions = {}): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (options.jobId) {
      if (this.pendingIds.has(options.jobId)) return Promise.resolve(true);
      this.pendingIds.add(options.jobId);
    }
    const timer = setTimeout(() => {
      if (options.jobId) this.pendingIds.delete(options.jobId);
      this.run(jobName, data, options.retry, 0);
    }, options.delayMs ?? 0);
    timer.unref();
    return Promise.resolve(true);
  }

  schedule(_queue: QueueName, jobName: string, cron: string, timeZone: string, retry?: RetryPolicy): Promise<void> {
    clearTimeout(this.timers.get(jobName));
    this.scheduleRetry.set(jobName, retry);
    const arm = () => {
      if (this.closed) return;
      const next = parseExpression(cron, { tz: timeZone }).next().getTime();
      // setTimeout holds at most ~24.8 days; a longer wait re-arms on the way
      const wait = Math.min(next - Date.now(), 2 ** 31 - 1);
      const timer = setTimeout(
        () => {
          if (Date.now() >= next - 5) this.run(jobName, {}, this.scheduleRetry.get(jobName), 0);
          arm();
        },
        Math.max(wait, 0),
      );
      timer.unref();
      this.timers.set(jobName, timer);
    };
    try {
      arm();
    } catch (error) {
      return Promise.reject(error as Error); // a cron it cannot read
    }
    return Promise.resolve();
  }

  process(_queue: QueueName, jobName: string, processor: Processor): void {
    this.processors.set(jobName, processor);
  }

  ping(): Promise<boolean> {
    return Promise.resolve(!this.closed);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.retryTimers.forEach((timer) => clearTimeout(timer));
    this.retryTimers.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Runs a job; a failed run is tried again after the backoff, as Bull would, until its attempts are spent. */
  private run(jobName: string, data: unknown, retry: RetryPolicy | undefined, attemptsMade: number): void {
    const processor = this.processors.get(jobName);
    if (!processor || this.closed) {
      if (!processor) this.logger.warn(`No processor for job ${jobName}`);
      return;
    }
    const attempts = retry?.attempts ?? 1;
    const execution = processor(data)
      .catch((error: unknown) => {
        this.logger.error({ err: error }, `Job ${jobName} failed (attempt ${attemptsMade + 1} of ${attempts})`);
        if (!retry || attemptsMade + 1 >= attempts || this.closed) return;
        const timer = setTimeout(
          () => {
            this.retryTimers.delete(timer);
            this.run(jobName, data, retry, attemptsMade + 1);
          },
          backoffDelayMs(retry.backoff, attemptsMade + 1),
        );
        timer.unref();
        this.retryTimers.add(timer);
      })
      .finally(() => this.running.delete(execution));
    this.running.add(execution);
  }
}
