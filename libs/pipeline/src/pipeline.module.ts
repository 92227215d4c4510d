import { TypeOrmModule } from '@nestjs/typeorm';
import { ProjectFundEntity } from './entities/project-fund.entity';
import { ProjectStageEventEntity } from './entities/project-stage-event.entity';
import { ProjectEntity } from './entities/project.entity';
import {
  MilestoneProcedureKindEntity,
  ProjectMilestoneEntity,
  ProjectMilestonePlanEntity,
} from './milestones/entities';
import { MilestoneController, ProcedureKindController } from './milestones/milestone.controller';
import { MilestoneProgressService } from './milestones/milestone-progress.service';
import { MilestoneRepository } from './milestones/milestone.repository';
import { MilestoneSlipsReportSection } from './milestones/milestone.section';
import { MilestoneService } from './milestones/milestone.service';
import { ProcedureKindService } from './milestones/procedure-kind.service';
import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { IdempotentReplays, ProjectDirectory } from '@app/core';
import { Global, Module, OnModuleInit } from '@nestjs/common';
import { FundService } from './fund.service';
import { PipelineProjectDirectory } from './project-directory.service';
import { PipelineCounting } from './pipeline-counting';
import { PipelineReportRepository } from './pipeline-report.repository';
import { FundsReportSection, SigningsReportSection, StageChangesReportSection } from './pipeline.sections';
import { LeadConversionController, ProjectController } from './project.controller';
import { ProjectFundRepository } from './project-fund.repository';
import { ProjectProgressRepository } from './project-progress.repository';
import { ProjectProgressService } from './project-progress.service';
import { ProjectStageEventRepository } from './project-stage-event.repository';
import { ProjectRepository } from './project.repository';
import { ProjectService } from './project.service';
import { StageService } from './stage.service';

/**
 * The conversion pipeline: projects, their stages and stage events, deals, funds in place.
 * Global so that staff logging can reach ProjectDirectory without importing the pipeline that imports it.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProjectEntity,
      ProjectStageEventEntity,
      ProjectFundEntity,
      MilestoneProcedureKindEntity,
      ProjectMilestoneEntity,
      ProjectMilestonePlanEntity,
    ]),
    IdentityModule,
    InvestorsModule,
  ],
  controllers: [ProjectController, LeadConversionController, MilestoneController, ProcedureKindController],
  providers: [
    ProjectRepository,
    ProjectStageEventRepository,
    ProjectFundRepository,
    PipelineCounting,
    ProjectService,
    StageService,
    FundService,
    ProjectProgressRepository,
    ProjectProgressService,
    PipelineReportRepository,
    SigningsReportSection,
    StageChangesReportSection,
    FundsReportSection,
    MilestoneRepository,
    MilestoneService,
    MilestoneProgressService,
    ProcedureKindService,
    MilestoneSlipsReportSection,
    { provide: ProjectDirectory, useClass: PipelineProjectDirectory },
  ],
  exports: [
    ProjectDirectory,
    ProjectRepository,
    ProjectStageEventRepository,
    ProjectFundRepository,
    PipelineCounting,
    ProjectService,
    StageService,
    FundService,
    ProjectProgressService,
    MilestoneProgressService,
    MilestoneService,
  ],
})
export class PipelineModule implements OnModuleInit {
  constructor(
    private readonly replays: IdempotentReplays,
    private readonly projects: ProjectService,
  ) {}

  /** How a retried create is answered after a crash between its commit and its stored answer. */
  onModuleInit(): void {
    this.replays.register('project', (actor, id) => this.projects.get(actor, id));
  }
}
