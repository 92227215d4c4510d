import type { components } from '@/api/schema';

type Schemas = components['schemas'];
export type PeriodKind = Schemas['PeriodDto']['kind'];
export type FigureKey = keyof Schemas['FiguresDto'];
export type TargetKey = Schemas['ScoreTermDto']['metric'];
export type VisitKind = Schemas['VisitDto']['kind'];
export type Stage = Schemas['ProjectDto']['stage'];

/** The district's words for what the API names in English. */
export const PERIOD_LABELS: Record<PeriodKind, string> = {
  week: '本周',
  month: '本月',
  quarter: '本季度',
  ytd: '年度累计',
};

export const FIGURE_LABELS: Record<FigureKey, string> = {
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
  ordersOverdue: '督办逾期',
  ordersClosedLate: '逾期办结',
};

export const TARGET_KEYS: TargetKey[] = [
  'visits',
  'newLeads',
  'signedCount',
  'signedAmount',
  'startedCount',
  'fundsInPlace',
];

export const VISIT_KIND_LABELS: Record<VisitKind, string> = {
  outbound: '走出去拜访',
  inbound: '请进来接待',
  call: '电话视频',
  fair: '展会洽谈',
};

export const STAGE_LABELS: Record<Stage, string> = {
  reserve: '储备/谋划',
  negotiating: '在谈',
  signed: '签约',
  registered: '注册落地',
  started: '开工',
  operating: '竣工投产',
  terminated: '终止',
};

export const LEAD_SOURCE_LABELS: Record<Schemas['CreateLeadDto']['source'], string> = {
  business_referral: '以商招商',
  fair: '展会',
  agency: '中介机构',
  visit: '走访',
  higher_level: '上级推送',
  online: '网络',
  other: '其他',
};

export type RequestKind = Schemas['CreateServiceRequestDto']['kind'];
export type RequestChannel = Schemas['CreateServiceRequestDto']['channel'];

/** 企业诉求的类别（各有办理期限）、受理渠道、状态和回访满意度。 */
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  land: '用地',
  approval: '审批',
  utilities: '水电气暖',
  financing: '融资',
  labour: '用工',
  policy: '政策兑现',
  other: '其他',
};

export const REQUEST_CHANNEL_LABELS: Record<RequestChannel, string> = {
  visit: '走访',
  hotline_12345: '12345 热线',
  fuzhengtong: '阜政通',
  call_or_visit: '来电来访',
  other: '其他',
};

export const REQUEST_STATUS_LABELS: Record<Schemas['ServiceRequestDto']['status'], string> = {
  received: '已受理',
  routed: '办理中',
  resolved: '已办结待回访',
  closed: '已回访关闭',
};

export const SATISFACTION_LABELS: Record<Schemas['FeedbackServiceRequestDto']['satisfaction'], string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const AGREEMENT_LABELS: Record<string, string> = { framework: '框架协议', formal: '正式合同' };

/** A figure's name without its unit: 签约额(万元) → 签约额. */
export function metricLabel(key: string): string {
  return (FIGURE_LABELS as Record<string, string>)[key]?.replace(/\(万元\)/, '') ?? key;
}

/** 海州区第三招商局 → 第三招商局: the district prefix repeats on every row and crowds the charts. */
export function shortName(name: string): string {
  return name.replace(/^海州区/, '');
}

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)}%`;
}

/**
 * A number the OpenAPI document leaves untyped (a nullable number is described without its type, so the
 * generated type says `Record<string, never> | null`): the number, or null.
 */
export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** The same for a nullable string. */
export function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
