import { AppConfig, infrastructureModules } from '@app/core';
import { AlertsModule } from '@app/alerts';
import { InvestorsModule } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { ChainsModule } from '@app/chains';
import { RequestsModule } from '@app/requests';
import { RankingsModule } from '@app/rankings';
import { ReportsModule } from '@app/reports';
import { SCHEMA } from '@app/schema';
import { SupervisionModule } from '@app/supervision';
import { DynamicModule, Module } from '@nestjs/common';

/** The job processors and schedules, without HTTP. Any number of workers may share one Redis. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ...infrastructureModules(config, SCHEMA, { worker: true }),
        RankingsModule,
        ReportsModule,
        AlertsModule,
        // the alerts read their libraries' records, and a report built here has their sections as on the api
        InvestorsModule,
        PipelineModule,
        SupervisionModule,
        ChainsModule,
        RequestsModule,
      ],
    };
  }
}
