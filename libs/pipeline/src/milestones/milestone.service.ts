import { Actor, AppConfig, AuditService, bureauScopeOf, BusinessClock, pageOf, TransactionRunner } from '@app/core';
import { BureauRepository, listBureau } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ProjectEntity } from '../entities/project.entity';
import { ProjectService } from '../project.service';
import { STAGE_LABELS } from '../stage';
import {
  LeaderProjectDto,
  LeaderProjectsDto,
  MilestoneChartDto,
  MilestoneChartQueryDto,
  MilestoneChartRowDto,
  MilestoneNodeDto,
  MilestonePlanDto,
  PutMilestonePlanDto,
} from './dto/milestone.dto';
import { MilestoneProcedureKindEntity } from './entities/milestone-procedure-kind.entity';
import { MilestoneException, MilestoneExceptionCode as Code } from './milestone.exception';
import { isStageNode, planNodes, worstLight } from './milestone-plan';
import { MilestoneRepository, NodeWrite } from './milestone.repository';
import { NoOpenOrders, ProjectAlertSource, ProjectOpenOrdersSource } from './project-signals';

/** 挂图作战: key projects' plans, the district's chart of them, and a 包保 leader's own projects. */
@Injectable()
export class MilestoneService {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly projects: ProjectService,
    private readonly bureaus: BureauRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  get redDays(): number {
    return this.config.MILESTONE_RED_DAYS;
  }

  /** A project's plan; another bureau's project is not found. */
  async plan(actor: Actor, projectId: string): Promise<MilestonePlanDto> {
    const project = await this.projects.find(actor, projectId);
    const [kinds, rows, version] = await Promise.all([
      this.milestones.procedureKinds(),
      this.milestones.nodesOf([project.id]),
      this.milestones.planVersion(project.id),
    ]);
    const today = this.clock.today();
    return {
      projectId: project.id,
      projectName: project.name,
      isKeyProject: project.isKeyProject,
      version,
      today,
      redDays: this.redDays,
      nodes: planNodes(project, kinds, rows, today, this.redDays),
    };
  }

  /**
   * Sets the listed nodes' planned dates and the 前期手续 nodes' actual dates, against the plan's version. Only a
   * key project has a plan; the stage nodes' actual dates come from stage changes, never from here.
   */
  async put(actor: Actor, projectId: string, dto: PutMilestonePlanDto): Promise<MilestonePlanDto> {
    const project = await this.projects.find(actor, projectId);
    if (!project.isKeyProject) {
      throw new MilestoneException(Code.NotKeyProject, '只有重点项目可以制定节点计划，请先将项目设为重点项目');
    }
    const kinds = await this.milestones.procedureKinds();
    const writes = this.writesOf(dto, kinds);
    await this.transactions.run(async (tx) => {
      const before = await this.milestones.nodesOf([project.id], tx);
      if (!(await this.milestones.bumpVersion(project.id, dto.expectedVersion, actor.userId, tx))) {
        throw new MilestoneException(Code.StaleVersion, '节点计划已被他人修改，请刷新后重试');
      }
      await this.milestones.writeNodes(project.id, writes, tx);
      const kindCode = new Map(kinds.map((kind) => [kind.id, kind.code]));
      const view = (
        rows: { node: string; procedureKindId: string | null; plannedDate: string | null; actualDate: string | null }[],
      ) =>
        Object.fromEntries(
          rows.map((row) => [
            row.procedureKindId ? `procedure:${kindCode.get(row.procedureKindId)}` : row.node,
            { plannedDate: row.plannedDate, actualDate: row.actualDate },
          ]),
        );
      await this.audit.record(
        actor,
        {
          action: 'project.milestones',
          entity: 'project',
          entityId: project.id,
          before: { version: dto.expectedVersion, nodes: view(before) },
          after: { version: dto.expectedVersion + 1, nodes: view(writes) },
        },
        tx,
      );
    });
    return this.plan(actor, projectId);
  }

