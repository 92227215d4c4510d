import { Actor, AuditService, bureauScopeOf, BusinessClock, NotFoundException, TransactionRunner } from '@app/core';
import { InvestorClaimService, VisitService } from '@app/investors';
import { Injectable } from '@nestjs/common';
import { ProjectDto } from './dto/project.dto';
import { DealUpgradeDto, ProjectTimelineDto, StageChangeDto, TimelineEntryDto } from './dto/stage.dto';
import { ProjectEntity } from './entities/project.entity';
import { PipelineCounting } from './pipeline-counting';
import { ProjectStageEventRepository } from './project-stage-event.repository';
import { staleVersion } from './project.service';
import { ProjectRepository } from './project.repository';
import { stageStateOf, toProjectDto, toStageEventDto, toTimelineVisitDto } from './pipeline.mapper';
import { Stage, STAGE_LABELS } from './stage';
import { planDealUpgrade, planStageChange, StagePlan, StageState, stageDurations } from './stage-machine';

@Injectable()
export class StageService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly events: ProjectStageEventRepository,
    private readonly counting: PipelineCounting,
    private readonly claims: InvestorClaimService,
    private readonly visits: VisitService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
  ) {}

  /** Moves a project to another stage under the rules of the stage machine, against the version the client read. */
  change(actor: Actor, id: string, dto: StageChangeDto): Promise<ProjectDto> {
    return this.apply(actor, id, dto.expectedVersion, dto.note, 'project.stage', (state, today) =>
      planStageChange(state, dto, actor.role, today),
    );
  }

  /** Upgrades a framework agreement to a formal contract: one signing, its amount updated. */
  upgradeDeal(actor: Actor, id: string, dto: DealUpgradeDto): Promise<ProjectDto> {
    return this.apply(actor, id, dto.expectedVersion, dto.note, 'project.deal', (state, today) =>
      planDealUpgrade(state, dto.deal, today),
    );
  }

  private async apply(
    actor: Actor,
    id: string,
    expectedVersion: number,
    note: string | undefined,
    action: string,
    plan: (state: StageState, today: string) => StagePlan,
  ): Promise<ProjectDto> {
    const scope = bureauScopeOf(actor);
    const updated = await this.transactions.run(async (tx) => {
      const project = await this.projects.findById(id, scope, tx);
      if (!project) throw new NotFoundException('项目');
      await this.claims.lock(project.investorId, tx);
      if (project.version !== expectedVersion) throw staleVersion();
      const before = stageStateOf(project);
      const { steps, state } = plan(before, this.clock.today());
      // a live project moves only on its bureau's own claim (撞单): a reopening takes it again, and a project
      // left from before the rule on a company another bureau holds cannot be signed or counted there
      if (state.stage !== Stage.Terminated) await this.claims.claim(project.investorId, project.bureauId, tx);
      if (!(await this.projects.updateVersioned(id, expectedVersion, state, tx))) throw staleVersion();
      const entered = await this.events.stagesEntered(id, tx);
      await this.events.append(id, actor.userId, note?.trim() || null, steps, tx);
      await this.counting.stageChange(tx, project.bureauId, before, state, steps, entered);
      if (state.stage === Stage.Terminated && before.stage !== Stage.Terminated) {
        await this.claims.release(project.investorId, project.bureauId, tx);
      }
      const after = (await this.projects.findById(id, null, tx)) as ProjectEntity;
      await this.audit.record(
        actor,
        {
          action,
          entity: 'project',
          entityId: id,
          before: { version: project.version, ...stageStateOf(project) },
          after: { version: after.version, ...stageStateOf(after), steps: steps.map((s) => ({ ...s })) },
        },
        tx,
      );
      return after;
    });
    return toProjectDto(updated);
  }

  /** The project's stage events and visits by date, and the days spent in each stage derived from the events. */
  async timeline(actor: Actor, id: string): Promise<ProjectTimelineDto> {
    const project = await this.projects.findById(id, bureauScopeOf(actor));
    if (!project) throw new NotFoundException('项目');
    const [events, visits] = await Promise.all([this.events.listOfProject(id), this.visits.ofProject(id)]);
    const entries: (TimelineEntryDto & { order: string })[] = [
      ...events.map((event) => ({
        type: 'stage' as const,
        date: event.businessDate,
        stageEvent: toStageEventDto(event),
        order: event.recordedAt.toISOString() + String(event.seq).padStart(8, '0'),
      })),
      ...visits.map((visit) => ({
        type: 'visit' as const,
        date: visit.date,
        visit: toTimelineVisitDto(visit),
        order: visit.createdAt.toISOString(),
      })),
    ];
    entries.sort((a, b) => a.date.localeCompare(b.date) || a.order.localeCompare(b.order));
    const durations = stageDurations(
      events.map((e) => ({ from: e.fromStage, to: e.toStage, businessDate: e.businessDate })),
      this.clock.today(),
    );
    return {
      projectId: project.id,
      stage: project.stage,
      version: project.version,
      items: entries.map(({ order: _order, ...entry }) => entry),
      stageDurations: durations.map((d) => ({ ...d, stageLabel: STAGE_LABELS[d.stage] })),
    };
  }
}
