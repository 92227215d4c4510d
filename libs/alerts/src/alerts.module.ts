import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertRunEntity } from './entities/alert-run.entity';
import { AlertEntity } from './entities/alert.entity';
import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { PipelineModule, ProjectAlertSource } from '@app/pipeline';
import { RequestsModule } from '@app/requests';
import { Module } from '@nestjs/common';
import { AlertController } from './alert.controller';
import { AlertRepository } from './alert.repository';
import { AlertReportSection } from './alert.section';
import { AlertService } from './alert.service';
import { AlertsJob } from './jobs/alerts.job';
import { AlertProjectSource } from './project-alert.source';

@Module({
  imports: [
    TypeOrmModule.forFeature([AlertEntity, AlertRunEntity]),
    IdentityModule,
    InvestorsModule,
    PipelineModule,
    RequestsModule,
  ],
  controllers: [AlertController],
  providers: [
    AlertService,
    AlertRepository,
    AlertsJob,
    AlertReportSection,
    // read by the pipeline's GET /me/projects, which cannot import the alerts
    { provide: ProjectAlertSource, useClass: AlertProjectSource },
  ],
  exports: [AlertService],
})
export class AlertsModule {}
