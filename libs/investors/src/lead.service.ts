import {
  Actor,
  AuditService,
  BUREAU_ROLES,
  bureauScopeOf,
  BureauStatsRecorder,
  BusinessClock,
  ForbiddenException,
  formatAmount,
  NotFoundException,
  Page,
  pageOf,
  ReadSource,
  Role,
  Transaction,
  TransactionRunner,
  ValidationException,
} from '@app/core';
import { BureauRepository, listBureau, OfficerService, UserDirectory } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { normalizeCompanyName } from './company-name';
import { CreateLeadDto, DropLeadDto, LeadDto, LeadQueryDto, UpdateLeadDto } from './dto/lead.dto';
import { LeadEntity } from './entities/lead.entity';
import { InvestorClaimService } from './investor-claim.service';
import { InvestorService } from './investor.service';
import { InvestorsException, InvestorsExceptionCode as Code, UniqueIndexViolation } from './investors.exception';
import { auditViewOfLead, openLeadRef, toLeadDto } from './investors.mapper';
import { LeadStatus } from './lead-source';
import { LeadTransferRepository } from './lead-transfer.repository';
import { LeadPatch, LeadRepository, NewLead } from './lead.repository';
import { registeredAtProblem } from './registered-at';

@Injectable()
export class LeadService {
  constructor(
    private readonly leads: LeadRepository,
    private readonly transfers: LeadTransferRepository,
    private readonly investors: InvestorService,
    private readonly claims: InvestorClaimService,
    private readonly users: UserDirectory,
    private readonly officers: OfficerService,
    private readonly bureaus: BureauRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly stats: BureauStatsRecorder,
    private readonly clock: BusinessClock,
    private readonly reads: ReadSource,
  ) {}

