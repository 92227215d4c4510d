import { randomUUID } from 'node:crypto';
import { BureauStatsRecorder, BusinessClock, Role, Transaction, TransactionRunner } from '@app/core';
import { UserEntity, UserRepository } from '@app/identity';
import {
  ContactRepository,
  InvestorClaimService,
  InvestorRepository,
  LeadRepository,
  LeadStatus,
  LeadTransferRepository,
  normalizeCompanyName,
  visitCount,
  VisitRepository,
} from '@app/investors';
import { Injectable, Logger } from '@nestjs/common';
import { DemoCompany } from './demo-history';
import { demoPhone, demoUscc } from './demo-investors';
import { DemoRepository } from './demo.repository';

export const INVESTORS_DATASET = 'investors-v1';

/** Loads the demo companies, their contacts, their leads across the bureaus and the visits, in one transaction. */
@Injectable()
export class DemoInvestorsSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly users: UserRepository,
    private readonly investors: InvestorRepository,
    private readonly contacts: ContactRepository,
    private readonly leads: LeadRepository,
    private readonly claims: InvestorClaimService,
    private readonly transfers: LeadTransferRepository,
    private readonly visits: VisitRepository,
    private readonly transactions: TransactionRunner,
    private readonly stats: BureauStatsRecorder,
    private readonly clock: BusinessClock,
  ) {}

  /** Returns whether the data set was loaded now; needs the demo accounts (users-v1) first. */
  async load(history: DemoCompany[]): Promise<boolean> {
    if (await this.demo.isLoaded(INVESTORS_DATASET)) return false;
    const people = new Map<string, UserEntity>();
    for (const username of new Set(history.map((c) => c.lead.officer))) {
      const user = await this.users.findByUsername(username);
      if (!user) throw new Error(`demo user ${username} is missing; load users-v1 first`);
      people.set(username, user);
    }
    const leaders = [await this.users.findByUsername('leader1'), await this.users.findByUsername('leader2')].filter(
      (u): u is UserEntity => u?.role === Role.Leader,
    );
    // read before the transaction: inside it every query must go through its own manager
    const requester = await this.users.findByUsername('staff05a');
    const rows = history.map((company, n) =>
      this.rowsOf(n, company, people.get(company.lead.officer) as UserEntity, leaders),
    );
    await this.transactions.run(async (tx) => {
      await this.investors.insertHistory(
        rows.map((r) => r.investor),
        tx,
      );
      await this.contacts.insertHistory(
        rows.map((r) => r.contact),
        tx,
      );
      await this.leads.insertHistory(
        rows.map((r) => r.lead),
        tx,
      );
      // each bureau holds the companies of its open leads (撞单: one investor, one bureau)
      for (const bureauId of new Set(rows.map((r) => r.lead.bureauId))) {
        const open = rows.filter((r) => r.lead.bureauId === bureauId && r.company.lead.status !== 'dropped');
        await this.claims.claimAll(
          open.map((r) => r.investor.id),
          bureauId,
          tx,
        );
      }
      const visits = rows.flatMap((r) => r.visits);
      await this.visits.insertAll(visits, tx);
      // each lead keeps its last visit's next follow-up (none once it is closed)
      await this.leads.recordContacts(
        rows.flatMap((r) =>
          r.visits.map((v, i) => ({
            leadId: v.leadId as string,
            date: v.date,
            nextFollowUpAt: i === r.visits.length - 1 ? v.nextFollowUpAt : null,
          })),
        ),
        tx,
      );
      // the demo records count in the rankings like any others
      await this.stats.recordAll(tx, [
        ...rows.map((r) => ({
          bureauId: r.lead.bureauId,
          day: r.lead.registeredAt,
          delta: { newLeads: 1 },
        })),
        ...visits.map((v) => ({ bureauId: v.bureauId, day: v.date, delta: visitCount(v, 1) })),
      ]);
      // B05 asks for one of B03's followed 氟化工 leads (not one that converts or is filed as a reserve project)
      const wanted = rows.find(
        (r) =>
          r.company.bureauCode === 'B03' &&
          r.company.lead.status === 'open' &&
          !r.company.reserve &&
          r.company.industry === '氟化工',
      );
      if (requester && wanted) await this.requestOneTransfer(requester, wanted.lead.id, tx);
      await this.demo.markLoaded(INVESTORS_DATASET, tx);
    });
    this.logger.log(`Loaded demo data set ${INVESTORS_DATASET} (${history.length} companies)`);
    return true;
  }

  /** The rows of one company: itself, its contact, its lead (closed if it was dropped) and the lead's visits. */
  private rowsOf(n: number, company: DemoCompany, officer: UserEntity, leaders: UserEntity[]) {
    const createdAt = new Date(`${company.lead.createdOn}T01:30:00Z`);
    const bureauId = officer.bureauId as string;
    const investorId = randomUUID();
    const leadId = randomUUID();
    const dropped = company.lead.status === 'dropped';
    const visits = company.lead.visits.map((visit, i) => {
      const leaderIds = visit.leaderLed && leaders.length > 0 ? [leaders[(n + i) % leaders.length].id] : [];
      return {
        id: randomUUID(),
        leadId,
        projectId: null,
        bureauId,
        officerId: officer.id,
        date: visit.date,
        kind: visit.kind,
        place: visit.place,
        participants: `${officer.displayName}、${company.contact.name}（${company.contact.title}）`,
        leaderIds,
        leaderLed: leaderIds.length > 0,
        summary: visit.summary,
        nextSteps: visit.nextSteps,
        nextFollowUpAt: visit.nextFollowUpAt,
        createdAt: new Date(`${visit.date}T02:00:00Z`),
      };
    });
    return {
      company,
      investor: {
        id: investorId,
        name: company.name,
        normalizedName: normalizeCompanyName(company.name),
        uscc: demoUscc(company.regionCode, n),
        industry: company.industry,
        chainPosition: company.chainPosition,
        isChainLeader: company.isChainLeader,
        region: company.region,
        createdById: officer.id,
        createdByBureauId: officer.bureauId,
        createdAt,
      },
      contact: {
        investorId,
        name: company.contact.name,
        title: company.contact.title,
        phone: demoPhone(n),
        email: null,
        wechat: null,
        createdById: officer.id,
        createdAt,
      },
      lead: {
        id: leadId,
        investorId,
        bureauId,
        officerId: officer.id,
        source: company.lead.source,
        industry: company.industry,
        intendedAmount: company.lead.amount,
        nextFollowUpAt: null,
        note: null,
        status: dropped ? LeadStatus.Dropped : LeadStatus.Open,
        dropReason: dropped ? (company.lead.dropReason ?? null) : null,
        closedAt: dropped ? new Date(`${company.lead.closedOn}T09:00:00Z`) : null,
        createdById: officer.id,
        createdAt,
        registeredAt: company.lead.createdOn,
      },
      visits,
    };
  }

  /** One pending request, so that the transfer screens have something to show: B05 asks for a B03 lead. */
  private async requestOneTransfer(requester: UserEntity, leadId: string, tx: Transaction): Promise<void> {
    const lead = await this.leads.findById(leadId, null, tx);
    if (!requester.bureauId || !lead || lead.bureauId === requester.bureauId) return;
    await this.transfers.insert(
      {
        leadId: lead.id,
        fromBureauId: lead.bureauId,
        toBureauId: requester.bureauId,
        requestedById: requester.id,
        reason: '企业拟在硅基材料产业园配套建设含氟硅材料项目，由五局统筹跟进更便利',
      },
      tx,
    );
  }
}
