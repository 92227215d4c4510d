import {
  Actor,
  AuditService,
  BUREAU_ROLES,
  bureauScopeOf,
  BureauStatDelta,
  BureauStatsRecorder,
  BusinessClock,
  ForbiddenException,
  isCalendarDate,
  NotFoundException,
  Page,
  pageOf,
  ProjectDirectory,
  Transaction,
  TransactionRunner,
  ValidationException,
} from '@app/core';
import { BureauRepository, listBureau, UserEntity } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { normalizeCompanyName } from './company-name';
import { CreateVisitDto, UpdateVisitDto, VisitDto, VisitQueryDto } from './dto/visit.dto';
import { VisitEntity } from './entities/visit.entity';
import { InvestorsException, InvestorsExceptionCode as Code } from './investors.exception';
import { auditViewOfVisit, toVisitDto, VisitView, visitView } from './investors.mapper';
import { LeadRepository, LeadVisitSubject } from './lead.repository';
import { VisitPatch, VisitRepository } from './visit.repository';

/** A visit's lead (with its bureau and investor) or project. */
type VisitSubject = Omit<LeadVisitSubject, 'leadId' | 'investor'> & {
  leadId: string | null;
  projectId: string | null;
  investor: LeadVisitSubject['investor'] | null;
};

/** Visits and talks. Logging one moves its lead's last contact and next follow-up in the same transaction. */
@Injectable()
export class VisitService {
  constructor(
    private readonly clock: BusinessClock,
    private readonly visits: VisitRepository,
    private readonly leads: LeadRepository,
    private readonly bureaus: BureauRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly stats: BureauStatsRecorder,
    private readonly projects: ProjectDirectory,
  ) {}