  async list(actor: Actor, query: LeadQueryDto): Promise<Page<LeadDto>> {
    const scope = bureauScopeOf(actor);
    const bureauId = await listBureau(this.bureaus, scope, query.bureau);
    if (bureauId === undefined) return pageOf([], 0, query);
    const text = query.q?.trim();
    // a list may lag the writes by the replication delay (docs/operations.md)
    const [rows, total] = await this.reads.lagging((replica) =>
      this.leads.list(
        {
          bureauId,
          officerId: query.officer,
          investorId: query.investorId,
          status: query.status,
          source: query.source,
          from: query.from,
          to: query.to,
          followUpBefore: query.followUpBefore,
          text: text ? { raw: text, normalized: normalizeCompanyName(text) } : undefined,
        },
        query.sort ?? '-createdAt',
        query.skip,
        query.pageSize,
        replica,
      ),
    );
    return pageOf(rows.map(toLeadDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<LeadDto> {
    return toLeadDto(await this.find(actor, id));
  }

  /** A lead the actor may see; another bureau's lead is not found. */
  async find(actor: Actor, id: string, tx?: Transaction): Promise<LeadEntity> {
    const lead = await this.leads.findById(id, bureauScopeOf(actor), tx);
    if (!lead) throw new NotFoundException('线索');
    return lead;
  }

  /**
   * Registers a lead. 撞单 is decided by InvestorClaimService in the lead's transaction: the lead's bureau must
   * get (or hold) the investor's claim; the partial unique index on open leads still refuses a second open lead.
   */
  async create(actor: Actor, dto: CreateLeadDto): Promise<LeadDto> {
    const today = this.clock.today();
    if (dto.registeredAt !== undefined && dto.registeredAt !== today) this.assertMaySetRegisteredAt(actor);
    const registeredAt = dto.registeredAt === undefined ? today : this.checkedRegisteredAt(dto.registeredAt, today);
    const investor = await this.investors.find(dto.investorId);
    const owner = await this.officers.ownerFor(actor, dto.officerId, '线索');
    const lead = await this.insertLead(
      actor,
      {
        investorId: investor.id,
        ...owner,
        source: dto.source,
        industry: dto.industry ?? investor.industry,
        intendedAmount: dto.intendedAmount !== undefined ? formatAmount(dto.intendedAmount) : null,
        nextFollowUpAt: dto.nextFollowUpAt ?? null,
        note: dto.note ?? null,
        registeredAt,
        createdById: actor.userId,
      },
      'lead.create',
    );
    return toLeadDto(lead);
  }

  /** Inserts a lead in its own transaction, turning a lost 撞单 race into DUPLICATE_LEAD. */
  private async insertLead(actor: Actor, lead: NewLead, action: string): Promise<LeadEntity> {
    try {
      return await this.transactions.run((tx) => this.insertInTransaction(actor, lead, action, tx));
    } catch (error) {
      if (error instanceof UniqueIndexViolation) throw await this.duplicateLead(lead.investorId);
      throw error;
    }
  }

  /** For callers that insert several leads in one transaction; the caller maps the violation. */
  async insertInTransaction(actor: Actor, lead: NewLead, action: string, tx: Transaction): Promise<LeadEntity> {
    await this.claims.claim(lead.investorId, lead.bureauId, tx);
    const created = await this.leads.insert(lead, tx);
    await this.recordNewLeads(actor, [created], action, tx);
    return created;
  }

  /**
   * Registers many leads in the caller's transaction, a statement at a time (a committed ledger), counted and
   * audited as one by one; 撞单 refuses the statement with UniqueIndexViolation, which the caller maps.
   */
  async insertManyInTransaction(
    actor: Actor,
    leads: NewLead[],
    action: string,
    tx: Transaction,
  ): Promise<LeadEntity[]> {
    // the 撞单 rule, as for a lead entered by hand: each bureau takes every company's claim or nothing is written
    for (const bureauId of new Set(leads.map((lead) => lead.bureauId))) {
      const investorIds = leads.filter((lead) => lead.bureauId === bureauId).map((lead) => lead.investorId);
      await this.claims.claimAll(investorIds, bureauId, tx);
    }
    const created = await this.leads.insertMany(leads, tx);
    await this.recordNewLeads(actor, created, action, tx);
    return created;
  }

  /** What registering leads sets off, in the transaction that inserted them: their count and their audit rows. */
  async recordNewLeads(actor: Actor, created: LeadEntity[], action: string, tx: Transaction): Promise<void> {
    // a new lead counts for the bureau that registered it, on its 登记日期, even if it moves later
    const counts = new Map<string, { bureauId: string; day: string; newLeads: number }>();
    for (const lead of created) {
      const day = lead.registeredAt;
      const count = counts.get(`${lead.bureauId} ${day}`) ?? { bureauId: lead.bureauId, day, newLeads: 0 };
      count.newLeads++;
      counts.set(`${lead.bureauId} ${day}`, count);
    }
    // one write for all of them: a ledger's leads may fall on many days
    await this.stats.recordAll(
      tx,
      [...counts.values()].map(({ bureauId, day, newLeads }) => ({ bureauId, day, delta: { newLeads } })),
    );
    await this.audit.recordAll(
      actor,
      created.map((lead) => ({ action, entity: 'lead', entityId: lead.id, after: auditViewOfLead(lead) })),
      tx,
    );
  }

  /** The bureau's latest converted or dropped lead of each of these companies (a ledger uploaded again). */
  closedLeadsOf(bureauId: string, investorIds: string[], tx?: Transaction): Promise<Map<string, LeadEntity>> {
    return this.leads.latestClosedOf(investorIds, bureauId, tx);
  }

  /** The 409 of 撞单 after the open-lead index refused a lead: who holds the investor, and since when. */
  async duplicateLead(investorId: string): Promise<InvestorsException> {
    const existing = await this.leads.findOpenOfInvestor(investorId);
    if (!existing) return this.claims.claimedElsewhere(investorId);
    const owner = openLeadRef(existing);
    return new InvestorsException(
      Code.DuplicateLead,
      `撞单：该企业已由 ${owner.bureau.code} ${owner.bureau.name}（具办人 ${owner.officer.displayName}）于 ${owner.since} 登记跟进，如需接手请申请转交`,
      { leadId: existing.id, bureau: owner.bureau, officer: owner.officer, since: owner.since },
    );
  }

  async update(actor: Actor, id: string, dto: UpdateLeadDto): Promise<LeadDto> {
    const lead = await this.find(actor, id);
    this.assertOpen(lead);
    if (!BUREAU_ROLES.includes(actor.role)) {
      // district roles correct a lead's 登记日期 only; the rest is the bureau's own record
      const others = Object.keys(dto).filter(
        (key) => key !== 'registeredAt' && dto[key as keyof UpdateLeadDto] !== undefined,
      );
      if (others.length > 0) throw new ForbiddenException('县级领导和管理员只能修改线索的登记日期');
    }
    const patch: LeadPatch = {};
    if (dto.source !== undefined) patch.source = dto.source;
    if (dto.industry !== undefined) patch.industry = dto.industry;
    if (dto.intendedAmount !== undefined) patch.intendedAmount = formatAmount(dto.intendedAmount);
    if (dto.nextFollowUpAt !== undefined) patch.nextFollowUpAt = dto.nextFollowUpAt;
    if (dto.note !== undefined) patch.note = dto.note;
    if (dto.registeredAt !== undefined && dto.registeredAt !== lead.registeredAt) {
      this.assertMaySetRegisteredAt(actor);
      patch.registeredAt = this.checkedRegisteredAt(dto.registeredAt, this.clock.today());
    }
    if (dto.officerId !== undefined && dto.officerId !== lead.officerId) {
      if (actor.role !== Role.BureauHead) {
        throw new InvestorsException(Code.InvalidOfficer, '只有局长可以改派具办人');
      }
      patch.officerId = await this.officers.officerOf(dto.officerId, lead.bureauId);
    }
    const updated = await this.transactions.run(async (tx) => {
      const after = await this.updateInTransaction(actor, id, lead.bureauId, patch, 'lead.update', tx);
      if (!after) throw new InvestorsException(Code.LeadNotOpen, '线索刚被转化、放弃或转交，请刷新后重试');
      return after;
    });
    return toLeadDto(updated);
  }

  /**
   * Changes a lead in the caller's transaction, audited as `action`; a changed 登记日期 moves its new-lead count
   * from the old day to the new one. The row is locked first, so two changes of one lead count in turn.
   * `null`, changing nothing, unless the lead is still open and held by `bureauId`.
   */
  async updateInTransaction(
    actor: Actor,
    id: string,
    bureauId: string,
    patch: LeadPatch,
    action: string,
    tx: Transaction,
  ): Promise<LeadEntity | null> {
    const before = await this.leads.lockById(id, tx);
    if (!before || before.status !== LeadStatus.Open || before.bureauId !== bureauId) return null;
    const after = await this.audit.recordUpdate(
      actor,
      { action, entity: 'lead', entityId: id, before, view: auditViewOfLead },
      () => this.leads.update(id, patch, tx),
      tx,
    );
    if (after.registeredAt !== before.registeredAt) {
      const credited = await this.leads.creditedBureauId(id, tx);
      await this.stats.recordAll(tx, [
        { bureauId: credited, day: before.registeredAt, delta: { newLeads: -1 } },
        { bureauId: credited, day: after.registeredAt, delta: { newLeads: 1 } },
      ]);
    }
    return after;
  }

  /** Staff enter leads on the day they register them; only a head or the district sets another 登记日期. */
  private assertMaySetRegisteredAt(actor: Actor): void {
    if (actor.role === Role.Staff) {
      throw new ForbiddenException('工作人员不能指定登记日期（默认为当天），如需更正请由局长修改');
    }
  }

  private checkedRegisteredAt(date: string, today: string): string {
    const problem = registeredAtProblem(date, today);
    if (problem) throw new ValidationException(problem, [{ field: 'registeredAt', problems: [problem] }]);
    return date;
  }

  async drop(actor: Actor, id: string, dto: DropLeadDto): Promise<LeadDto> {
    const scope = bureauScopeOf(actor);
    const seen = await this.leads.findById(id, scope);
    if (!seen) throw new NotFoundException('线索');
    const dropped = await this.transactions.run(async (tx) => {
      await this.claims.lock(seen.investorId, tx);
      const lead = await this.leads.lockById(id, tx);
      if (!lead || (scope && lead.bureauId !== scope)) throw new NotFoundException('线索');
      this.assertOpen(lead);
      const after = await this.audit.recordUpdate(
        actor,
        { action: 'lead.drop', entity: 'lead', entityId: id, before: lead, view: auditViewOfLead },
        () => this.leads.update(id, { status: LeadStatus.Dropped, dropReason: dto.reason, closedAt: new Date() }, tx),
        tx,
      );
      await this.transfers.rejectPendingOfLead(id, actor.userId, '线索已放弃', tx);
      await this.claims.release(lead.investorId, lead.bureauId, tx);
      return after;
    });
    return toLeadDto(dropped);
  }

  assertOpen(lead: LeadEntity): void {
    if (lead.status !== LeadStatus.Open) {
      throw new InvestorsException(Code.LeadNotOpen, '线索已转化或已放弃，不能再修改');
    }
  }
}
