/** What an enterprise asks for (诉求类别). */
export enum RequestKind {
  Land = 'land',
  Approval = 'approval',
  Utilities = 'utilities',
  Financing = 'financing',
  Labour = 'labour',
  Policy = 'policy',
  Other = 'other',
}

export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  [RequestKind.Land]: '用地',
  [RequestKind.Approval]: '审批',
  [RequestKind.Utilities]: '水电气暖',
  [RequestKind.Financing]: '融资',
  [RequestKind.Labour]: '用工',
  [RequestKind.Policy]: '政策兑现',
  [RequestKind.Other]: '其他',
};

/** Where the request was first heard. */
export enum RequestChannel {
  Visit = 'visit',
  Hotline = 'hotline_12345',
  Fuzhengtong = 'fuzhengtong',
  CallOrVisit = 'call_or_visit',
  Other = 'other',
}

export const REQUEST_CHANNEL_LABELS: Record<RequestChannel, string> = {
  [RequestChannel.Visit]: '走访',
  [RequestChannel.Hotline]: '12345 热线',
  [RequestChannel.Fuzhengtong]: '阜政通',
  [RequestChannel.CallOrVisit]: '来电来访',
  [RequestChannel.Other]: '其他',
};

export enum RequestStatus {
  Received = 'received',
  Routed = 'routed',
  Resolved = 'resolved',
  Closed = 'closed',
}

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  [RequestStatus.Received]: '已受理',
  [RequestStatus.Routed]: '办理中',
  [RequestStatus.Resolved]: '已办结待回访',
  [RequestStatus.Closed]: '已回访关闭',
};

export enum RequestEventType {
  Received = 'received',
  Routed = 'routed',
  Reply = 'reply',
  Resolved = 'resolved',
  Feedback = 'feedback',
}

export const REQUEST_EVENT_LABELS: Record<RequestEventType, string> = {
  [RequestEventType.Received]: '受理',
  [RequestEventType.Routed]: '交办',
  [RequestEventType.Reply]: '办理进展',
  [RequestEventType.Resolved]: '办结',
  [RequestEventType.Feedback]: '回访',
};

export enum Satisfaction {
  Satisfied = 'satisfied',
  BasicallySatisfied = 'basically_satisfied',
  Unsatisfied = 'unsatisfied',
}

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  [Satisfaction.Satisfied]: '满意',
  [Satisfaction.BasicallySatisfied]: '基本满意',
  [Satisfaction.Unsatisfied]: '不满意',
};

/** Days to resolve a request of each kind, counted in calendar days from the day it was received (REQUEST_DUE_DAYS). */
export type RequestDueDays = Record<RequestKind, number>;
