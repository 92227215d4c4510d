import { AppConfig, AuditModule, ConfigModule, DatabaseModule, QueueModule } from '@app/core';
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
        RankingsModule,
        ReportsModule,
      ],
    };
  }
}
