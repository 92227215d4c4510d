import { AppConfig, AuditModule, ConfigModule, DatabaseModule, QueueModule } from '@app/core';
import { DemoModule } from '@app/demo';
import { IdentityModule } from '@app/identity';
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
        IdentityModule,
        RankingsModule,
        ReportsModule,
        DemoModule,
      ],
      controllers: [HealthController],
      providers: [ApiStartup],
    };
  }
}
