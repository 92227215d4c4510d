import {
  Actor,
  AuditService,
  BUREAU_ROLES,
  bureauScopeOf,
  BureauStatDelta,
  BureauStatsRecorder,
  BusinessClock,
  ForbiddenException,
  isBatchRequirementFailure,
  isCalendarDate,
  NotFoundException,
  Page,
  pageOf,
  ProjectDirectory,
  ReadSource,
  Transaction,
  TransactionRunner,
  ValidationException,
  WriteCoalescer,
  assertFollowUpNotBefore,
} from '@app/core';
import { BureauRepository, listBureau, UserDirectory, UserEntity } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { normalizeCompanyName } from './company-name';
import { CreateVisitDto, UpdateVisitDto, VisitDto, VisitQueryDto } from './dto/visit.dto';
import { VisitEntity } from './entities/visit.entity';
import { InvestorsException, InvestorsExceptionCode as Code } from './investors.exception';
import { auditViewOfVisit, toVisitDto, VisitView, visitView } from './investors.mapper';
import { LeadRepository } from './lead.repository';
import { NewVisit, VisitFiling, VisitPatch, VisitRepository } from './visit.repository';

/** A visit about to be written, with the id and time this process gave it. */
type NewVisitRecord = NewVisit & Pick<VisitEntity, 'id' | 'createdAt'>;

interface PendingVisit {
  actor: Actor;
  visit: NewVisitRecord;
}

/** Visits in flight at once before new ones wait to go out together; and how many go in one statement. */
const FILING_LIMITS = { inFlight: 4, batchSize: 64 };

/** Visits and talks. Logging one moves its lead's last contact and next follow-up in the same transaction. */
@Injectable()
export class VisitService {
  /** Visits logged at the same moment go out together: one statement and one commit (see WriteCoalescer). */
  private readonly filings = new WriteCoalescer<PendingVisit, VisitFiling>(
    (pending) => this.file(pending),
    FILING_LIMITS,
  );

  constructor(
    private readonly clock: BusinessClock,
    private readonly visits: VisitRepository,
    private readonly leads: LeadRepository,
    private readonly bureaus: BureauRepository,
    private readonly users: UserDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly stats: BureauStatsRecorder,
    private readonly projects: ProjectDirectory,
    private readonly reads: ReadSource,
  ) {}

