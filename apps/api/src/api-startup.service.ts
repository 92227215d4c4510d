import { AppConfig } from '@app/core';
import { DemoSeeder } from '@app/demo';
import { AdminBootstrap } from '@app/identity';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

/** First-start work of the api: the administrator account and, on the embedded default, the demo set. */
@Injectable()
export class ApiStartup implements OnApplicationBootstrap {
  /** The administrator's generated password, when this start created it; main prints it once. */
  generatedAdminPassword: string | null = null;
  demoLoaded = false;

  constructor(
    private readonly admin: AdminBootstrap,
    private readonly demo: DemoSeeder,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.generatedAdminPassword = await this.admin.ensureAdmin();
    if (this.config.loadDemoData) this.demoLoaded = await this.demo.load();
  }
}
