import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { AppConfig, QueueDriverName } from '../config/app-config';
import { BullQueueDriver } from './bull.driver';
import { InProcessQueueDriver } from './in-process.driver';
import { JOB_METADATA, JobHandler } from './job.decorator';
import { QueueDriver } from './queue-driver';
import { JobOptions, QueueName } from './queue.constants';
import { StartupGate } from './startup-gate';

export interface QueueModuleOptions {
  /** The worker process always runs jobs; the api does when the config says so (always for in-process). */
  worker: boolean;
}

export const QUEUE_OPTIONS = Symbol('QueueModuleOptions');

function createDriver(config: AppConfig): QueueDriver {
  switch (config.queueDriver) {
    case QueueDriverName.Bull:
      return new BullQueueDriver(config.REDIS_URL as string, config.QUEUE_PREFIX);
    case QueueDriverName.InProcess:
      return new InProcessQueueDriver();
    default:
      throw new Error(`Unknown queue driver ${String(config.queueDriver)}`);
  }
}

/** Finds every @Job provider and, in a process that runs jobs, registers its processor and schedule. */
@Injectable()
export class JobRegistrar implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobQueues = new Map<string, QueueName>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly driver: QueueDriver,
    private readonly config: AppConfig,
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
      this.jobQueues.set(jobName, options.queue);
      if (!runJobs) continue;
      this.driver.process(options.queue, jobName, (data) => instance.handle(data), options.attempts ?? 3);
      if (options.cron && this.config.SCHEDULES_ENABLED) {
        const cron = typeof options.cron === 'function' ? options.cron(this.config) : options.cron;
        // not awaited: an unreachable Redis must not hold up start-up (the driver retries by itself)
        void this.driver.schedule(options.queue, jobName, cron, this.config.APP_TIME_ZONE);
        this.logger.log(`${jobName} scheduled at "${cron}" (${this.config.APP_TIME_ZONE})`);
      }
      if (options.runAtStart && this.config.SCHEDULES_ENABLED) {
        // no fixed job id: Bull keeps finished jobs, so a fixed id would let only the first start ever run it;
        // queued once the process's first-start work (the demo data) is done, not while it is under way
        void this.gate.opened().then(() => this.driver.enqueue(options.queue, jobName, {}));
      }
    }
  }

  queueOf(jobName: string): QueueName {
    const queue = this.jobQueues.get(jobName);
    if (!queue) throw new Error(`No @Job named ${jobName}`);
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}

/** What services call to start a job by its class, without knowing which driver runs it. */
@Injectable()
export class JobQueue {
  constructor(
    private readonly driver: QueueDriver,
    private readonly registrar: JobRegistrar,
  ) {}

  enqueue<T>(job: abstract new (...args: never[]) => JobHandler<T>, data: T, jobId?: string): Promise<boolean> {
    return this.driver.enqueue(this.registrar.queueOf(job.name), job.name, data, { jobId });
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
      imports: [DiscoveryModule],
      providers: [
        { provide: QUEUE_OPTIONS, useValue: options },
        { provide: QueueDriver, inject: [AppConfig], useFactory: createDriver },
        JobRegistrar,
        JobQueue,
        StartupGate,
      ],
      exports: [JobQueue, StartupGate],
    };
  }
}
