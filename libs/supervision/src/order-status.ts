/** Where a supervision order (督办单) stands. Every change is an immutable order event. */
export enum OrderStatus {
  /** 已下达: issued to a bureau, no handler yet. */
  Issued = 'issued',
  /** 办理中: the bureau head assigned a handler; the bureau replies with progress notes. */
  InProgress = 'in_progress',
  /** 申请延期: the bureau asked (once) for a later due date; the issuer decides. */
  ExtensionRequested = 'extension_requested',
  /** 已办复: the bureau reported the matter done; the issuer closes it or sends it back. */
  Reported = 'reported',
  /** 已办结. */
  Closed = 'closed',
}

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  [OrderStatus.Issued]: '已下达',
  [OrderStatus.InProgress]: '办理中',
  [OrderStatus.ExtensionRequested]: '申请延期',
  [OrderStatus.Reported]: '已办复',
  [OrderStatus.Closed]: '已办结',
};

/** The statuses of an order still open (not 办结). */
export const OPEN_STATUSES: readonly OrderStatus[] = [
  OrderStatus.Issued,
  OrderStatus.InProgress,
  OrderStatus.ExtensionRequested,
  OrderStatus.Reported,
];

export enum OrderAction {
  Issue = 'issue',
  Assign = 'assign',
  Reply = 'reply',
  RequestExtension = 'request_extension',
  GrantExtension = 'grant_extension',
  RefuseExtension = 'refuse_extension',
  Close = 'close',
  Return = 'return',
  Escalate = 'escalate',
}

export const ORDER_ACTION_LABELS: Record<OrderAction, string> = {
  [OrderAction.Issue]: '下达',
  [OrderAction.Assign]: '交办',
  [OrderAction.Reply]: '办理反馈',
  [OrderAction.RequestExtension]: '申请延期',
  [OrderAction.GrantExtension]: '同意延期',
  [OrderAction.RefuseExtension]: '不同意延期',
  [OrderAction.Close]: '办结',
  [OrderAction.Return]: '退回',
  [OrderAction.Escalate]: '逾期升级',
};

/** Whether an order is overdue on `today`: still open after its due date (the district's business day). */
export function isOverdue(order: { status: OrderStatus; dueDate: string }, today: string): boolean {
  return order.status !== OrderStatus.Closed && order.dueDate < today;
}
