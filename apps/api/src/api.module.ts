import { AppConfig, AuditModule, ConfigModule, DatabaseModule, IdempotencyModule, QueueModule } from '@app/core';
import { DemoModule } from '@app/demo';
import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { AlertsModule } from '@app/alerts';
import { RankingsModule } from '@app/rankings';
import { ReportsModule } from '@app/reports';
import { SCHEMA } from '@app/schema';
import { DynamicModule, Module } from '@nestjs/common';
import { ApiStartup } from './api-startup.service';
import { HealthController } from './health/health.controller';
import { loggerModule } from './logging';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        loggerModule(),
        DatabaseModule.forRoot(SCHEMA),
        QueueModule.forRoot({ worker: false }),
        AuditModule,
        IdempotencyModule,
        IdentityModule,
        RankingsModule,
        ReportsModule,
        AlertsModule,
        InvestorsModule,
        PipelineModule,
        DemoModule,
      ],
      controllers: [HealthController],
      providers: [ApiStartup],
    };
  }
}
