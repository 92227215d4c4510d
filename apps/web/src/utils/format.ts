import type { components } from '@/api/schema';

type Schemas = components['schemas'];
export type Stage = Schemas['ProjectDto']['stage'];
export type LeadSource = Schemas['LeadDto']['source'];
export type VisitKind = Schemas['VisitDto']['kind'];

/** The API's nullable text fields (typed loosely by the document) as the text a person reads. */
export function text(value: unknown, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  return String(value);
}

/** A date or time of the API (`2026-11-20`, an ISO instant) as 2026-11-20 or 2026-11-20 14:05. */
export function dateTime(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** An amount in 万元 as the API gives it ("12500.00"), or —. */
export function wan(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : `${String(value)} 万元`;
}

export const STAGES: { value: Stage; label: string }[] = [
  { value: 'reserve', label: '储备/谋划' },
  { value: 'negotiating', label: '在谈' },
  { value: 'signed', label: '签约' },
  { value: 'registered', label: '注册落地' },
  { value: 'started', label: '开工' },
  { value: 'operating', label: '竣工投产' },
  { value: 'terminated', label: '终止' },
];
export const STAGE_LABELS = Object.fromEntries(STAGES.map((s) => [s.value, s.label])) as Record<Stage, string>;

export const LEAD_SOURCES: { value: LeadSource; label: string }[] = [
  { value: 'business_referral', label: '以商招商' },
  { value: 'fair', label: '展会' },
  { value: 'agency', label: '中介机构' },
  { value: 'visit', label: '走访' },
  { value: 'higher_level', label: '上级推送' },
  { value: 'online', label: '网络' },
  { value: 'other', label: '其他' },
];

export const LEAD_STATUSES = [
  { value: 'open', label: '跟进中' },
  { value: 'converted', label: '已转项目' },
  { value: 'dropped', label: '已放弃' },
] as const;
export const LEAD_STATUS_LABELS: Record<string, string> = Object.fromEntries(
  LEAD_STATUSES.map((s) => [s.value, s.label]),
);

export const VISIT_KINDS: { value: VisitKind; label: string }[] = [
  { value: 'outbound', label: '走出去拜访' },
  { value: 'inbound', label: '请进来接待' },
  { value: 'call', label: '电话/视频' },
  { value: 'fair', label: '展会/推介会洽谈' },
];

export const TRANSFER_STATUSES = [
  { value: 'pending', label: '待审批' },
  { value: 'approved', label: '已同意' },
  { value: 'rejected', label: '已驳回' },
] as const;
export const TRANSFER_STATUS_LABELS: Record<string, string> = Object.fromEntries(
  TRANSFER_STATUSES.map((s) => [s.value, s.label]),
);

/** Today in the district's time zone, YYYY-MM-DD. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
export const VISIT_KIND_LABELS: Record<string, string> = Object.fromEntries(VISIT_KINDS.map((k) => [k.value, k.label]));
