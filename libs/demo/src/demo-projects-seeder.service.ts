import { Actor, BusinessClock } from '@app/core';
import { actorOfUser, UserEntity, UserRepository } from '@app/identity';
import { LeadEntity, LeadRepository } from '@app/investors';
import {
  ProjectRepository,
  AgreementType,
  FundService,
  ProjectDto,
  ProjectService,
  Stage,
  StageRequest,
  StageService,
} from '@app/pipeline';
import { Injectable, Logger } from '@nestjs/common';
import { DemoCompany, demoDeal, DemoProjectPlan, DemoReservePlan } from './demo-history';
import { demoLocalUscc } from './demo-investors';
import { DemoRepository } from './demo.repository';

export const PROJECTS_DATASET = 'projects-v1';

function actorOf(user: UserEntity): Actor {
  return actorOfUser(user, { sessionId: 'demo', requestId: `demo-${PROJECTS_DATASET}` });
}

/** The instant of a business day at which the demo says a thing was done (10:00 in 海州区). */
const onDay = (day: string) => new Date(`${day}T02:00:00Z`);

/**
 * Loads the demo projects through the pipeline's own services, each step on the day the history gives it
 * (the clock is set to that day for the step), so that their stage events, deals, funds, audit entries and
 * ranking figures are exactly what the application would have recorded had it been used all along.
 * Needs the investors data set (investors-v1) first: it converts the companies' open leads.
 */
@Injectable()
export class DemoProjectsSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly users: UserRepository,
    private readonly leads: LeadRepository,
    private readonly projects: ProjectService,
    private readonly projectRecords: ProjectRepository,
    private readonly stages: StageService,
    private readonly funds: FundService,
    private readonly clock: BusinessClock,
  ) {}

  /** Returns whether the data set was loaded now. */
  async load(history: DemoCompany[]): Promise<boolean> {
    if (await this.demo.isLoaded(PROJECTS_DATASET)) return false;
    const openLeads = await this.leads.openLeadIdsByCompanyName();
    const leaders = [await this.users.findByUsername('leader1'), await this.users.findByUsername('leader2')];
    const planned = history.filter((c) => openLeads.has(c.name) && (c.project || c.reserve));
    for (const [n, company] of planned.entries()) {
      await this.loadProject(company, openLeads.get(company.name) as string, n, leaders);
    }
    await this.demo.markLoaded(PROJECTS_DATASET);
    this.logger.log(`Loaded demo data set ${PROJECTS_DATASET} (${planned.length} projects)`);
    return true;
  }

  private async loadProject(
    company: DemoCompany,
    leadId: string,
    n: number,
    leaders: (UserEntity | null)[],
  ): Promise<void> {
    const lead = (await this.leads.findById(leadId, null)) as LeadEntity;
    const officer = await this.officerOf(lead);
    if (company.project) {
      await this.convert(lead, officer, company.project, n, leaders[n % leaders.length]);
      return;
    }
    const reserve = company.reserve as DemoReservePlan;
    const project = await this.clock.asOf(reserve.createdOn, () =>
      this.projects.create(actorOf(officer), {
        name: reserve.name,
        investorId: lead.investorId,
        industry: lead.industry ?? undefined,
        plannedInvestment: reserve.plannedInvestment,
        location: reserve.location,
        isKeyProject: false,
      }),
    );
    await this.projectRecords.backdateCreation(project.id, onDay(reserve.createdOn));
  }

  /** Converts one lead on its 在谈 day and moves its project through the stages of the plan, each on its day. */
  private async convert(
    lead: LeadEntity,
    officer: UserEntity,
    plan: DemoProjectPlan,
    n: number,
    leader: UserEntity | null,
  ): Promise<void> {
    const actor = actorOf(officer);
    let project: ProjectDto = await this.clock.asOf(plan.negotiating, () =>
      this.projects.convert(actor, lead.id, {
        name: plan.name,
        plannedInvestment: plan.plannedInvestment,
        location: plan.location,
        isKeyProject: plan.isKeyProject,
        plannedStartMonth: plan.plannedStartMonth,
        // 包保: a key project has a county-level leader answering for it
        responsibleLeaderId: plan.isKeyProject && leader ? leader.id : undefined,
        note: '双方就投资规模、用地和建设周期达成初步意向，转入在谈',
      }),
    );
    await this.projectRecords.backdateCreation(project.id, onDay(plan.negotiating));
    await this.leads.backdateClosing(lead.id, onDay(plan.negotiating));
    const move = async (day: string, request: StageRequest, note?: string) => {
      project = await this.clock.asOf(day, () =>
        this.stages.change(actor, project.id, { ...request, note, expectedVersion: project.version }),
      );
    };
    if (plan.terminated) {
      await move(plan.terminated, { to: plan.stage, reason: plan.terminatedReason ?? '项目终止' });
      return;
    }
    if (!plan.signed) return;
    await move(plan.signed, { to: Stage.Signed, deal: demoDeal(plan) }, '在区政府见证下签约');
    if (plan.upgraded) {
      const upgraded = plan.upgraded;
      project = await this.clock.asOf(upgraded, () =>
        this.stages.upgradeDeal(actor, project.id, {
          expectedVersion: project.version,
          note: '框架协议升级为正式投资合同',
          deal: { signedDate: upgraded, amount: plan.plannedInvestment, agreementType: AgreementType.Formal },
        }),
      );
    }
    if (plan.registered) {
      await move(plan.registered, {
        to: Stage.Registered,
        registration: { date: plan.registered, localCompanyUscc: demoLocalUscc(n) },
      });
    }
    if (plan.started) await move(plan.started, { to: Stage.Started, start: { date: plan.started } });
    if (plan.operating) {
      await move(plan.operating, { to: Stage.Operating, operation: { date: plan.operating } });
    }
    for (const fund of plan.funds) {
      await this.clock.asOf(fund.day, () =>
        this.funds.record(actor, project.id, {
          month: fund.month,
          amount: fund.amount,
          note: '企业出资到账（银行回单）',
        }),
      );
    }
  }

  private async officerOf(lead: LeadEntity): Promise<UserEntity> {
    const officer = await this.users.findById(lead.officerId);
    if (!officer) throw new Error(`demo officer ${lead.officerId} is missing`);
    return officer;
  }
}
