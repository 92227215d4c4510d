import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { AppConfig, QueueDriverName } from '../config/app-config';
import { InProcessQueueDriver } from './in-process.driver';
import { JOB_METADATA, JobHandler } from './job.decorator';
import { JobScheduleRepository } from './job-schedule.repository';
import { QueueDriver } from './queue-driver';
import { JobOptions, QueueName, retryPolicyOf, RetryPolicy } from './queue.constants';
import { StartupGate } from './startup-gate';

export interface QueueModuleOptions {
  /** The worker process always runs jobs; the api does when the config says so (always for in-process). */
  worker: boolean;
}

export const QUEUE_OPTIONS = Symbol('QueueModuleOptions');

/** Bull and its Redis client are loaded only by a process that queues on Redis, not by the embedded default. */
async function createDriver(config: AppConfig): Promise<QueueDriver> {
  switch (config.queueDriver) {
    case QueueDriverName.Bull: {
      const { BullQueueDriver } = await import('./bull.driver');
      return new BullQueueDriver(config.REDIS_URL as string, config.QUEUE_PREFIX, config.SCHEDULE_CHECK_SECONDS * 1000);
    }
    case QueueDriverName.InProcess:
      return new InProcessQueueDriver();
    default:
      throw new Error(`Unknown queue driver ${String(config.queueDriver)}`);
  }
}

/** Finds every @Job provider and, in a process that runs jobs, registers its processor and schedule. */
@Injectable()
export class JobRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, { queue: QueueName; retry: RetryPolicy }>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly driver: QueueDriver,
    private readonly config: AppConfig,
    // from JobSchedulesModule; a process without a database (a unit test of the queue) runs jobs without noting them
    @Optional() @Inject(JobScheduleRepository) private readonly schedules: JobScheduleRepository | undefined,
    @Inject(QUEUE_OPTIONS) private readonly options: QueueModuleOptions,
    private readonly gate: StartupGate,
  ) {}

  onApplicationBootstrap(): void {
    const runJobs = this.options.worker || this.config.runJobsInApi;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobHandler | undefined;
      if (!instance || !wrapper.metatype) continue;
      const options = this.reflector.get<JobOptions | undefined>(JOB_METADATA, wrapper.metatype);
      if (!options) continue;
      const jobName = wrapper.metatype.name;
      // every process knows each job's retry policy: an api that only enqueues must hand it to Bull with the job
      const retry = retryPolicyOf(options);
      this.jobs.set(jobName, { queue: options.queue, retry });
      if (!runJobs) continue;
      const scheduled = options.cron !== undefined && this.config.SCHEDULES_ENABLED;
      const run =
        scheduled && this.schedules
          ? (data: unknown) => this.tracked(jobName, instance, data)
          : (data: unknown) => instance.handle(data);
      this.driver.process(options.queue, jobName, run);
      if (options.cron && scheduled) {
        const cron = typeof options.cron === 'function' ? options.cron(this.config) : options.cron;
        this.schedules
          ?.register(jobName, cron, this.config.APP_TIME_ZONE)
          .catch((error: unknown) => this.logger.warn(`Could not note the schedule of ${jobName}: ${String(error)}`));
        // not awaited: an unreachable Redis must not hold up start-up (the driver retries by itself)
        void this.driver.schedule(options.queue, jobName, cron, this.config.APP_TIME_ZONE, retry);
        this.logger.log(`${jobName} scheduled at "${cron}" (${this.config.APP_TIME_ZONE})`);
      }
      if (options.runAtStart && this.config.SCHEDULES_ENABLED) {
        // no fixed job id: Bull keeps finished jobs, so a fixed id would let only the first start ever run it;
        // queued once the process's first-start work (the demo data) is done, not while it is under way
        void this.gate.opened().then(() => this.driver.enqueue(options.queue, jobName, {}, { retry }));
      }
    }
  }

  /** Runs a scheduled job and notes its start and end, which /health compares with its cron. */
  private async tracked(jobName: string, instance: JobHandler, data: unknown): Promise<void> {
    const schedules = this.schedules as JobScheduleRepository;
    await this.note(schedules.started(jobName));
    try {
      await instance.handle(data);
    } catch (error) {
      await this.note(schedules.failed(jobName, (error as Error)?.message ?? String(error)));
      throw error;
    }
    await this.note(schedules.finished(jobName));
  }

  /** A heartbeat that cannot be written (the database is down) never fails the job by itself. */
  private async note(write: Promise<void>): Promise<void> {
    await write.catch((error: unknown) => this.logger.warn(`Could not note a job run: ${String(error)}`));
  }

  /** The queue and retry policy of a @Job class, by its name. */
  jobOf(jobName: string): { queue: QueueName; retry: RetryPolicy } {
    const job = this.jobs.get(jobName);
    if (!job) throw new Error(`No @Job named ${jobName}`);
    return job;
  }
}

/**
 * Closes the queue at shutdown: a running job finishes, one not started stays queued. It lives in a module of its
 * own that is not global, because Nest runs the shutdown hooks of such modules before those of global modules,
 * among which TypeOrmModule destroys the data source (global modules stop in an order Nest does not promise), so
 * the jobs finish their database work first.
 */
@Injectable()
class QueueCloser implements OnApplicationShutdown {
  constructor(private readonly driver: QueueDriver) {}

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}

@Module({ providers: [QueueCloser] })
class QueueCloserModule {}

/** What services call to start a job by its class, without knowing which driver runs it. */
@Injectable()
export class JobQueue {
  constructor(
    private readonly driver: QueueDriver,
    private readonly registrar: JobRegistrar,
  ) {}

  enqueue<T>(job: abstract new (...args: never[]) => JobHandler<T>, data: T, jobId?: string): Promise<boolean> {
    const { queue, retry } = this.registrar.jobOf(job.name);
    return this.driver.enqueue(queue, job.name, data, { jobId, retry });
  }

  ping(): Promise<boolean> {
    return this.driver.ping();
  }
}

@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule, QueueCloserModule],
      providers: [
        { provide: QUEUE_OPTIONS, useValue: options },
        { provide: QueueDriver, inject: [AppConfig], useFactory: createDriver },
        JobRegistrar,
        JobQueue,
        StartupGate,
      ],
      exports: [JobQueue, StartupGate, QueueDriver],
    };
  }
}