  async list(actor: Actor, query: VisitQueryDto): Promise<Page<VisitDto>> {
    const scope = bureauScopeOf(actor);
    const bureauId = await listBureau(this.bureaus, scope, query.bureau);
    if (bureauId === undefined) return pageOf([], 0, query);
    const text = query.q?.trim();
    const [rows, total] = await this.visits.list(
      {
        bureauId,
        officerId: query.officer,
        leadId: query.leadId,
        projectId: query.projectId,
        kind: query.kind,
        leaderLed: query.leaderLed,
        from: query.from,
        to: query.to,
        text: text ? { raw: text, normalized: normalizeCompanyName(text) } : undefined,
      },
      query.sort ?? '-date',
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return pageOf(await this.toDtos(rows), total, query);
  }

  async get(actor: Actor, id: string): Promise<VisitDto> {
    return (await this.toDtos([await this.find(actor, id)]))[0];
  }

  /** A visit counts on the business day it happened in the district, whatever zone the client wrote. */
  private businessDay(date: string): string {
    return isCalendarDate(date) ? date : this.clock.dayOf(new Date(date));
  }

  /**
   * Logs a visit. The visit, its lead's follow-up, the ranking count and the audit row are written as one
   * statement (one round trip, one commit): this is the write staff make most, often from a phone.
   */
  async create(actor: Actor, input: CreateVisitDto): Promise<VisitDto> {
    const dto = { ...input, date: this.businessDay(input.date) };
    this.assertBureauUser(actor);
    const subject = await this.subjectOf(actor, dto);
    const leaders = await this.checkLeaders(dto.leaderIds ?? []);
    const visit: VisitView = {
      id: randomUUID(),
      leadId: subject.leadId,
      projectId: subject.projectId,
      bureauId: subject.bureauId,
      officerId: actor.userId,
      date: dto.date,
      kind: dto.kind,
      place: dto.place ?? null,
      participants: dto.participants ?? null,
      leaderIds: leaders.map((leader) => leader.id),
      leaderLed: leaders.length > 0,
      summary: dto.summary,
      nextSteps: dto.nextSteps ?? null,
      nextFollowUpAt: dto.nextFollowUpAt ?? null,
      createdAt: new Date(),
      bureau: subject.bureau,
      officer: { id: actor.userId, displayName: actor.displayName },
      investor: subject.investor,
    };
    await this.transactions.batch(async (batch) => {
      await this.visits.insert(visit, batch);
      if (visit.leadId) await this.leads.recordContact(visit.leadId, visit.date, visit.nextFollowUpAt, batch);
      await this.stats.record(batch, visit.bureauId, visit.date, visitCount(visit, 1));
      await this.audit.record(
        actor,
        { action: 'visit.create', entity: 'visit', entityId: visit.id, after: auditViewOfVisit(visit) },
        batch,
      );
    });
    return toVisitDto(visit, new Map(leaders.map((leader) => [leader.id, leader])));
  }

  /** What the visit is filed under: exactly one of a lead and a project, of the actor's bureau. */
  private async subjectOf(actor: Actor, dto: { leadId?: string; projectId?: string }): Promise<VisitSubject> {
    if ((dto.leadId === undefined) === (dto.projectId === undefined)) {
      throw new ValidationException('走访须关联一条线索或一个项目（leadId 与 projectId 二选一）');
    }
    if (dto.leadId !== undefined) {
      const lead = await this.leads.visitSubject(dto.leadId, bureauScopeOf(actor));
      if (!lead) throw new NotFoundException('线索');
      return { ...lead, projectId: null };
    }
    const project = await this.projects.find(actor, dto.projectId as string);
    const bureau = project && (await this.bureaus.findById(project.bureauId));
    if (!project || !bureau) throw new NotFoundException('项目');
    return { leadId: null, projectId: project.id, bureauId: project.bureauId, bureau, investor: null };
  }

  async update(actor: Actor, id: string, input: UpdateVisitDto): Promise<VisitDto> {
    const dto = { ...input, date: input.date === undefined ? undefined : this.businessDay(input.date) };
    this.assertBureauUser(actor);
    const visit = await this.find(actor, id);
    const patch: VisitPatch = {};
    if (dto.date !== undefined) patch.date = dto.date;
    if (dto.kind !== undefined) patch.kind = dto.kind;
    if (dto.place !== undefined) patch.place = dto.place;
    if (dto.participants !== undefined) patch.participants = dto.participants;
    if (dto.leaderIds !== undefined) {
      patch.leaderIds = (await this.checkLeaders(dto.leaderIds)).map((leader) => leader.id);
      patch.leaderLed = patch.leaderIds.length > 0;
    }
    if (dto.summary !== undefined) patch.summary = dto.summary;
    if (dto.nextSteps !== undefined) patch.nextSteps = dto.nextSteps;
    if (dto.nextFollowUpAt !== undefined) patch.nextFollowUpAt = dto.nextFollowUpAt;
    const updated = await this.transactions.run(async (tx) => {
      const after = await this.visits.update(id, patch, tx);
      if (visit.leadId) await this.followUpLead(visit.leadId, dto, tx);
      if (after.date !== visit.date || after.leaderLed !== visit.leaderLed) {
        await this.stats.record(tx, visit.bureauId, visit.date, visitCount(visit, -1));
        await this.stats.record(tx, after.bureauId, after.date, visitCount(after, 1));
      }
      await this.audit.record(
        actor,
        {
          action: 'visit.update',
          entity: 'visit',
          entityId: id,
          before: auditViewOfVisit(visit),
          after: auditViewOfVisit(after),
        },
        tx,
      );
      return after;
    });
    return (await this.toDtos([updated]))[0];
  }

  private async followUpLead(leadId: string, dto: UpdateVisitDto, tx: Transaction): Promise<void> {
    if (dto.date !== undefined) await this.leads.refreshLastContact(leadId, tx);
    if (dto.nextFollowUpAt !== undefined) await this.leads.update(leadId, { nextFollowUpAt: dto.nextFollowUpAt }, tx);
  }

  private async find(actor: Actor, id: string): Promise<VisitEntity> {
    const visit = await this.visits.findById(id, bureauScopeOf(actor));
    if (!visit) throw new NotFoundException('走访记录');
    return visit;
  }

  /** Only bureau staff log visits; the leaders who took part are named on the visit, not its authors. */
  private assertBureauUser(actor: Actor): void {
    if (!BUREAU_ROLES.includes(actor.role) || !actor.bureauId) throw new ForbiddenException();
  }

  /** The named county leaders, in the order given, each once; refuses ids that are not active leaders. */
  private async checkLeaders(ids: string[]): Promise<UserEntity[]> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const leaders = new Map((await this.visits.leadersByIds(unique)).map((leader) => [leader.id, leader]));
    if (leaders.size !== unique.length) {
      throw new InvestorsException(Code.InvalidLeader, '参加领导须为在岗的县级领导账号', {
        unknown: unique.filter((id) => !leaders.has(id)),
      });
    }
    return unique.map((id) => leaders.get(id) as UserEntity);
  }

  private async toDtos(visits: VisitEntity[]): Promise<VisitDto[]> {
    const ids = [...new Set(visits.flatMap((v) => v.leaderIds))];
    const users = new Map<string, UserEntity>((await this.visits.usersByIds(ids)).map((u) => [u.id, u]));
    return visits.map((visit) => toVisitDto(visitView(visit), users));
  }
}

/** What one visit adds to (or, with -1, takes from) its bureau's counts on its date. */
export function visitCount(visit: Pick<VisitEntity, 'leaderLed'>, sign: 1 | -1): BureauStatDelta {
  return visit.leaderLed ? { visits: sign, leaderVisits: sign } : { visits: sign };
}
