import { AppConfig, AuditModule, ConfigModule, DatabaseModule, IdempotencyModule, QueueModule } from '@app/core';
import { AlertsModule } from '@app/alerts';
import { RankingsModule } from '@app/rankings';
import { ReportsModule } from '@app/reports';
import { SCHEMA } from '@app/schema';
import { DynamicModule, Module } from '@nestjs/common';

/** The job processors and schedules, without HTTP. Any number of workers may share one Redis. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(SCHEMA),
        QueueModule.forRoot({ worker: true }),
        AuditModule,
        IdempotencyModule,
        RankingsModule,
        ReportsModule,
        AlertsModule,
      ],
    };
  }
}
