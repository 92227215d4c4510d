import { AppConfig, DatabaseProbe, infrastructureModules } from '@app/core';
import { DemoModule } from '@app/demo';
import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { ChainsModule } from '@app/chains';
import { RequestsModule } from '@app/requests';
import { AlertsModule } from '@app/alerts';
import { RankingsModule } from '@app/rankings';
import { ReportsModule } from '@app/reports';
import { SCHEMA } from '@app/schema';
import { SupervisionModule } from '@app/supervision';
import { DynamicModule, Module } from '@nestjs/common';
import { ApiStartup } from './api-startup.service';
import { HealthController } from './health/health.controller';
import { HealthMonitor } from './health/health-monitor.service';
import { createRootLogger, loggerModule } from './logging';

/** The api's pino logger, for the request log hook (see bootstrap). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    const logger = createRootLogger(config);
    return {
      module: ApiModule,
      imports: [
        loggerModule(logger),
        ...infrastructureModules(config, SCHEMA, { worker: false }),
        IdentityModule,
        RankingsModule,
        ReportsModule,
        AlertsModule,
        InvestorsModule,
        PipelineModule,
        SupervisionModule,
        ChainsModule,
        RequestsModule,
        DemoModule,
      ],
      controllers: [HealthController],
      providers: [ApiStartup, HealthMonitor, DatabaseProbe, { provide: ROOT_LOGGER, useValue: logger }],
    };
  }
}
