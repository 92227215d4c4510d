import { Role } from '@app/core';
import { OrderAction, OrderStatus, ORDER_STATUS_LABELS } from './order-status';
import { SupervisionException, SupervisionExceptionCode as Code } from './supervision.exception';

/** What the rules need to know of an order. */
export interface OrderState {
  status: OrderStatus;
  bureauId: string;
  issuerId: string;
  handlerId: string | null;
  dueDate: string;
  /** An order may ask for an extension once: set by the request, kept whatever the decision. */
  extensionRequested: boolean;
  requestedDueDate: string | null;
  closedOn: string | null;
  escalatedOn: string | null;
}

/** Who acts: a user (role, bureau), or the system's daily escalation (`null`). */
export interface OrderActor {
  userId: string;
  role: Role;
  bureauId: string | null;
}

export type OrderCommand =
  | { action: OrderAction.Assign; handlerId: string; note?: string }
  | { action: OrderAction.Reply; note: string; final?: boolean }
  | { action: OrderAction.RequestExtension; reason: string; dueDate: string }
  | { action: OrderAction.GrantExtension; note?: string }
  | { action: OrderAction.RefuseExtension; note?: string }
  | { action: OrderAction.Close; note?: string }
  | { action: OrderAction.Return; reason: string }
  | { action: OrderAction.Escalate; leaderId: string; overdueDays: number };

