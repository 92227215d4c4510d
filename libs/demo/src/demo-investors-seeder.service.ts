import { randomUUID } from 'node:crypto';
import { BureauStatsRecorder, BusinessClock, Role, Transaction, TransactionRunner } from '@app/core';
import { UserEntity, UserRepository } from '@app/identity';
import {
  ContactRepository,
  InvestorRepository,
  LeadRepository,
  LeadStatus,
  LeadTransferRepository,
  normalizeCompanyName,
  visitCount,
  VisitRepository,
} from '@app/investors';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_INVESTORS, demoPhone, demoUscc, demoVisits } from './demo-investors';
import { DemoRepository } from './demo.repository';

export const INVESTORS_DATASET = 'investors-v1';

/** Loads the demo investors, their contacts, leads across the bureaus and visits, in one transaction. */
@Injectable()
export class DemoInvestorsSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly users: UserRepository,
    private readonly investors: InvestorRepository,
    private readonly contacts: ContactRepository,
    private readonly leads: LeadRepository,
    private readonly transfers: LeadTransferRepository,
    private readonly visits: VisitRepository,
    private readonly transactions: TransactionRunner,
    private readonly stats: BureauStatsRecorder,
    private readonly clock: BusinessClock,
  ) {}

  /** Returns whether the data set was loaded now; needs the demo accounts (users-v1) first. */
  async load(): Promise<boolean> {
    if (await this.demo.isLoaded(INVESTORS_DATASET)) return false;
    const people = new Map<string, UserEntity>();
    for (const username of new Set(DEMO_INVESTORS.flatMap((i) => (i.lead ? [i.lead.officer] : [])))) {
      const user = await this.users.findByUsername(username);
      if (!user) throw new Error(`demo user ${username} is missing; load users-v1 first`);
      people.set(username, user);
    }
    const leaders = [await this.users.findByUsername('leader1'), await this.users.findByUsername('leader2')].filter(
      (u): u is UserEntity => u?.role === Role.Leader,
    );
    const registrar = (await this.users.findByUsername('staff03a')) as UserEntity;
    // read before the transaction: inside it every query must go through its own manager
    const requester = await this.users.findByUsername('staff05a');
    await this.transactions.run(async (tx) => {
      const leadIds: string[] = [];
      for (const [n, company] of DEMO_INVESTORS.entries()) {
        const officer = company.lead ? (people.get(company.lead.officer) as UserEntity) : registrar;
        const leadId = await this.loadCompany(n, officer, leaders, tx);
        if (leadId) leadIds.push(leadId);
      }
      if (requester) await this.requestOneTransfer(requester, leadIds, tx);
      await this.demo.markLoaded(INVESTORS_DATASET, tx);
    });
    this.logger.log(`Loaded demo data set ${INVESTORS_DATASET}`);
    return true;
  }

  private async loadCompany(
    n: number,
    officer: UserEntity,
    leaders: UserEntity[],
    tx: Transaction,
  ): Promise<string | null> {
    const company = DEMO_INVESTORS[n];
    const investor = await this.investors.insert(
      {
        name: company.name,
        normalizedName: normalizeCompanyName(company.name),
        uscc: company.regionCode ? demoUscc(company.regionCode, n) : null,
        industry: company.industry,
        chainPosition: company.chainPosition,
        isChainLeader: company.isChainLeader ?? false,
        region: company.region,
        createdById: officer.id,
        createdByBureauId: officer.bureauId,
      },
      tx,
    );
    await this.contacts.insert(
      {
        investorId: investor.id,
        name: company.contact.name,
        title: company.contact.title,
        phone: demoPhone(n),
        email: null,
        wechat: null,
        createdById: officer.id,
      },
      tx,
    );
    if (!company.lead || !officer.bureauId) return null;
    const visits = demoVisits(n, company.region);
    const lead = await this.leads.insert(
      {
        investorId: investor.id,
        bureauId: officer.bureauId,
        officerId: officer.id,
        source: company.lead.source,
        industry: company.industry,
        intendedAmount: company.lead.amount,
        nextFollowUpAt: null,
        note: null,
        createdById: officer.id,
        registeredAt: visits[0].date,
        createdAt: new Date(`${visits[0].date}T01:30:00Z`),
      },
      tx,
    );
    // the demo records count in the rankings like any others
    await this.stats.record(tx, lead.bureauId, lead.registeredAt, { newLeads: 1 });
    for (const [i, visit] of visits.entries()) {
      const leaderIds = visit.leaderLed && leaders.length > 0 ? [leaders[(n + i) % leaders.length].id] : [];
      const logged = {
        id: randomUUID(),
        leadId: lead.id,
        projectId: null,
        bureauId: officer.bureauId,
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
      await this.visits.insertAll([logged], tx);
      await this.leads.recordContacts(
        [{ leadId: lead.id, date: visit.date, nextFollowUpAt: visit.nextFollowUpAt }],
        tx,
      );
      await this.stats.record(tx, logged.bureauId, logged.date, visitCount(logged, 1));
    }
    if (company.lead.status === 'dropped') {
      await this.leads.update(
        lead.id,
        { status: LeadStatus.Dropped, dropReason: company.lead.dropReason ?? null, closedAt: new Date() },
        tx,
      );
    }
    return lead.id;
  }

  /** One pending request, so that the transfer screens have something to show: B05 asks for a B03 lead. */
  private async requestOneTransfer(requester: UserEntity, leadIds: string[], tx: Transaction): Promise<void> {
    const lead = leadIds.length > 2 ? await this.leads.findById(leadIds[2], null, tx) : null;
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
