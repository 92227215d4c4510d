import { addDays } from '@app/core';
import { RequestDueDays, RequestEventType, RequestKind, RequestStatus, Satisfaction } from './request-kind';

/** What the machine needs to know of a request. */
export interface RequestState {
  status: RequestStatus;
  receivedOn: string;
  dueOn: string;
  /** The business date of the newest event: no later step may be dated before it. */
  lastEventOn: string;
  departmentId: string | null;
  resolvedOn: string | null;
  closedOn: string | null;
}

/** One step asked for, with the business date it happened on. */
export type RequestAction =
  | { type: RequestEventType.Routed; on: string; departmentId: string }
  | { type: RequestEventType.Reply; on: string }
  | { type: RequestEventType.Resolved; on: string }
  | { type: RequestEventType.Feedback; on: string; satisfaction: Satisfaction };

export type RequestRefusal =
  | { code: 'INVALID_TRANSITION'; message: string }
  | { code: 'DATE_OUT_OF_ORDER'; message: string }
  | { code: 'DATE_IN_FUTURE'; message: string };

export type RequestPlan = { ok: true; state: RequestState } | { ok: false; refusal: RequestRefusal };

/** From which statuses each step may be taken, and where it leads. */
const STEPS: Record<
  Exclude<RequestEventType, RequestEventType.Received>,
  { from: RequestStatus[]; to?: RequestStatus }
> = {
  [RequestEventType.Routed]: { from: [RequestStatus.Received, RequestStatus.Routed], to: RequestStatus.Routed },
  [RequestEventType.Reply]: { from: [RequestStatus.Received, RequestStatus.Routed] },
  [RequestEventType.Resolved]: { from: [RequestStatus.Routed], to: RequestStatus.Resolved },
  [RequestEventType.Feedback]: { from: [RequestStatus.Resolved], to: RequestStatus.Closed },
};

const WHY_NOT: Record<Exclude<RequestEventType, RequestEventType.Received>, string> = {
  [RequestEventType.Routed]: '只有未办结的诉求可以交办（或改派）办理部门',
  [RequestEventType.Reply]: '只有未办结的诉求可以填写办理进展',
  [RequestEventType.Resolved]: '诉求须先交办到办理部门，且尚未办结，才能办结',
  [RequestEventType.Feedback]: '只有已办结、尚未回访的诉求可以回访',
};

/** The due date of a request received on `receivedOn`: its kind's days later (calendar days). */
export function dueDateOf(kind: RequestKind, receivedOn: string, dueDays: RequestDueDays): string {
  return addDays(receivedOn, dueDays[kind]);
}

/** The state of a request just received. */
export function receivedState(kind: RequestKind, receivedOn: string, dueDays: RequestDueDays): RequestState {
  return {
    status: RequestStatus.Received,
    receivedOn,
    dueOn: dueDateOf(kind, receivedOn, dueDays),
    lastEventOn: receivedOn,
    departmentId: null,
    resolvedOn: null,
    closedOn: null,
  };
}

/** Whether the step may be taken on `today`, and the state after it. Pure: the service applies the plan. */
export function planRequestStep(state: RequestState, action: RequestAction, today: string): RequestPlan {
  const step = STEPS[action.type];
  if (!step.from.includes(state.status)) {
    return { ok: false, refusal: { code: 'INVALID_TRANSITION', message: WHY_NOT[action.type] } };
  }
  if (action.on > today) {
    return { ok: false, refusal: { code: 'DATE_IN_FUTURE', message: `日期不能晚于今天（${today}）` } };
  }
  if (action.on < state.lastEventOn) {
    return {
      ok: false,
      refusal: { code: 'DATE_OUT_OF_ORDER', message: `日期不能早于上一步的日期（${state.lastEventOn}）` },
    };
  }
  const next: RequestState = { ...state, lastEventOn: action.on, status: step.to ?? state.status };
  if (action.type === RequestEventType.Routed) next.departmentId = action.departmentId;
  if (action.type === RequestEventType.Resolved) next.resolvedOn = action.on;
  if (action.type === RequestEventType.Feedback) next.closedOn = action.on;
  return { ok: true, state: next };
}

/** Open (neither resolved nor closed) past its due date at the end of `day`. */
export function isOverdue(state: Pick<RequestState, 'status' | 'dueOn'>, day: string): boolean {
  return (state.status === RequestStatus.Received || state.status === RequestStatus.Routed) && day > state.dueOn;
}

/** Resolved no later than its due date. */
export function resolvedOnTime(state: Pick<RequestState, 'resolvedOn' | 'dueOn'>): boolean {
  return state.resolvedOn !== null && state.resolvedOn <= state.dueOn;
}

/** 满意 and 基本满意 count as satisfied. */
export function isSatisfied(satisfaction: Satisfaction): boolean {
  return satisfaction !== Satisfaction.Unsatisfied;
}
