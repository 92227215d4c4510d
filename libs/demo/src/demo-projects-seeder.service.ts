import { Actor, BusinessClock } from '@app/core';
import { actorOfUser, UserEntity, UserRepository } from '@app/identity';
import { LeadEntity, LeadRepository, LeadStatus, withUsccCheckChar } from '@app/investors';
import {
  AgreementType,
  FundService,
  PipelineException,
  PipelineExceptionCode,
  ProjectDto,
  ProjectService,
  Stage,
  StageRequest,
  StageService,
} from '@app/pipeline';
import { Injectable, Logger } from '@nestjs/common';
import {
  DEMO_CONVERTED_PROJECTS,
  DEMO_RESERVE_PROJECTS,
  demoDeal,
  demoFunds,
  demoGateDates,
  DemoProjectPlan,
} from './demo-projects';
import { DemoRepository } from './demo.repository';

export const PROJECTS_DATASET = 'projects-v1';

const FUNDED: readonly Stage[] = [Stage.Registered, Stage.Started, Stage.Operating];

function actorOf(user: UserEntity): Actor {
  return actorOfUser(user, { sessionId: 'demo', requestId: `demo-${PROJECTS_DATASET}` });
}

/**
 * Loads the demo projects through the pipeline's own services, so that their stage events, deals, funds,
 * audit entries and ranking figures are exactly what the application itself would have recorded.
 * Needs the investors data set (investors-v1) first: it converts the first open demo leads.
 */
@Injectable()
export class DemoProjectsSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly users: UserRepository,
    private readonly leads: LeadRepository,
    private readonly projects: ProjectService,
    private readonly stages: StageService,
    private readonly funds: FundService,
    private readonly clock: BusinessClock,
  ) {}

  /** Returns whether the data set was loaded now. */
  async load(): Promise<boolean> {
    if (await this.demo.isLoaded(PROJECTS_DATASET)) return false;
    const [open] = await this.leads.list({ status: LeadStatus.Open }, 'createdAt', 0, 200);
    // by company name, so that every machine picks the same leads
    const leads = open.sort((a, b) => (a.investor?.name ?? '').localeCompare(b.investor?.name ?? '', 'zh-CN'));
    const leader = await this.users.findByUsername('leader1');
    const today = this.clock.today();
    let n = 0;
    let next = 0;
    for (const plan of DEMO_CONVERTED_PROJECTS) {
      while (next < leads.length) {
        const lead = leads[next++];
        if (await this.convert(lead, plan, n, today, leader)) {
          n += 1;
          break;
        }
      }
    }
    for (const plan of DEMO_RESERVE_PROJECTS) {
      const lead = leads[next++];
      if (!lead) break;
      const officer = await this.officerOf(lead);
      await this.projects.create(actorOf(officer), {
        name: this.nameOf(lead, plan),
        investorId: lead.investorId,
        industry: lead.industry ?? undefined,
        plannedInvestment: plan.plannedInvestment,
        location: plan.location,
        isKeyProject: plan.isKeyProject,
      });
      n += 1;
    }
    await this.demo.markLoaded(PROJECTS_DATASET);
    this.logger.log(`Loaded demo data set ${PROJECTS_DATASET} (${n} projects)`);
    return true;
  }

  /** Converts one lead and drives its project to the planned stage; false when the lead cannot convert. */
  private async convert(
    lead: LeadEntity,
    plan: DemoProjectPlan,
    n: number,
    today: string,
    leader: UserEntity | null,
  ): Promise<boolean> {
    const officer = await this.officerOf(lead);
    const actor = actorOf(officer);
    let project: ProjectDto;
    try {
      project = await this.projects.convert(actor, lead.id, {
        name: this.nameOf(lead, plan),
        plannedInvestment: plan.plannedInvestment,
        location: plan.location,
        isKeyProject: plan.isKeyProject,
        plannedStartMonth: daysAhead(today, 60 + n * 15).slice(0, 7),
        responsibleLeaderId: plan.isKeyProject && leader ? leader.id : undefined,
        note: '双方就投资规模、用地和建设周期达成一致，转入在谈',
      });
    } catch (error) {
      // the lead with a pending transfer waits for its decision
      if (error instanceof PipelineException && error.code === PipelineExceptionCode.LeadTransferPending) return false;
      throw error;
    }
    const dates = demoGateDates(today, n);
    const move = async (request: StageRequest, note?: string) => {
      project = await this.stages.change(actor, project.id, { ...request, note, expectedVersion: project.version });
    };
    if (plan.stage === Stage.Terminated) {
      await move({ to: Stage.Terminated, reason: plan.terminatedReason ?? '项目终止' });
      return true;
    }
    if (plan.stage === Stage.Negotiating) return true;
    await move({ to: Stage.Signed, deal: demoDeal(n, plan, dates.signed) }, '在区政府见证下签约');
    if (plan.upgraded) {
      project = await this.stages.upgradeDeal(actor, project.id, {
        expectedVersion: project.version,
        note: '框架协议升级为正式投资合同',
        deal: {
          signedDate: dates.upgraded,
          amount: `${Number(plan.plannedInvestment.split('.')[0]) + 5000}.00`,
          agreementType: AgreementType.Formal,
        },
      });
    }
    if (plan.stage === Stage.Signed) return true;
    await move({
      to: Stage.Registered,
      registration: { date: dates.registered, localCompanyUscc: localUscc(n) },
    });
    if (plan.stage !== Stage.Registered) await move({ to: Stage.Started, start: { date: dates.started } });
    if (plan.stage === Stage.Operating) await move({ to: Stage.Operating, operation: { date: dates.operating } });
    if (FUNDED.includes(plan.stage)) {
      for (const fund of demoFunds(n, dates.registered, today)) {
        await this.funds.record(actor, project.id, { ...fund, note: '企业出资到账（银行回单）' });
      }
    }
    return true;
  }

  private async officerOf(lead: LeadEntity): Promise<UserEntity> {
    const officer = await this.users.findById(lead.officerId);
    if (!officer) throw new Error(`demo officer ${lead.officerId} is missing`);
    return officer;
  }

  private nameOf(lead: LeadEntity, plan: DemoProjectPlan): string {
    const company = (lead.investor?.name ?? '').replace(/(股份)?有限(责任)?公司$/, '');
    return `${company}${plan.suffix}`;
  }
}

function daysAhead(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The local company the investor registers in 海州区 (行政区划 210902), one per demo project. */
function localUscc(n: number): string {
  return withUsccCheckChar(`91210902MA${String(n + 1).padStart(7, '0')}`);
}
