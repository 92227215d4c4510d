export type Role = 'staff' | 'bureau_head' | 'leader' | 'supervisor' | 'admin';

export interface BureauRef {
  code: string;
  name: string;
}

export interface UserRef {
  id: string;
  displayName: string;
}

export interface User extends UserRef {
  username: string;
  title: string | null;
  role: Role;
  bureau: BureauRef | null;
  /** A password someone else chose: the user must pick their own before anything else. */
  mustChangePassword?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type PeriodKind = 'week' | 'month' | 'quarter' | 'ytd';

export const FIGURE_KEYS = [
  'visits',
  'leaderVisits',
  'newLeads',
  'negotiating',
  'signedCount',
  'signedAmount',
  'registeredCount',
  'startedCount',
  'operatingCount',
  'fundsInPlace',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const TARGET_KEYS = [
  'visits',
  'newLeads',
  'signedCount',
  'signedAmount',
  'startedCount',
  'fundsInPlace',
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export interface RankingRow {
  bureau: BureauRef;
  rank: number;
  rankChange: number | null;
  score: number;
  figures: Record<FigureKey, number | string>;
  /** Year to date ÷ annual target (the same as completionYtd). */
  completion: Record<TargetKey, number | null>;
  /** The period's figures ÷ the period-scaled target. */
  completionPeriod: Record<TargetKey, number | null>;
  scoreBreakdown: {
    weightSum: number;
    terms: {
      metric: TargetKey;
      weight: number;
      actual: number;
      periodTarget: number;
      cappedRatio: number;
      points: number;
    }[];
  };
  behind: boolean;
  behindMetrics: string[];
}

export interface Ranking {
  period: { kind: PeriodKind; from: string; to: string; label: string };
  asOf: string;
  yearElapsed: number;
  scoreFormula: string;
  rows: RankingRow[];
}

export interface InvestorRef {
  id: string;
  name: string;
  uscc: string | null;
}

export interface OpenLeadRef {
  id: string;
  bureau: BureauRef;
  officer: UserRef;
  since: string;
}

export interface Investor extends InvestorRef {
  industry: string | null;
  region: string | null;
  openLead: OpenLeadRef | null;
}

export interface Lead {
  id: string;
  investor: InvestorRef;
  bureau: BureauRef;
  officer: UserRef;
  sourceLabel: string;
  industry: string | null;
  intendedAmount: string | null;
  nextFollowUpAt: string | null;
  lastContactAt: string | null;
  status: 'open' | 'converted' | 'dropped';
}

export type VisitKind = 'outbound' | 'inbound' | 'call' | 'fair';

export interface Visit {
  id: string;
  leadId: string | null;
  investor: InvestorRef | null;
  date: string;
  kind: VisitKind;
  kindLabel: string;
  leaders: UserRef[];
  summary: string;
  nextFollowUpAt: string | null;
}

export type Stage = 'reserve' | 'negotiating' | 'signed' | 'registered' | 'started' | 'operating' | 'terminated';

export interface Project {
  id: string;
  name: string;
  investor: InvestorRef;
  officer: UserRef;
  stage: Stage;
  stageLabel: string;
  version: number;
}

/** The district's words for what the API names in English. */
export const LABELS = {
  figures: {
    visits: '走访接洽',
    leaderVisits: '领导带队',
    newLeads: '新增线索',
    negotiating: '在谈',
    signedCount: '签约项目',
    signedAmount: '签约额(万元)',
    registeredCount: '注册落地',
    startedCount: '开工',
    operatingCount: '投产',
    fundsInPlace: '到位资金(万元)',
  } as Record<FigureKey, string>,
  periods: { week: '本周', month: '本月', quarter: '本季度', ytd: '年度累计' } as Record<PeriodKind, string>,
  visitKinds: {
    outbound: '走出去拜访',
    inbound: '请进来接待',
    call: '电话视频',
    fair: '展会洽谈',
  } as Record<VisitKind, string>,
  stages: {
    reserve: '储备/谋划',
    negotiating: '在谈',
    signed: '签约',
    registered: '注册落地',
    started: '开工',
    operating: '竣工投产',
    terminated: '终止',
  } as Record<Stage, string>,
  leadSources: {
    business_referral: '以商招商',
    fair: '展会',
    agency: '中介机构',
    visit: '走访',
    higher_level: '上级推送',
    online: '网络',
    other: '其他',
  } as Record<string, string>,
};

export const DISTRICT_READERS: Role[] = ['leader', 'supervisor', 'admin'];
