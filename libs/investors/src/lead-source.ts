/** Where a lead came from: English codes in the API, the district's own words on screen and in Excel. */
export enum LeadSource {
  BusinessReferral = 'business_referral',
  Fair = 'fair',
  Agency = 'agency',
  Visit = 'visit',
  HigherLevel = 'higher_level',
  Online = 'online',
  Other = 'other',
}

export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  [LeadSource.BusinessReferral]: '以商招商',
  [LeadSource.Fair]: '展会',
  [LeadSource.Agency]: '中介机构',
  [LeadSource.Visit]: '走访',
  [LeadSource.HigherLevel]: '上级推送',
  [LeadSource.Online]: '网络',
  [LeadSource.Other]: '其他',
};

/** A source given either as its code or as its Chinese label (Excel ledgers use the label). */
export function parseLeadSource(text: string): LeadSource | null {
  const value = text.trim();
  if ((Object.values(LeadSource) as string[]).includes(value)) return value as LeadSource;
  const entry = Object.entries(LEAD_SOURCE_LABELS).find(([, label]) => label === value);
  return entry ? (entry[0] as LeadSource) : null;
}

export enum LeadStatus {
  Open = 'open',
  Converted = 'converted',
  Dropped = 'dropped',
}

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  [LeadStatus.Open]: '跟进中',
  [LeadStatus.Converted]: '已转化',
  [LeadStatus.Dropped]: '已放弃',
};

export enum VisitKind {
  Outbound = 'outbound',
  Inbound = 'inbound',
  Call = 'call',
  Fair = 'fair',
}

export const VISIT_KIND_LABELS: Record<VisitKind, string> = {
  [VisitKind.Outbound]: '走出去拜访',
  [VisitKind.Inbound]: '请进来接待',
  [VisitKind.Call]: '电话/视频',
  [VisitKind.Fair]: '展会/推介会洽谈',
};

export enum TransferStatus {
  Pending = 'pending',
  Approved = 'approved',
  Rejected = 'rejected',
}
