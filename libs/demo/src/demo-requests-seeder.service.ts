import { Actor, addDays, BusinessClock } from '@app/core';
import { actorOfUser, BureauRepository, UserEntity, UserRepository } from '@app/identity';
import { ProjectProgressService } from '@app/pipeline';
import {
  RequestChannel,
  RequestKind,
  Satisfaction,
  ServiceDepartmentService,
  ServiceRequestDetailDto,
  ServiceRequestRepository,
  ServiceRequestService,
} from '@app/requests';
import { Injectable, Logger } from '@nestjs/common';
import { DemoRepository } from './demo.repository';

export const REQUESTS_DATASET = 'requests-v1';

/** One demo request: days before today of each step it has taken (the steps not given are not taken yet). */
interface DemoRequestPlan {
  kind: RequestKind;
  channel: RequestChannel;
  content: string;
  received: number;
  department?: string;
  routed?: number;
  reply?: [number, string];
  resolved?: [number, string];
  feedback?: [number, Satisfaction, string];
  /** Received by a bureau other than the project's (whoever hears it first owns it). */
  elsewhere?: boolean;
}

const PLANS: DemoRequestPlan[] = [
  {
    kind: RequestKind.Land,
    channel: RequestChannel.Visit,
    content: '二期厂房用地指标尚未落实，希望协调年内供地',
    received: 40,
    department: '区自然资源局',
    routed: 38,
    reply: [30, '已现场踏勘，拟纳入下批次供地计划'],
    resolved: [20, '地块已挂牌出让，企业已摘牌'],
    feedback: [18, Satisfaction.Satisfied, '企业负责人对办理速度满意'],
  },
  {
    kind: RequestKind.Approval,
    channel: RequestChannel.Hotline,
    content: '环评批复进度咨询，希望加快审批',
    received: 25,
    department: '区营商局',
    routed: 24,
    resolved: [12, '已开通绿色通道，环评批复已下达'],
    feedback: [10, Satisfaction.BasicallySatisfied, '企业表示基本满意，建议进一步压缩时限'],
  },
  {
    kind: RequestKind.Utilities,
    channel: RequestChannel.Fuzhengtong,
    content: '新建车间 10 千伏专线接电迟迟未完成',
    received: 30,
    department: '区住建局',
    routed: 29,
    reply: [22, '已与供电公司对接，等待线路施工排期'],
    elsewhere: true,
  },
  {
    kind: RequestKind.Financing,
    channel: RequestChannel.CallOrVisit,
    content: '流动资金贷款需求 3000 万元，希望对接政银企平台',
    received: 10,
    department: '区财政局',
    routed: 9,
  },
  {
    kind: RequestKind.Labour,
    channel: RequestChannel.Hotline,
    content: '投产前需招聘一线操作工 80 人',
    received: 5,
  },
  {
    kind: RequestKind.Policy,
    channel: RequestChannel.Other,
    content: '申请兑现招商引资固定资产投资奖励',
    received: 50,
    department: '区发改局',
    routed: 49,
    reply: [35, '材料已补齐，待联审'],
    resolved: [20, '奖励资金已拨付'],
    feedback: [15, Satisfaction.Unsatisfied, '企业认为兑现周期过长'],
  },
  {
    kind: RequestKind.Other,
    channel: RequestChannel.Visit,
    content: '厂区周边道路照明不足，夜班员工出行不便',
    received: 3,
  },
  {
    kind: RequestKind.Land,
    channel: RequestChannel.Hotline,
    content: '不动产权证办理咨询',
    received: 15,
    department: '区自然资源局',
    routed: 14,
    resolved: [2, '不动产权证已办结发放'],
    elsewhere: true,
  },
];

/** The instant of a business day at which the demo says a thing was done (10:00 in 海州区). */
const onDay = (day: string) => new Date(`${day}T02:00:00Z`);

/**
 * Loads a handful of 企业诉求 of landed companies across bureaus and states through the requests library's own
 * service, each step on its day (the clock set to it): received, routed, replied, resolved, closed by 回访 —
 * one overdue, one resolved late and rated 不满意. Needs the projects data set first.
 */
@Injectable()
export class DemoRequestsSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly users: UserRepository,
    private readonly bureaus: BureauRepository,
    private readonly progress: ProjectProgressService,
    private readonly requests: ServiceRequestService,
    private readonly records: ServiceRequestRepository,
    private readonly departments: ServiceDepartmentService,
    private readonly clock: BusinessClock,
  ) {}

  /** Returns whether the data set was loaded now. */
  async load(today: string): Promise<boolean> {
    if (await this.demo.isLoaded(REQUESTS_DATASET)) return false;
    const landed = await this.progress.landedInvestors();
    const bureaus = [...(await this.bureaus.list())].sort((a, b) => a.code.localeCompare(b.code));
    const departments = new Map((await this.departments.list()).items.map((d) => [d.name, d.id]));
    let loaded = 0;
    for (const [n, plan] of PLANS.entries()) {
      if (landed.length === 0) break;
      const company = landed[n % landed.length];
      const index = bureaus.findIndex((b) => b.id === company.bureauId);
      const bureau = plan.elsewhere ? bureaus[(index + 1) % bureaus.length] : bureaus[index];
      const receiver = await this.users.findByUsername(`staff${bureau.code.slice(1)}a`);
      if (!receiver) continue;
      await this.loadRequest(plan, company.investorId, receiver, departments, today);
      loaded += 1;
    }
    await this.demo.markLoaded(REQUESTS_DATASET);
    this.logger.log(`Loaded demo data set ${REQUESTS_DATASET} (${loaded} requests)`);
    return true;
  }

  private async loadRequest(
    plan: DemoRequestPlan,
    investorId: string,
    receiver: UserEntity,
    departments: Map<string, string>,
    today: string,
  ): Promise<void> {
    const actor: Actor = actorOfUser(receiver, { sessionId: 'demo', requestId: `demo-${REQUESTS_DATASET}` });
    const day = (daysAgo: number) => addDays(today, -daysAgo);
    const receivedOn = day(plan.received);
    let request: ServiceRequestDetailDto = await this.clock.asOf(receivedOn, () =>
      this.requests.create(actor, {
        investorId,
        kind: plan.kind,
        channel: plan.channel,
        content: plan.content,
        receivedOn,
      }),
    );
    await this.records.backdateCreation(request.id, onDay(receivedOn));
    const at = async (daysAgo: number, work: (date: string) => Promise<ServiceRequestDetailDto>) => {
      const date = day(daysAgo);
      request = await this.clock.asOf(date, () => work(date));
    };
    if (plan.routed !== undefined && plan.department) {
      const departmentId = departments.get(plan.department) as string;
      await at(plan.routed, (date) =>
        this.requests.route(actor, request.id, { expectedVersion: request.version, departmentId, date }),
      );
    }
    if (plan.reply) {
      const note = plan.reply[1];
      await at(plan.reply[0], (date) =>
        this.requests.reply(actor, request.id, { expectedVersion: request.version, note, date }),
      );
    }
    if (plan.resolved) {
      const resolution = plan.resolved[1];
      await at(plan.resolved[0], (date) =>
        this.requests.resolve(actor, request.id, { expectedVersion: request.version, resolution, date }),
      );
    }
    if (plan.feedback) {
      const [, satisfaction, note] = plan.feedback;
      await at(plan.feedback[0], (date) =>
        this.requests.feedback(actor, request.id, { expectedVersion: request.version, satisfaction, note, date }),
      );
    }
  }
}
