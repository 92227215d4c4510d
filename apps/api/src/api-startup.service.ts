import { AppConfig, StartupGate } from '@app/core';
import { DemoSeeder } from '@app/demo';
import { AdminBootstrap } from '@app/identity';
import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';

/**
 * First-start work of the api: the administrator account and, on the embedded default, the demo set. The jobs
 * that run at start (the weekly report's catch-up) wait for it, so that no report is published before the
 * demo data is in.
 */
@Injectable()
export class ApiStartup implements OnModuleInit, OnApplicationBootstrap {
  /** The administrator's generated password, when this start created it; main prints it once. */
  generatedAdminPassword: string | null = null;
  demoLoaded = false;

  constructor(
    private readonly admin: AdminBootstrap,
    private readonly demo: DemoSeeder,
    private readonly config: AppConfig,
    private readonly gate: StartupGate,
  ) {}

  private release: () => void = () => undefined;

  onModuleInit(): void {
    this.release = this.gate.hold();
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.generatedAdminPassword = await this.admin.ensureAdmin();
      if (this.config.loadDemoData) this.demoLoaded = await this.demo.load();
    } finally {
      this.release();
    }
  }
}