  private writesOf(dto: PutMilestonePlanDto, kinds: MilestoneProcedureKindEntity[]): NodeWrite[] {
    const byCode = new Map(kinds.map((kind) => [kind.code, kind]));
    const seen = new Set<string>();
    return dto.nodes.map((input, index) => {
      if (seen.has(input.key)) {
        throw new MilestoneException(Code.DuplicateNode, `节点 ${input.key} 重复出现`, { field: `nodes.${index}.key` });
      }
      seen.add(input.key);
      if (isStageNode(input.key)) {
        if (input.actualDate !== undefined && input.actualDate !== null) {
          throw new MilestoneException(
            Code.ActualDateFromStage,
            `${STAGE_LABELS[input.key]}的实际日期由项目阶段变更填写，不能在计划中修改`,
            { field: `nodes.${index}.actualDate` },
          );
        }
        return { node: input.key, procedureKindId: null, plannedDate: input.plannedDate ?? null, actualDate: null };
      }
      const kind = byCode.get(input.key.slice('procedure:'.length));
      if (!kind || !kind.active) {
        throw new MilestoneException(Code.UnknownProcedure, `前期手续 ${input.key.slice(10)} 不存在或已停用`, {
          field: `nodes.${index}.key`,
        });
      }
      return {
        node: 'procedure',
        procedureKindId: kind.id,
        plannedDate: input.plannedDate ?? null,
        actualDate: input.actualDate ?? null,
      };
    });
  }

  /** The district's chart: key projects (a bureau user's own bureau's) with their nodes, by bureau and name. */
  async chart(actor: Actor, query: MilestoneChartQueryDto): Promise<MilestoneChartDto> {
    const today = this.clock.today();
    const empty = { ...pageOf([], 0, query), months: [], today, redDays: this.redDays };
    const bureauId = await listBureau(this.bureaus, bureauScopeOf(actor), query.bureau);
    if (bureauId === undefined) return empty;
    const rows = (await this.rows(await this.milestones.keyProjects({ bureauId }), today)).filter(
      (row) =>
        (!query.month ||
          row.nodes.some(
            (n) => n.plannedDate?.slice(0, 7) === query.month || n.actualDate?.slice(0, 7) === query.month,
          )) &&
        matchesStatus(row.light, query.status),
    );
    const items = rows.slice(query.skip, query.skip + query.pageSize);
    const months = [...new Set(items.flatMap((row) => row.nodes.flatMap((n) => (n.month ? [n.month] : []))))].sort();
    return { ...pageOf(items, rows.length, query), months, today, redDays: this.redDays };
  }

  /** The projects a 包保 leader answers for, with their nodes, standing alerts and open supervision orders. */
  async leaderProjects(actor: Actor): Promise<LeaderProjectsDto> {
    const today = this.clock.today();
    const projects = await this.milestones.keyProjects({ bureauId: null, leaderId: actor.userId });
    const rows = await this.rows(projects, today);
    const ids = projects.map((p) => p.id);
    const [alerts, orders] = await Promise.all([
      this.signal(ProjectAlertSource)?.forProjects(ids) ?? [],
      (this.signal(ProjectOpenOrdersSource) ?? new NoOpenOrders()).forProjects(ids),
    ]);
    const items: LeaderProjectDto[] = rows.map((row, i) => ({
      ...row,
      isKeyProject: projects[i].isKeyProject,
      alerts: alerts
        .filter((a) => a.projectId === row.project.id)
        .map(({ level, kind, kindLabel, since, overdue, message }) => ({
          level,
          kind,
          kindLabel,
          since,
          overdue,
          message,
        })),
      openOrders: orders
        .filter((o) => o.projectId === row.project.id)
        .map(({ id, matter, dueDate, status }) => ({ id, matter, dueDate, status })),
    }));
    return { items, today, redDays: this.redDays };
  }

  /** Another domain's side of a leader's list, when that domain is part of the application. */
  private signal<T>(token: abstract new () => T): T | null {
    try {
      return this.moduleRef.get(token, { strict: false });
    } catch {
      return null;
    }
  }

  private async rows(projects: ProjectEntity[], today: string): Promise<MilestoneChartRowDto[]> {
    const [kinds, nodes] = await Promise.all([
      this.milestones.procedureKinds(),
      this.milestones.nodesOf(projects.map((p) => p.id)),
    ]);
    return projects.map((project) => {
      const planned: MilestoneNodeDto[] = planNodes(
        project,
        kinds,
        nodes.filter((n) => n.projectId === project.id),
        today,
        this.redDays,
      );
      return {
        project: { id: project.id, name: project.name, stage: project.stage, stageLabel: STAGE_LABELS[project.stage] },
        bureau: { code: project.bureau?.code ?? '', name: project.bureau?.name ?? '' },
        leader: project.responsibleLeader
          ? { id: project.responsibleLeader.id, displayName: project.responsibleLeader.displayName }
          : null,
        light: worstLight(planned),
        nodes: planned,
      };
    });
  }
}

function matchesStatus(light: 'red' | 'yellow' | null, status?: MilestoneChartQueryDto['status']): boolean {
  switch (status) {
    case undefined:
      return true;
    case 'red':
      return light === 'red';
    case 'yellow':
      return light === 'yellow';
    case 'overdue':
      return light !== null;
    case 'normal':
      return light === null;
  }
}