/** One immutable order event to write. */
export interface OrderStep {
  action: OrderAction;
  from: OrderStatus | null;
  to: OrderStatus;
  businessDate: string;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface OrderPlan {
  step: OrderStep;
  state: OrderState;
}

const fail = (code: Code, message: string, details?: unknown): never => {
  throw new SupervisionException(code, message, details);
};

/** The statuses each action may start from. */
export const ACTION_FROM: Record<Exclude<OrderAction, OrderAction.Issue>, readonly OrderStatus[]> = {
  [OrderAction.Assign]: [OrderStatus.Issued],
  [OrderAction.Reply]: [OrderStatus.InProgress, OrderStatus.ExtensionRequested],
  [OrderAction.RequestExtension]: [OrderStatus.InProgress],
  [OrderAction.GrantExtension]: [OrderStatus.ExtensionRequested],
  [OrderAction.RefuseExtension]: [OrderStatus.ExtensionRequested],
  [OrderAction.Close]: [OrderStatus.InProgress, OrderStatus.Reported],
  [OrderAction.Return]: [OrderStatus.Reported],
  [OrderAction.Escalate]: [
    OrderStatus.Issued,
    OrderStatus.InProgress,
    OrderStatus.ExtensionRequested,
    OrderStatus.Reported,
  ],
};

/** The roles that issue orders (督办): supervisors (督查室) and leaders (县级领导). */
export const ISSUERS: readonly Role[] = [Role.Supervisor, Role.Leader];

/** The issuer decides an order's fate; a leader may stand in for any issuer. */
function assertIssuer(state: OrderState, actor: OrderActor): void {
  if (actor.userId !== state.issuerId && actor.role !== Role.Leader) {
    fail(Code.NotIssuer, '只有下达督办单的人（或县级领导）可以办结、退回或审批延期');
  }
}

function assertOrderBureau(state: OrderState, actor: OrderActor): void {
  const bureauRole = actor.role === Role.Staff || actor.role === Role.BureauHead;
  if (!bureauRole || actor.bureauId !== state.bureauId) {
    fail(Code.NotOrderBureau, '只有承办招商局的工作人员或局长可以反馈办理情况或申请延期');
  }
}

function assertFrom(state: OrderState, action: Exclude<OrderAction, OrderAction.Issue>, label: string): void {
  if (!ACTION_FROM[action].includes(state.status)) {
    fail(Code.InvalidTransition, `督办单当前为“${ORDER_STATUS_LABELS[state.status]}”，不能${label}`, {
      status: state.status,
      action,
    });
  }
}

const trimmed = (text: string | undefined): string | null => text?.trim() || null;

/**
 * Decides one action on an order: the event to record and the order's resulting state, or a
 * SupervisionException naming the first rule broken. Pure: the caller writes nothing on a throw.
 * `actor` is null only for the system's escalation.
 */
export function planOrderAction(
  state: OrderState,
  command: OrderCommand,
  actor: OrderActor | null,
  today: string,
): OrderPlan {
  const step = (to: OrderStatus, note: string | null, data: Record<string, unknown> | null = null): OrderStep => ({
    action: command.action,
    from: state.status,
    to,
    businessDate: today,
    note,
    data,
  });
  if (command.action === OrderAction.Escalate) {
    if (actor !== null) fail(Code.InvalidTransition, '逾期升级由系统每日自动进行');
    assertFrom(state, OrderAction.Escalate, '升级');
    if (state.escalatedOn !== null) fail(Code.InvalidTransition, '督办单已升级过');
    if (state.dueDate >= today) fail(Code.InvalidTransition, '督办单未逾期');
    const data = { leaderId: command.leaderId, overdueDays: command.overdueDays };
    return { step: step(state.status, null, data), state: { ...state, escalatedOn: today } };
  }
  if (actor === null) return fail(Code.InvalidTransition, '只有逾期升级由系统进行');
  switch (command.action) {
    case OrderAction.Assign: {
      if (actor.role !== Role.BureauHead || actor.bureauId !== state.bureauId) {
        fail(Code.NotBureauHead, '只有承办招商局的局长可以交办督办单');
      }
      assertFrom(state, command.action, '交办');
      return {
        step: step(OrderStatus.InProgress, trimmed(command.note), { handlerId: command.handlerId }),
        state: { ...state, status: OrderStatus.InProgress, handlerId: command.handlerId },
      };
    }
    case OrderAction.Reply: {
      assertOrderBureau(state, actor);
      assertFrom(state, command.action, '反馈');
      const final = command.final === true;
      if (final && state.status !== OrderStatus.InProgress) {
        fail(Code.InvalidTransition, '延期申请待审批，不能报告办结');
      }
      const to = final ? OrderStatus.Reported : state.status;
      return { step: step(to, trimmed(command.note), { final }), state: { ...state, status: to } };
    }
    case OrderAction.RequestExtension: {
      assertOrderBureau(state, actor);
      assertFrom(state, command.action, '申请延期');
      if (state.extensionRequested) fail(Code.ExtensionAlreadyRequested, '每张督办单只能申请一次延期');
      if (command.dueDate <= state.dueDate) {
        fail(Code.DueDateNotLater, `延期后的办理期限须晚于原期限（${state.dueDate}）`, { field: 'dueDate' });
      }
      return {
        step: step(OrderStatus.ExtensionRequested, trimmed(command.reason), { dueDate: command.dueDate }),
        state: {
          ...state,
          status: OrderStatus.ExtensionRequested,
          extensionRequested: true,
          requestedDueDate: command.dueDate,
        },
      };
    }
    case OrderAction.GrantExtension:
    case OrderAction.RefuseExtension: {
      assertIssuer(state, actor);
      const grant = command.action === OrderAction.GrantExtension;
      assertFrom(state, command.action, grant ? '同意延期' : '不同意延期');
      const dueDate = grant ? (state.requestedDueDate as string) : state.dueDate;
      return {
        step: step(OrderStatus.InProgress, trimmed(command.note), { previousDueDate: state.dueDate, dueDate }),
        state: { ...state, status: OrderStatus.InProgress, dueDate, requestedDueDate: null },
      };
    }
    case OrderAction.Close: {
      assertIssuer(state, actor);
      assertFrom(state, command.action, '办结');
      const late = today > state.dueDate;
      return {
        step: step(OrderStatus.Closed, trimmed(command.note), { late }),
        state: { ...state, status: OrderStatus.Closed, closedOn: today },
      };
    }
    case OrderAction.Return: {
      assertIssuer(state, actor);
      assertFrom(state, command.action, '退回');
      return {
        step: step(OrderStatus.InProgress, trimmed(command.reason)),
        state: { ...state, status: OrderStatus.InProgress },
      };
    }
  }
}

/** The status the events lead to, replayed in recorded order; throws when one does not follow the one before. */
export function replayOrder(events: readonly Pick<OrderStep, 'from' | 'to'>[]): OrderStatus | null {
  let status: OrderStatus | null = null;
  for (const event of events) {
    if (event.from !== status) throw new Error(`event from ${event.from} does not follow ${status}`);
    status = event.to;
  }
  return status;
}