  async list(actor: Actor, query: VisitQueryDto): Promise<Page<VisitDto>> {
    const scope = bureauScopeOf(actor);
    const bureauId = await listBureau(this.bureaus, scope, query.bureau);
    if (bureauId === undefined) return pageOf([], 0, query);
    const text = query.q?.trim();
    const investor = query.investorId
      ? { id: query.investorId, projectIds: await this.projects.projectIdsOf(query.investorId) }
      : undefined;
    // a list may lag the writes by the replication delay (docs/operations.md)
    const [rows, total] = await this.reads.lagging((replica) =>
      this.visits.list(
        {
          id: query.id,
          bureauId,
          investor,
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
        query.skip,
        query.pageSize,
        replica,
      ),
    );
    return pageOf(await this.toDtos(rows), total, query);
  }

  /** The visits logged against a project, by date, for the project's timeline (the caller checked the project). */
  ofProject(projectId: string): Promise<VisitEntity[]> {
    return this.visits.ofProject(projectId);
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
   * statement, which also checks that the lead is the visitor's bureau's: one round trip and one commit for
   * the write staff make most, often from a phone. Visits logged at the same moment share that statement
   * (see `filings`).
   */
  async create(actor: Actor, input: CreateVisitDto): Promise<VisitDto> {
    const dto = { ...input, date: this.businessDay(input.date) };
    const bureauId = this.bureauOf(actor);
    const subject = await this.subjectOf(actor, dto);
    const leaders = await this.checkLeaders(dto.leaderIds ?? []);
    const visit: NewVisitRecord = {
      id: randomUUID(),
      leadId: subject.leadId,
      projectId: subject.projectId,
      bureauId,
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
    };
    const filing = await this.filings.submit({ actor, visit }).catch((error: unknown) => {
      if (isBatchRequirementFailure(error)) throw new NotFoundException('线索');
      throw error;
    });
    const view: VisitView = { ...visit, ...filing, officer: { id: actor.userId, displayName: actor.displayName } };
    return toVisitDto(view, new Map(leaders.map((leader) => [leader.id, leader])));
  }

  /** Writes the visits of one batch, checks their leads, and answers each visit's bureau and company. */
  private async file(pending: PendingVisit[]): Promise<VisitFiling[]> {
    const visits = pending.map(({ visit }) => visit);
    const rows = await this.transactions.batch(async (batch) => {
      await this.visits.insertAll(visits, batch);
      await this.leads.recordContacts(
        visits.flatMap(({ leadId, date, nextFollowUpAt }) => (leadId ? [{ leadId, date, nextFollowUpAt }] : [])),
        batch,
      );
      await this.stats.recordAll(
        batch,
        visits.map((visit) => ({ bureauId: visit.bureauId, day: visit.date, delta: visitCount(visit, 1) })),
      );
      await this.audit.recordEach(
        pending.map(({ actor, visit }) => ({
          source: actor,
          event: {
            action: 'visit.create',
            entity: 'visit',
            entityId: visit.id,
            after: auditViewOfVisit({ ...visit, bureau: { code: actor.bureauCode as string } }),
          },
        })),
        batch,
      );
      this.visits.checkFilings(visits, batch);
    });
    const filings = this.visits.filingsOf(rows);
    return visits.map((visit) => filings.get(visit.id) as VisitFiling);
  }

  /** What the visit is filed under: exactly one of a lead and a project (the batch checks the lead's bureau). */
  private async subjectOf(
    actor: Actor,
    dto: { leadId?: string; projectId?: string },
  ): Promise<{ leadId: string | null; projectId: string | null }> {
    if ((dto.leadId === undefined) === (dto.projectId === undefined)) {
      throw new ValidationException('走访须关联一条线索或一个项目（leadId 与 projectId 二选一）');
    }
    if (dto.leadId !== undefined) return { leadId: dto.leadId, projectId: null };
    const project = await this.projects.find(actor, dto.projectId as string);
    if (!project) throw new NotFoundException('项目');
    return { leadId: null, projectId: project.id };
  }

  async update(actor: Actor, id: string, input: UpdateVisitDto): Promise<VisitDto> {
    const dto = { ...input, date: input.date === undefined ? undefined : this.businessDay(input.date) };
    this.bureauOf(actor);
    const visit = await this.find(actor, id);
    if (dto.date !== undefined || dto.nextFollowUpAt !== undefined) {
      assertFollowUpNotBefore(dto.nextFollowUpAt ?? visit.nextFollowUpAt, dto.date ?? visit.date, 'nextFollowUpAt', {
        field: '下次跟进日期',
        record: '走访日期',
      });
    }
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
      const after = await this.audit.recordUpdate(
        actor,
        { action: 'visit.update', entity: 'visit', entityId: id, before: visit, view: auditViewOfVisit },
        () => this.visits.update(id, patch, tx),
        tx,
      );
      if (visit.leadId) await this.followUpLead(visit.leadId, dto, tx);
      if (after.date !== visit.date || after.leaderLed !== visit.leaderLed) {
        await this.stats.record(tx, visit.bureauId, visit.date, visitCount(visit, -1));
        await this.stats.record(tx, after.bureauId, after.date, visitCount(after, 1));
      }
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

  /** Only bureau staff log visits, in their own bureau; the leaders who took part are named on the visit. */
  private bureauOf(actor: Actor): string {
    if (!BUREAU_ROLES.includes(actor.role) || !actor.bureauId) throw new ForbiddenException();
    return actor.bureauId;
  }

  /** The named county leaders, in the order given, each once; refuses ids that are not active leaders. */
  private async checkLeaders(ids: string[]): Promise<UserEntity[]> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const leaders = new Map((await this.users.activeLeaders(unique)).map((leader) => [leader.id, leader]));
    if (leaders.size !== unique.length) {
      throw new InvestorsException(Code.InvalidLeader, '参加领导须为在岗的县级领导账号', {
        unknown: unique.filter((id) => !leaders.has(id)),
      });
    }
    return unique.map((id) => leaders.get(id) as UserEntity);
  }

  private async toDtos(visits: VisitEntity[]): Promise<VisitDto[]> {
    const ids = [...new Set(visits.flatMap((v) => v.leaderIds))];
    const users = new Map<string, UserEntity>((await this.users.findByIds(ids)).map((u) => [u.id, u]));
    return visits.map((visit) => toVisitDto(visitView(visit), users));
  }
}

/** What one visit adds to (or, with -1, takes from) its bureau's counts on its date. */
export function visitCount(visit: Pick<VisitEntity, 'leaderLed'>, sign: 1 | -1): BureauStatDelta {
  return visit.leaderLed ? { visits: sign, leaderVisits: sign } : { visits: sign };
}
