import { addDays, daysBetween } from '@app/core';
import { LeadSource, VisitKind } from '@app/investors';
import { AgreementType, Stage } from '@app/pipeline';
import {
  DEMO_BRANDS,
  DEMO_BUREAUS,
  DEMO_REGIONS,
  DemoBureauPlan,
  DemoLine,
  GIVEN_NAMES,
  SURNAMES,
  TITLES,
} from './demo-catalog';

/**
 * The demo's year and a half of 招商 work, worked out from "today" alone: the same history for the same day on
 * every machine, every date in it on or before today. Each bureau registers leads, visits them (more in spring
 * and autumn), drops some, lets a few go idle and converts others into projects that move through the stages
 * at the pace real projects do (weeks to months from 在谈 to 签约, months to 开工, about a year to 投产).
 */

export interface DemoVisit {
  date: string;
  kind: VisitKind;
  summary: string;
  nextSteps: string;
  place: string;
  leaderLed: boolean;
  /** Not before the visit's own date. */
  nextFollowUpAt: string | null;
}

export interface DemoProjectPlan {
  name: string;
  /** The stage the project stands in today. */
  stage: Stage;
  plannedInvestment: string;
  location: string;
  isKeyProject: boolean;
  plannedStartMonth: string;
  /** The day of each stage the project went through, in order; only those it reached. */
  negotiating: string;
  signed?: string;
  /** A framework agreement upgraded to a formal contract on this day (before registration). */
  upgraded?: string;
  registered?: string;
  started?: string;
  operating?: string;
  terminated?: string;
  terminatedReason?: string;
  funds: { month: string; day: string; amount: string }[];
}

export interface DemoReservePlan {
  name: string;
  plannedInvestment: string;
  location: string;
  createdOn: string;
}

export interface DemoCompany {
  name: string;
  brand: string;
  /** 行政区划 code of the registering authority. */
  regionCode: string;
  region: string;
  industry: string;
  chainPosition: string;
  isChainLeader: boolean;
  contact: { name: string; title: string };
  bureauCode: string;
  lead: {
    officer: string;
    source: LeadSource;
    amount: string;
    createdOn: string;
    visits: DemoVisit[];
    status: 'open' | 'dropped' | 'converted';
    /** The day a dropped lead was closed. */
    closedOn?: string;
    dropReason?: string;
  };
  project?: DemoProjectPlan;
  reserve?: DemoReservePlan;
}

/** How far back the history goes; leads older than a year are kept only when they became projects. */
const HISTORY_DAYS = 540;
const KEEP_OPEN_DAYS = 400;
/** No business date before this one (the rule for every dated field). */
const EARLIEST = '2000-01-01';

/** Relative weight of 招商 activity by month: quiet at 春节 and in high summer, busy in spring and autumn. */
const SEASON = [0.55, 0.45, 1.1, 1.3, 1.3, 1.0, 0.8, 0.8, 1.25, 1.05, 1.3, 0.9];
const SEASON_MAX = Math.max(...SEASON);

const SOURCES: LeadSource[] = [
  LeadSource.BusinessReferral,
  LeadSource.BusinessReferral,
  LeadSource.Fair,
  LeadSource.Visit,
  LeadSource.Visit,
  LeadSource.Agency,
  LeadSource.HigherLevel,
  LeadSource.Online,
];

const DROP_REASONS = [
  '企业决定在现有基地扩产，暂无外地投资计划',
  '企业资金链紧张，投资计划推迟',
  '企业选址倾向省外园区，用地和电价条件未达成一致',
  '项目不符合园区产业准入和环评要求',
  '企业集团战略调整，取消新增产能',
];

const TERMINATION_REASONS = [
  '企业总部调整投资计划，项目终止',
  '项目环评未获通过，企业放弃投资',
  '企业融资未落实，双方协商终止',
];

/** A small deterministic generator (mulberry32), one per bureau, so that bureaus do not shift each other. */
class Random {
  private state: number;

