import { Logger } from '@nestjs/common';
import Bull from 'bull';
import Redis, { RedisOptions } from 'ioredis';
import { EnqueueOptions, Processor, QueueDriver } from './queue-driver';
import { QueueName, RetryPolicy } from './queue.constants';

/** Bull's job options for a retry policy: attempts and backoff travel with each job. */
function retryOptions(retry?: RetryPolicy): Pick<Bull.JobOptions, 'attempts' | 'backoff'> {
  if (!retry) return {};
  return { attempts: retry.attempts, backoff: { type: retry.backoff.type, delay: retry.backoff.delayMs } };
}

const REDIS_TIMEOUT_MS = 2000;
const RESCHEDULE_DELAY_MS = 30_000;

/** Bull on Redis: any number of api and worker processes share the queues. */
export class BullQueueDriver extends QueueDriver {
  private readonly logger = new Logger('BullQueue');
  private readonly queues = new Map<QueueName, Bull.Queue>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private client?: Redis;
  private subscriber?: Redis;
  private readonly connections = new Set<Redis>();

  constructor(
    private readonly redisUrl: string,
    private readonly prefix = 'crm',
  ) {
    super();
  }

  async enqueue(queue: QueueName, jobName: string, data: unknown, options: EnqueueOptions = {}): Promise<boolean> {
    try {
      await withTimeout(
        this.queue(queue).add(jobName, data, {
          jobId: options.jobId,
          delay: options.delayMs,
          ...retryOptions(options.retry),
          removeOnComplete: 1000,
          removeOnFail: 1000,
        }),
        `enqueue ${jobName}`,
      );
      return true;
    } catch (error) {
      this.logger.warn(`Could not enqueue ${jobName}: ${(error as Error).message}`);
      return false;
    }
  }

  async schedule(
    queue: QueueName,
    jobName: string,
    cron: string,
    timeZone: string,
    retry?: RetryPolicy,
  ): Promise<void> {
    try {
      const bull = this.queue(queue);
      const existing = await withTimeout(bull.getRepeatableJobs(), 'read schedules');
      for (const job of existing.filter((j) => j.name === jobName && (j.cron !== cron || j.tz !== timeZone))) {
        // a changed cron would otherwise leave the old schedule running beside the new one
        await withTimeout(bull.removeRepeatableByKey(job.key), 'remove schedule');
      }
      await withTimeout(
        bull.add(
          jobName,
          {},
          {
            repeat: { cron, tz: timeZone },
            jobId: jobName,
            ...retryOptions(retry),
            removeOnComplete: 100,
            removeOnFail: 100,
          },
        ),
        `schedule ${jobName}`,
      );
    } catch (error) {
      this.logger.warn(`Could not schedule ${jobName} (${(error as Error).message}); retrying in 30 s`);
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        void this.schedule(queue, jobName, cron, timeZone, retry);
      }, RESCHEDULE_DELAY_MS);
      timer.unref();
      this.retryTimers.add(timer);
    }
  }

  process(queue: QueueName, jobName: string, processor: Processor): void {
    const bull = this.queue(queue);
    void bull.process(jobName, 1, async (job) => {
      try {
        await processor(job.data);
      } catch (error) {
        const attempts = job.opts.attempts ?? 1;
        this.logger.error({ err: error }, `Job ${jobName} failed (attempt ${job.attemptsMade + 1} of ${attempts})`);
        throw error;
      }
    });
  }

  async ping(): Promise<boolean> {
    try {
      return (await withTimeout(this.sharedClient().ping(), 'ping')) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.retryTimers.forEach((timer) => clearTimeout(timer));
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    // Bull leaves its blocking connections to reconnect forever when Redis never answered
    this.connections.forEach((redis) => redis.disconnect());
    this.connections.clear();
  }

  private queue(name: QueueName): Bull.Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Bull(name, {
        prefix: this.prefix,
        createClient: (type) => {
          if (type === 'client') return this.sharedClient();
          if (type === 'subscriber') return (this.subscriber ??= this.connect());
          return this.connect();
        },
      });
      queue.on('error', (error) => this.warnOncePerOutage(`Queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private lastWarnedAt = 0;

  /** A Redis outage raises an error on every reconnect attempt; one line per 30 s is enough. */
  private warnOncePerOutage(message: string): void {
    if (Date.now() - this.lastWarnedAt < 30_000) return;
    this.lastWarnedAt = Date.now();
    this.logger.warn(message);
  }

  private sharedClient(): Redis {
    return (this.client ??= this.connect());
  }

  private connect(): Redis {
    // Bull's blocking and subscriber connections require these two settings
    const options: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false, lazyConnect: false };
    const redis = new Redis(this.redisUrl, options);
    redis.on('error', () => undefined); // reported through ping() and the queue's own error events
    this.connections.add(redis);
    return redis;
  }
}

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not answer to ${what} within ${REDIS_TIMEOUT_MS} ms`)),
      REDIS_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
