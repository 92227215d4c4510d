import {
  Actor,
  AuditService,
  bureauScopeOf,
  BusinessClock,
  NotFoundException,
  Page,
  pageOf,
  ReadSource,
  Role,
  Transaction,
  TransactionRunner,
} from '@app/core';
import { BureauRepository, listBureau, OfficerService, UserDirectory } from '@app/identity';
import { InvestorClaimService, InvestorRepository, LeadConversionService } from '@app/investors';
import { Injectable } from '@nestjs/common';
import { ConvertLeadDto, CreateProjectDto, ProjectDto, ProjectQueryDto, UpdateProjectDto } from './dto/project.dto';
import { ProjectEntity } from './entities/project.entity';
import { PipelineCounting } from './pipeline-counting';
import { ProjectStageEventRepository } from './project-stage-event.repository';
import { NewProject, ProjectPatch, ProjectRepository } from './project.repository';
import { PipelineException, PipelineExceptionCode as Code } from './pipeline.exception';
import { auditViewOfProject, stageStateOf, toProjectDto } from './pipeline.mapper';
import { Stage } from './stage';
import { StageStep } from './stage-machine';

@Injectable()
export class ProjectService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly events: ProjectStageEventRepository,
    private readonly investors: InvestorRepository,
    private readonly conversion: LeadConversionService,
    private readonly claims: InvestorClaimService,
    private readonly users: UserDirectory,
    private readonly officers: OfficerService,
    private readonly bureaus: BureauRepository,
    private readonly counting: PipelineCounting,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
    private readonly reads: ReadSource,
  ) {}

  async list(actor: Actor, query: ProjectQueryDto): Promise<Page<ProjectDto>> {
    const scope = bureauScopeOf(actor);
    const bureauId = await listBureau(this.bureaus, scope, query.bureau);
    if (bureauId === undefined) return pageOf([], 0, query);
    // a list may lag the writes by the replication delay (docs/operations.md)
    const [rows, total] = await this.reads.lagging((replica) =>
      this.projects.list(
        {
          bureauId,
          investorId: query.investorId,
          stage: query.stage,
          leaderId: query.leader,
          isKeyProject: query.key,
          industry: query.industry,
          signedFrom: query.signedFrom,
          signedTo: query.signedTo,
          registeredFrom: query.registeredFrom,
          registeredTo: query.registeredTo,
          startedFrom: query.startedFrom,
          startedTo: query.startedTo,
          text: query.q?.trim() || undefined,
        },
        query.sort ?? '-updatedAt',
        query.skip,
        query.pageSize,
        replica,
      ),
    );
    return pageOf(rows.map(toProjectDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<ProjectDto> {
    return toProjectDto(await this.find(actor, id));
  }

  /** A project the actor may see; another bureau's project is not found. */
  async find(actor: Actor, id: string, tx?: Transaction): Promise<ProjectEntity> {
    const project = await this.projects.findById(id, bureauScopeOf(actor), tx);
    if (!project) throw new NotFoundException('项目');
    return project;
  }

  /**
   * A project entered directly, in the reserve stage (储备/谋划). Its bureau needs the investor's claim (撞单):
   * its own open lead or earlier project, or a claim it takes now; another bureau's claim is 409 naming it.
   */
  async create(actor: Actor, dto: CreateProjectDto): Promise<ProjectDto> {
    const investor = await this.investors.findById(dto.investorId);
    if (!investor) throw new PipelineException(Code.UnknownInvestor, '投资企业不存在，请先登记客商');
    const owner = await this.officers.ownerFor(actor, dto.officerId, '项目');
    if (dto.responsibleLeaderId) await this.assertLeader(dto.responsibleLeaderId);
    const project = await this.transactions.run(async (tx) => {
      await this.claims.claim(investor.id, owner.bureauId, tx);
      return this.insertWithEvent(
        actor,
        {
          ...this.descriptive(dto),
          name: dto.name,
          investorId: investor.id,
          ...owner,
          leadId: null,
          industry: dto.industry ?? investor.industry,
          stage: Stage.Reserve,
          createdById: actor.userId,
        },
        null,
        tx,
      );
    });
    return toProjectDto(project);
  }

  /**
   * Converts an open lead into a project in negotiation; the lead becomes converted in the same transaction
   * (investors' LeadConversionService says which leads may convert and changes the lead).
   */
  async convert(actor: Actor, leadId: string, dto: ConvertLeadDto): Promise<ProjectDto> {
    if (dto.responsibleLeaderId) await this.assertLeader(dto.responsibleLeaderId);
    const project = await this.transactions.run((tx) =>
      this.conversion.convert(actor, leadId, tx, async (lead) => {
        const officerId = dto.officerId
          ? await this.officers.officerOf(dto.officerId, lead.bureauId, tx)
          : lead.officerId;
        return this.insertWithEvent(
          actor,
          {
            ...this.descriptive(dto),
            name: dto.name,
            investorId: lead.investorId,
            bureauId: lead.bureauId,
            officerId,
            leadId: lead.id,
            industry: dto.industry ?? lead.industry,
            plannedInvestment: dto.plannedInvestment ?? lead.intendedAmount,
            stage: Stage.Negotiating,
            createdById: actor.userId,
          },
          dto.note ?? null,
          tx,
        );
      }),
    );
    return toProjectDto(project);
  }

  async update(actor: Actor, id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    const project = await this.find(actor, id);
    const patch: ProjectPatch = this.descriptive(dto);
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.officerId !== undefined) patch.officerId = await this.officers.officerOf(dto.officerId, project.bureauId);
    if (dto.responsibleLeaderId) await this.assertLeader(dto.responsibleLeaderId);
    const updated = await this.transactions.run((tx) =>
      this.audit.recordUpdate(
        actor,
        { action: 'project.update', entity: 'project', entityId: id, before: project, view: auditViewOfProject },
        async () => {
          if (!(await this.projects.updateVersioned(id, dto.expectedVersion, patch, tx))) throw staleVersion();
          return (await this.projects.findById(id, null, tx)) as ProjectEntity;
        },
        tx,
      ),
    );
    return toProjectDto(updated);
  }

  private async insertWithEvent(
    actor: Actor,
    project: NewProject,
    note: string | null,
    tx: Transaction,
  ): Promise<ProjectEntity> {
    const created = await this.projects.insert(project, tx);
    const steps: StageStep[] = [
      {
        from: null,
        to: created.stage,
        businessDate: this.clock.today(),
        gate: project.leadId ? { leadId: project.leadId } : null,
        isCorrection: false,
        countsAsSigning: false,
      },
    ];
    await this.events.append(created.id, actor.userId, note, steps, tx);
    const state = stageStateOf(created);
    await this.counting.stageChange(tx, created.bureauId, state, state, steps, new Set());
    await this.audit.record(
      actor,
      { action: 'project.create', entity: 'project', entityId: created.id, after: auditViewOfProject(created) },
      tx,
    );
    return created;
  }

  /** The descriptive fields a request sets, as columns (undefined stays untouched). */
  private descriptive(dto: CreateProjectDto | ConvertLeadDto | UpdateProjectDto) {
    const fields = {
      industry: dto.industry,
      plannedInvestment: dto.plannedInvestment,
      location: dto.location,
      isKeyProject: dto.isKeyProject,
      plannedStartMonth: dto.plannedStartMonth,
      responsibleLeaderId: dto.responsibleLeaderId,
    };
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
      industry?: string;
      plannedInvestment: string | null;
      location: string | null;
      isKeyProject: boolean;
      plannedStartMonth: string | null;
      responsibleLeaderId: string | null;
    };
  }

  private async assertLeader(userId: string): Promise<void> {
    const leader = await this.users.findById(userId);
    if (!leader || !leader.active || leader.role !== Role.Leader) {
      throw new PipelineException(Code.InvalidLeader, '包保领导须为在岗的县级领导');
    }
  }
}

export function staleVersion(): PipelineException {
  return new PipelineException(Code.StaleVersion, '项目已被他人修改，请刷新后重试');
}
