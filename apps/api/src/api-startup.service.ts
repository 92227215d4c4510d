import { AppConfig, StartupGate } from '@app/core';
import { DemoSeeder } from '@app/demo';
import { AdminBootstrap } from '@app/identity';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';

/** Where the first-start work stands: `running` while the demo records still load after the server listens. */
export type StartupStatus = 'running' | 'done' | 'failed';

/**
 * First-start work of the api: the administrator account and, on the embedded default, the demo set. The jobs
 * that run at start (the weekly report's catch-up) wait for it, so that no report is published before the
 * demo data is in.
 *
 * By default all of it is done before the application is ready (a test, `seed:demo`). With `inBackground` (the
 * api's main) only the accounts are: the administrator and the demo sign-ins the start banner shows exist before
 * the server listens, and the demo records load after it, while /health says `starting`.
 */
@Injectable()
export class ApiStartup implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Startup');
  /** The administrator's generated password, when this start created it; main prints it once. */
  generatedAdminPassword: string | null = null;
  demoLoaded = false;
  /** Set before the application starts (see createApiApp): the demo records load after it listens. */
  inBackground = false;
  private state: StartupStatus = 'running';
  private background: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly admin: AdminBootstrap,
    private readonly demo: DemoSeeder,
    private readonly config: AppConfig,
    private readonly gate: StartupGate,
  ) {}

  private release: () => void = () => undefined;

  get status(): StartupStatus {
    return this.state;
  }

  /** Resolves when the first-start work has ended, loaded or failed (at once when it is done). */
  async settled(): Promise<void> {
    await this.background;
  }

  onModuleInit(): void {
    this.release = this.gate.hold();
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.generatedAdminPassword = await this.admin.ensureAdmin();
      if (this.config.loadDemoData) this.demoLoaded = await this.demo.loadAccounts();
    } catch (error) {
      this.finish('failed');
      throw error;
    }
    if (!this.config.loadDemoData) return this.finish('done');
    if (!this.inBackground) {
      try {
        if (await this.demo.loadRecords()) this.demoLoaded = true;
      } catch (error) {
        this.finish('failed');
        throw error;
      }
      return this.finish('done');
    }
    this.background = this.demo
      .loadRecords(() => this.stopping)
      .then(
        (loaded) => {
          if (loaded) this.demoLoaded = true;
          // a load that a stop ended early is not done: the next start takes it up, and no catch-up runs now
          if (!this.stopping) this.finish('done');
        },
        (error: unknown) => {
          this.logger.error({ err: error }, 'The demo data could not be loaded; the CRM runs without the rest of it');
          this.finish('failed');
        },
      );
  }

  /** A stop during the background load waits for the data set under way and loads no further one. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.background;
  }

  private finish(state: StartupStatus): void {
    this.state = state;
    this.release();
  }
}
