import { Logger } from '@nestjs/common';
import Bull from 'bull';
import Redis, { RedisOptions } from 'ioredis';
import { EnqueueOptions, Processor, QueueDriver } from './queue-driver';
import { QueueName, RetryPolicy } from './queue.constants';
import { withinTime } from '../time/within-time';

/** Bull's job options for a retry policy: attempts and backoff travel with each job. */
function retryOptions(retry?: RetryPolicy): Pick<Bull.JobOptions, 'attempts' | 'backoff'> {
  if (!retry) return {};
  return { attempts: retry.attempts, backoff: { type: retry.backoff.type, delay: retry.backoff.delayMs } };
}

const REDIS_TIMEOUT_MS = 2000;
const RESCHEDULE_DELAY_MS = 30_000;

interface WantedSchedule {
  queue: QueueName;
  cron: string;
  timeZone: string;
  retry?: RetryPolicy;
}

/** Bull on Redis: any number of api and worker processes share the queues. */
export class BullQueueDriver extends QueueDriver {
  private readonly logger = new Logger('BullQueue');
  private readonly queues = new Map<QueueName, Bull.Queue>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private client?: Redis;
  private subscriber?: Redis;
  private readonly connections = new Set<Redis>();
  /** The schedules this process registered: put back whenever Redis has lost them. */
  private readonly wanted = new Map<string, WantedSchedule>();
  private watchTimer?: NodeJS.Timeout;
  private restoring?: Promise<string[]>;
  /** Schedule writes under way: closing waits for them (Bull leaves a rejection unhandled if cut mid-write). */
  private readonly writing = new Set<Promise<unknown>>();

  constructor(
    private readonly redisUrl: string,
    private readonly prefix = 'crm',
    private readonly scheduleCheckMs = 60_000,
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

  schedule(queue: QueueName, jobName: string, cron: string, timeZone: string, retry?: RetryPolicy): Promise<void> {
    this.wanted.set(jobName, { queue, cron, timeZone, retry });
    this.watchSchedules();
    return this.tracked(this.register(queue, jobName, cron, timeZone, retry));
  }

  private async register(
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
      await this.addSchedule(bull, jobName, cron, timeZone, retry);
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

  /**
   * Puts back every schedule of this process that Redis no longer holds (it restarted empty, or was flushed),
   * and returns their names. Runs every `scheduleCheckMs` and whenever the Redis connection is ready again;
   * adding a repeatable job that exists changes nothing, so any number of processes may do it at once.
   */
  restoreSchedules(): Promise<string[]> {
    if (this.closing) return Promise.resolve([]);
    this.restoring ??= this.tracked(this.findAndRestore()).finally(() => (this.restoring = undefined));
    return this.restoring;
  }

  private tracked<T>(work: Promise<T>): Promise<T> {
    this.writing.add(work);
    return work.finally(() => this.writing.delete(work));
  }

  private async findAndRestore(): Promise<string[]> {
    const restored: string[] = [];
    const byQueue = new Map<QueueName, [string, WantedSchedule][]>();
    for (const entry of this.wanted) byQueue.set(entry[1].queue, [...(byQueue.get(entry[1].queue) ?? []), entry]);
    try {
      for (const [queue, schedules] of byQueue) {
        const bull = this.queue(queue);
        const existing = await withTimeout(bull.getRepeatableJobs(), 'read schedules');
        for (const [jobName, { cron, timeZone, retry }] of schedules) {
          if (existing.some((job) => job.name === jobName && job.cron === cron && job.tz === timeZone)) continue;
          await this.addSchedule(bull, jobName, cron, timeZone, retry);
          restored.push(jobName);
        }
      }
    } catch (error) {
      this.warnOncePerOutage(`Could not check the schedules in Redis: ${(error as Error).message}`);
    }
    if (restored.length > 0) this.logger.warn(`Schedules missing from Redis registered again: ${restored.join(', ')}`);
    return restored;
  }

  private watchSchedules(): void {
    if (this.watchTimer) return;
    this.watchTimer = setInterval(() => void this.restoreSchedules(), this.scheduleCheckMs);
    this.watchTimer.unref();
    // the first 'ready' is the start, when every schedule is being registered anyway; later ones follow an outage
    let connectedBefore = false;
    this.sharedClient().on('ready', () => {
      if (connectedBefore) void this.restoreSchedules();
      connectedBefore = true;
    });
  }

  private async addSchedule(
    bull: Bull.Queue,
    jobName: string,
    cron: string,
    timeZone: string,
    retry?: RetryPolicy,
  ): Promise<void> {
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
  }

  process(queue: QueueName, jobName: string, processor: Processor): void {
    const bull = this.queue(queue);
    // Bull's promise settles when the queue closes; on a shutdown mid-start it rejects with "Connection is closed"
    bull
      .process(jobName, 1, async (job) => {
        try {
          await processor(job.data);
        } catch (error) {
          const attempts = job.opts.attempts ?? 1;
          this.logger.error({ err: error }, `Job ${jobName} failed (attempt ${job.attemptsMade + 1} of ${attempts})`);
          throw error;
        }
      })
      .catch((error: Error) => this.warnOncePerOutage(`Processor of ${jobName} stopped: ${error.message}`));
  }

  async ping(): Promise<boolean> {
    try {
      return (await withTimeout(this.sharedClient().ping(), 'ping')) === 'PONG';
    } catch {
      return false;
    }
  }

  private closing = false;

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.watchTimer);
    this.retryTimers.forEach((timer) => clearTimeout(timer));
    await Promise.allSettled([...this.writing]);
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    // Bull leaves its blocking connections to reconnect forever when Redis never answered; one already ended is
    // left alone (disconnecting it again would wait out ioredis's timer for a stream that is gone)
    this.connections.forEach((redis) => {
      if (redis.status !== 'end') redis.disconnect();
    });
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
    // Bull's blocking and subscriber connections require the first two settings; a connection dropped at the stop
    // gives its socket 0.1 s to close (ioredis waits 2 s, which holds the process after everything else ended)
    const options: RedisOptions = {
      maxRetriesPerRequest: null,
      enableReadyCheck: false,
      lazyConnect: false,
      disconnectTimeout: 100,
    };
    const redis = new Redis(this.redisUrl, options);
    redis.on('error', () => undefined); // reported through ping() and the queue's own error events
    this.connections.add(redis);
    return redis;
  }
}

/** A Redis command's answer, or an error after REDIS_TIMEOUT_MS. */
function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return withinTime(promise, REDIS_TIMEOUT_MS, `Redis's answer to ${what}`);
}