  constructor(seed: string) {
    let h = 1779033703;
    for (const char of seed) h = Math.imul(h ^ char.charCodeAt(0), 3432918353);
    this.state = h >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A day in [from, to] drawn with the seasonal weights. */
  seasonalDay(from: string, to: string): string {
    const span = daysBetween(from, to);
    for (let tries = 0; tries < 40; tries++) {
      const day = addDays(from, this.int(0, span));
      if (this.next() * SEASON_MAX < SEASON[Number(day.slice(5, 7)) - 1]) return day;
    }
    return addDays(from, this.int(0, span));
  }
}

const money = (value: number) => `${Math.round(value)}.00`;
const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);
const monthAfter = (day: string, months: number) => {
  const [year, month] = day.split('-').map(Number);
  const index = year * 12 + month - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const monthEnd = (month: string) => addDays(`${monthAfter(`${month}-01`, 1)}-01`, -1);

/** The demo's companies with their leads, visits and projects as of `today`, bureau after bureau. */
export function demoHistory(today: string): DemoCompany[] {
  const used = new Set<string>();
  return DEMO_BUREAUS.flatMap((bureau) => bureauHistory(bureau, today, used));
}

function bureauHistory(bureau: DemoBureauPlan, today: string, used: Set<string>): DemoCompany[] {
  const random = new Random(`haizhou-demo-${bureau.code}`);
  const { targets, pace } = bureau;
  const start = maxDay(addDays(today, -HISTORY_DAYS), EARLIEST);
  const courses = projectCourses(bureau, random, start, today);
  // the other leads of the last year or so: the yearly target at the bureau's pace, less those that convert
  const yearly = Math.max(0, targets.newLeads * pace - courses.length * (365 / HISTORY_DAYS));
  const others = Math.round((yearly / 365) * KEEP_OPEN_DAYS);
  const keepFrom = maxDay(addDays(today, -KEEP_OPEN_DAYS), start);
  const seeds: { createdOn: string; course?: Course }[] = [
    ...courses.map((course) => ({ createdOn: course.createdOn, course })),
    ...Array.from({ length: others }, () => ({ createdOn: random.seasonalDay(keepFrom, addDays(today, -1)) })),
  ].sort((x, y) => x.createdOn.localeCompare(y.createdOn));
  const drafts: Draft[] = [];
  for (const [i, { createdOn, course }] of seeds.entries()) {
    const age = daysBetween(createdOn, today);
    const company = newCompany(bureau, random, i, used);
    const meanAmount = targets.signedAmount / targets.signedCount;
    const amount = Math.round((meanAmount * (0.4 + random.next() * 1.3)) / 100) * 100;
    const lead: DemoCompany['lead'] = {
      officer: random.pick(bureau.officers),
      source: random.pick(SOURCES),
      amount: money(amount),
      createdOn,
      visits: [],
      status: 'open',
    };
    let last: string;
    let idle = false;
    if (course) {
      last = course.negotiating;
      company.project = projectPlan(bureau, company, random, course, today, amount);
      lead.status = 'converted';
    } else if (age > 60 && random.chance(0.22)) {
      last = minDay(addDays(createdOn, random.int(30, 150)), addDays(today, -3));
      lead.status = 'dropped';
      lead.closedOn = last;
      lead.dropReason = random.pick(DROP_REASONS);
    } else if (age > 45 && random.chance(0.16)) {
      // idle: the last contact 30 to 75 days ago, a yellow or red light
      last = addDays(today, -random.int(30, Math.min(75, age)));
      idle = true;
    } else {
      last = addDays(today, -random.int(0, Math.min(20, age)));
    }
    drafts.push({ company: { ...company, lead }, span: { from: createdOn, to: last }, idle });
  }
  spreadVisits(bureau, drafts, random, today);
  const companies = drafts.map((d) => d.company);
  const open = companies.filter((c) => c.lead.status === 'open' && daysBetween(c.lead.createdOn, today) > 30);
  // 储备/谋划: the bureau files one or two of its followed companies' plans as reserve projects
  for (const company of open.slice(0, 2)) {
    const line = lineOf(bureau, company);
    const visits = company.lead.visits;
    company.reserve = {
      name: `${company.brand}${line.projects[1]}`.replace(/项目$/, '谋划项目'),
      plannedInvestment: money(Math.round(Number(company.lead.amount) * 1.5)),
      location: bureau.park,
      createdOn: visits[visits.length - 1].date,
    };
  }
  return companies;
}

/** A company on its way into the history, with the days its lead was followed. */
interface Draft {
  company: DemoCompany;
  span: { from: string; to: string };
  idle: boolean;
}

/** The line of business a company's name says it is in (the longest word that fits: 冷链物流 before 物流). */
export function lineOf(bureau: DemoBureauPlan, company: Pick<DemoCompany, 'name'>): DemoLine {
  const fitting = bureau.lines.filter((l) => company.name.includes(l.noun));
  return fitting.sort((a, b) => b.noun.length - a.noun.length)[0] ?? bureau.lines[0];
}

function newCompany(bureau: DemoBureauPlan, random: Random, i: number, used: Set<string>): Omit<DemoCompany, 'lead'> {
  const line = bureau.lines[i % bureau.lines.length];
  let name = '';
  let brand = '';
  let region = DEMO_REGIONS[0];
  for (let k = 0; !name || used.has(name); k++) {
    brand = DEMO_BRANDS[(i * 37 + Number(bureau.code.slice(1)) * 11 + k * 7) % DEMO_BRANDS.length];
    region = random.pick(DEMO_REGIONS);
    const form = random.int(0, 9);
    if (form < 2 && region[0] !== '阜新') {
      // a subsidiary set up in 阜新 by a company from elsewhere: 辽宁华晟（阜新）氟材料有限公司
      name = `${region[0]}${brand}（阜新）${line.noun}有限公司`;
      region = ['阜新', '210902', '辽宁省阜新市海州区'];
    } else if (form < 3) {
      name = `${region[0]}${brand}${line.noun}集团有限公司`;
    } else {
      name = `${region[0]}${brand}${line.noun}有限公司`;
    }
  }
  used.add(name);
  return {
    name,
    brand,
    regionCode: region[1],
    region: region[2],
    industry: line.industry,
    chainPosition: line.chain,
    isChainLeader: name.includes('集团'),
    contact: {
      name: `${SURNAMES[random.int(0, SURNAMES.length - 1)]}${random.pick(GIVEN_NAMES)}`,
      title: random.pick(TITLES),
    },
    bureauCode: bureau.code,
  };
}

/** How a converted lead's project goes: when it was registered as a lead, entered 在谈 and, if it did, signed. */
interface Course {
  createdOn: string;
  negotiating: string;
  signed?: string;
  terminated?: string;
  /** The furthest stage it may reach by today (it stalls there). */
  ceiling: Stage;
}

/**
 * The bureau's signings at its yearly rate (its target at its pace), evenly spread with some jitter, each
 * with the weeks of 在谈 before it and the lead before that; then the projects still in 在谈 and the odd one
 * that fell through. Most signed projects go on to register, start and produce as time allows; a few stall.
 */
function projectCourses(bureau: DemoBureauPlan, random: Random, start: string, today: string): Course[] {
  const { targets, pace } = bureau;
  const courses: Course[] = [];
  const interval = 365 / (targets.signedCount * pace);
  const startShare = Math.min(0.9, targets.startedCount / targets.signedCount / 0.85);
  for (let j = 0; ; j++) {
    const signed = addDays(today, -Math.round((j + 0.15 + 0.7 * random.next()) * interval));
    const negotiating = addDays(signed, -random.int(25, 110));
    const createdOn = addDays(negotiating, -random.int(20, 75));
    if (createdOn < start) break;
    const fate = random.next();
    const ceiling =
      fate < 0.06
        ? Stage.Signed
        : fate < 0.06 + 0.6 * (1 - startShare)
          ? Stage.Registered
          : random.chance(0.55)
            ? Stage.Operating
            : Stage.Started;
    courses.push({ createdOn, negotiating, signed, ceiling });
  }
  // in 在谈 now: entered in the last four months
  const talking = Math.max(1, Math.round(targets.signedCount * pace * 0.35));
  for (let j = 0; j < talking; j++) {
    const negotiating = maxDay(addDays(today, -random.int(0, 120)), start);
    courses.push({
      createdOn: maxDay(addDays(negotiating, -random.int(20, 75)), start),
      negotiating,
      ceiling: Stage.Negotiating,
    });
  }
  if (random.chance(0.6)) {
    const terminated = addDays(today, -random.int(10, 200));
    const negotiating = addDays(terminated, -random.int(40, 120));
    if (negotiating >= start) {
      courses.push({
        createdOn: maxDay(addDays(negotiating, -random.int(20, 75)), start),
        negotiating,
        terminated,
        ceiling: Stage.Negotiating,
      });
    }
  }
  return courses;
}

/** A converted lead's project: each stage some weeks or months after the one before, as far as today allows. */
function projectPlan(
  bureau: DemoBureauPlan,
  company: Omit<DemoCompany, 'lead'>,
  random: Random,
  course: Course,
  today: string,
  amount: number,
): DemoProjectPlan {
  const line = lineOf(bureau, company);
  const { negotiating, ceiling } = course;
  const plan: DemoProjectPlan = {
    name: `${company.brand}${random.pick(line.projects)}`,
    stage: Stage.Negotiating,
    plannedInvestment: money(amount),
    location: bureau.park,
    isKeyProject: amount >= 30_000 || company.isChainLeader,
    plannedStartMonth: monthAfter(negotiating, random.int(4, 8)),
    negotiating,
    funds: [],
  };
  if (course.terminated) {
    plan.stage = Stage.Terminated;
    plan.terminated = course.terminated;
    plan.terminatedReason = random.pick(TERMINATION_REASONS);
    return plan;
  }
  const order = [Stage.Negotiating, Stage.Signed, Stage.Registered, Stage.Started, Stage.Operating];
  const allowed = (stage: Stage) => order.indexOf(stage) <= order.indexOf(ceiling);
  const signed = course.signed;
  if (!signed || !allowed(Stage.Signed)) return plan;
  plan.stage = Stage.Signed;
  plan.signed = signed;
  plan.plannedStartMonth = monthAfter(signed, random.int(3, 6));
  const registered = addDays(signed, random.int(15, 75));
  if (random.chance(0.25)) {
    const upgraded = addDays(signed, random.int(10, 40));
    if (upgraded <= today && upgraded < registered) plan.upgraded = upgraded;
  }
  if (!allowed(Stage.Registered) || registered > today) return plan;
  plan.stage = Stage.Registered;
  plan.registered = registered;
  const started = addDays(registered, random.int(30, 120));
  plan.plannedStartMonth = started.slice(0, 7);
  if (allowed(Stage.Started) && started <= today) {
    plan.stage = Stage.Started;
    plan.started = started;
    const operating = addDays(started, random.int(150, 300));
    if (allowed(Stage.Operating) && operating <= today) {
      plan.stage = Stage.Operating;
      plan.operating = operating;
    }
  }
  // funds in place: a tranche every two or three months from registration, larger once building has
  // started, up to 85 % of the investment
  let total = 0;
  for (
    let month = registered.slice(0, 7);
    month <= today.slice(0, 7);
    month = monthAfter(`${month}-01`, random.int(2, 3))
  ) {
    const share = plan.started && month >= plan.started.slice(0, 7) ? 0.1 + random.next() * 0.12 : 0.04;
    const value = Math.round(amount * share);
    if (total + value > amount * 0.85) break;
    total += value;
    const day = minDay(monthEnd(month), today);
    plan.funds.push({ month, day: day < registered ? registered : day, amount: money(value) });
  }
  return plan;
}

const SUMMARIES: Record<VisitKind, ((c: DemoCompany, line: DemoLine, park: string) => string)[]> = {
  [VisitKind.Outbound]: [
    (c, l) => `赴${c.region}走请企业高层，介绍海州区“双千双百”目标和${l.industry}产业链招商政策，企业关注${l.topic}`,
    (c) => `登门拜访${c.contact.name}${c.contact.title}，围绕产业链头部企业配套落地交换意见，企业初步认可海州区区位`,
    (c, l) => `带队赴企业总部对接，就${l.topic}逐项答复，约定下一步来阜考察`,
  ],
  [VisitKind.Inbound]: [
    (_c, l, park) => `企业负责人来阜考察${park}，实地查看意向地块，重点了解${l.topic}`,
    (_c, _l, park) => `接待企业考察团，参观${park}已落地项目，座谈中企业提出用地、用电和审批时限方面的需求`,
  ],
  [VisitKind.Call]: [
    (c) => `电话沟通项目进展，${c.contact.name}表示企业内部正在进行投资可行性论证`,
    (_c, l) => `视频会议对接，就${l.topic}交换意见，企业补充提供了项目建议书`,
  ],
  [VisitKind.Fair]: [
    (_c, l) => `在${l.industry}产业推介会上洽谈，企业对海州区要素保障和营商环境表示认可`,
    () => `在省市招商推介活动中对接，介绍“项目为王”理念下的包保服务机制，企业留下投资意向`,
  ],
};
const NEXT_STEPS = [
  '整理企业关注的问题清单，协调发改、自然资源等部门答复',
  '准备意向地块踏勘和规划条件',
  '邀请企业高层来阜考察，争取分管县级领导走请',
  '跟进企业董事会决策，适时推动签约',
  '协调园区测算水、电、汽等要素成本',
  '对接包保县级领导，研究项目支持政策',
];

/**
 * Visits of the bureau's leads: about its yearly visits target at its pace, each lead's share by how long it
 * was followed, drawn with the seasons; the first on the day the lead was registered, each with a next
 * follow-up after it (an active lead's next follow-up lies ahead, an idle one's is overdue).
 */
function spreadVisits(bureau: DemoBureauPlan, drafts: Draft[], random: Random, today: string): void {
  const windowStart = addDays(today, -KEEP_OPEN_DAYS);
  const totalDays = drafts.reduce((n, d) => n + daysBetween(d.span.from, d.span.to) + 1, 0);
  const wanted = ((bureau.targets.visits * bureau.pace) / 365) * KEEP_OPEN_DAYS * 0.95;
  const perDay = totalDays > 0 ? wanted / totalDays : 0;
  for (const { company, span, idle } of drafts) {
    const { from, to } = span;
    const length = daysBetween(from, to);
    // leads from the older history were visited as often as now, but weigh less on this year's count
    const count = Math.max(1, Math.round((length + 1) * perDay * (from < windowStart ? 0.6 : 1)));
    const days = [from, ...Array.from({ length: count - 1 }, () => random.seasonalDay(from, to))];
    if (count > 1 && !days.includes(to)) days[days.length - 1] = to;
    days.sort();
    const line = lineOf(bureau, company);
    company.lead.visits = days.map((date, i) => {
      const kind =
        i === 0 && company.lead.source === LeadSource.Fair
          ? VisitKind.Fair
          : random.pick([VisitKind.Outbound, VisitKind.Outbound, VisitKind.Inbound, VisitKind.Call, VisitKind.Call]);
      const last = i === days.length - 1;
      let nextFollowUpAt: string | null = addDays(date, random.int(10, 30));
      if (last && company.lead.status !== 'open') nextFollowUpAt = null;
      else if (last && !idle && nextFollowUpAt <= today) nextFollowUpAt = addDays(today, random.int(3, 21));
      return {
        date,
        kind,
        summary: random.pick(SUMMARIES[kind])(company, line, bureau.park),
        nextSteps: random.pick(NEXT_STEPS),
        place:
          kind === VisitKind.Inbound
            ? bureau.park
            : kind === VisitKind.Call
              ? '电话/视频'
              : kind === VisitKind.Fair
                ? '沈阳·辽宁省重点产业招商推介会'
                : company.region,
        leaderLed: kind !== VisitKind.Call && random.chance(kind === VisitKind.Outbound ? 0.2 : 0.12),
        nextFollowUpAt,
      };
    });
  }
}

/** The agreement a demo project first signs: a framework agreement when it is upgraded later. */
export function demoDeal(plan: DemoProjectPlan) {
  return {
    signedDate: plan.signed as string,
    amount: plan.plannedInvestment,
    agreementType: plan.upgraded ? AgreementType.Framework : AgreementType.Formal,
  };
}
