import { RequestEventType, RequestKind, RequestStatus, Satisfaction } from './request-kind';
import {
  dueDateOf,
  isOverdue,
  planRequestStep,
  receivedState,
  RequestAction,
  RequestState,
  resolvedOnTime,
} from './request-machine';

const DAYS = { land: 30, approval: 15, utilities: 10, financing: 20, labour: 15, policy: 20, other: 15 };
const TODAY = '2026-11-20';

function step(state: RequestState, action: RequestAction): RequestState {
  const plan = planRequestStep(state, action, TODAY);
  if (!plan.ok) throw new Error(plan.refusal.message);
  return plan.state;
}

describe('request machine', () => {
  it('gives each kind its due date in calendar days, across a month end', () => {
    expect(dueDateOf(RequestKind.Land, '2026-10-15', DAYS)).toBe('2026-11-14');
    expect(dueDateOf(RequestKind.Utilities, '2026-10-25', DAYS)).toBe('2026-11-04');
    expect(receivedState(RequestKind.Approval, '2026-11-01', DAYS)).toMatchObject({
      status: RequestStatus.Received,
      dueOn: '2026-11-16',
    });
  });

  it('walks received → routed → replies → resolved → feedback, which closes it', () => {
    let state = receivedState(RequestKind.Land, '2026-11-01', DAYS);
    state = step(state, { type: RequestEventType.Routed, on: '2026-11-02', departmentId: 'd1' });
    expect(state).toMatchObject({ status: RequestStatus.Routed, departmentId: 'd1' });
    state = step(state, { type: RequestEventType.Reply, on: '2026-11-05' });
    state = step(state, { type: RequestEventType.Routed, on: '2026-11-06', departmentId: 'd2' });
    expect(state).toMatchObject({ status: RequestStatus.Routed, departmentId: 'd2', lastEventOn: '2026-11-06' });
    state = step(state, { type: RequestEventType.Resolved, on: '2026-11-10' });
    expect(state).toMatchObject({ status: RequestStatus.Resolved, resolvedOn: '2026-11-10' });
    expect(resolvedOnTime(state)).toBe(true);
    state = step(state, { type: RequestEventType.Feedback, on: '2026-11-12', satisfaction: Satisfaction.Satisfied });
    expect(state).toMatchObject({ status: RequestStatus.Closed, closedOn: '2026-11-12' });
  });

  it('refuses steps out of order', () => {
    const received = receivedState(RequestKind.Other, '2026-11-01', DAYS);
    const refuse = (state: RequestState, action: RequestAction) => {
      const plan = planRequestStep(state, action, TODAY);
      return plan.ok ? null : plan.refusal.code;
    };
    expect(refuse(received, { type: RequestEventType.Resolved, on: '2026-11-02' })).toBe('INVALID_TRANSITION');
    expect(
      refuse(received, { type: RequestEventType.Feedback, on: '2026-11-02', satisfaction: Satisfaction.Satisfied }),
    ).toBe('INVALID_TRANSITION');
    const closed: RequestState = { ...received, status: RequestStatus.Closed };
    expect(refuse(closed, { type: RequestEventType.Reply, on: '2026-11-02' })).toBe('INVALID_TRANSITION');
    expect(refuse(closed, { type: RequestEventType.Routed, on: '2026-11-02', departmentId: 'd' })).toBe(
      'INVALID_TRANSITION',
    );
    expect(refuse(received, { type: RequestEventType.Reply, on: '2026-10-31' })).toBe('DATE_OUT_OF_ORDER');
    expect(refuse(received, { type: RequestEventType.Reply, on: '2026-11-21' })).toBe('DATE_IN_FUTURE');
  });

  it('is overdue only while open and past its due date', () => {
    const state = receivedState(RequestKind.Utilities, '2026-11-01', DAYS); // due 2026-11-11
    expect(isOverdue(state, '2026-11-11')).toBe(false);
    expect(isOverdue(state, '2026-11-12')).toBe(true);
    expect(isOverdue({ ...state, status: RequestStatus.Resolved }, '2026-11-30')).toBe(false);
    expect(resolvedOnTime({ ...state, resolvedOn: '2026-11-11' })).toBe(true);
    expect(resolvedOnTime({ ...state, resolvedOn: '2026-11-12' })).toBe(false);
  });
});
