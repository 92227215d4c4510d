import { Role } from '@app/core';
import { describeUsccProblem, usccProblem } from '@app/investors';
import { daysBetween } from '@app/core';
import { PipelineException, PipelineExceptionCode as Code } from './pipeline.exception';
import { AgreementType, LiveStage, Stage, STAGE_LABELS, STAGE_ORDER, stageIndex } from './stage';

/** What the stage rules need to know of a project: its stage and the gate data it holds. */
export interface StageState {
  stage: Stage;
  /** The stage a terminated project stood in; a reopening starts from there. */
  terminatedFromStage: LiveStage | null;
  /** Business date of the first signing; kept for rankings whatever happens later. */
  signedAt: string | null;
  signedAmount: string | null;
  agreementType: AgreementType | null;
  registeredAt: string | null;
  localCompanyUscc: string | null;
  startedAt: string | null;
  operatingAt: string | null;
  terminatedAt: string | null;
  terminatedReason: string | null;
}

export interface DealGate {
  signedDate: string;
  amount: string;
  agreementType: AgreementType;
}

export interface StageRequest {
  to: Stage;
  note?: string;
  deal?: DealGate;
  registration?: { date: string; localCompanyUscc: string };
  start?: { date: string };
  operation?: { date: string };
  reason?: string;
}

/** One immutable stage event to write. */
export interface StageStep {
  from: Stage | null;
  to: Stage;
  businessDate: string;
  gate: Record<string, unknown> | null;
  isCorrection: boolean;
  countsAsSigning: boolean;
}

export interface StagePlan {
  steps: StageStep[];
  state: StageState;
}

type GatedStage = Stage.Signed | Stage.Registered | Stage.Started | Stage.Operating;
const GATE_FIELD: Record<GatedStage, 'deal' | 'registration' | 'start' | 'operation'> = {
  [Stage.Signed]: 'deal',
  [Stage.Registered]: 'registration',
  [Stage.Started]: 'start',
  [Stage.Operating]: 'operation',
};
const GATED: readonly Stage[] = Object.keys(GATE_FIELD) as Stage[];
const CORRECTORS: readonly Role[] = [Role.Leader, Role.Admin];

const fail = (code: Code, message: string, details?: unknown): never => {
  throw new PipelineException(code, message, details);
};

/** Whether the state holds the gate data of a stage. */
export function hasGateData(state: StageState, stage: Stage): boolean {
  switch (stage) {
    case Stage.Signed:
      return state.signedAt !== null && state.signedAmount !== null && state.agreementType !== null;
    case Stage.Registered:
      return state.registeredAt !== null && state.localCompanyUscc !== null;
    case Stage.Started:
      return state.startedAt !== null;
    case Stage.Operating:
      return state.operatingAt !== null;
    case Stage.Terminated:
      return state.terminatedReason !== null;
    default:
      return true;
  }
}

/** A project holds the gate data of its stage and of every gated stage before it. */
export function holdsGatesOf(state: StageState): boolean {
  if (state.stage === Stage.Terminated) return hasGateData(state, Stage.Terminated);
  return STAGE_ORDER.slice(0, stageIndex(state.stage) + 1).every((stage) => hasGateData(state, stage));
}

/**
 * Decides a stage request: the events to record and the project's resulting stage data,
 * or a PipelineException naming the first rule broken. Pure: the caller writes nothing on a throw.
 */
export function planStageChange(state: StageState, request: StageRequest, role: Role, today: string): StagePlan {
  const reason = request.reason?.trim() || null;
  if (request.to === Stage.Terminated) return planTermination(state, request, reason, today);
  const to = request.to;
  const reopening = state.stage === Stage.Terminated;
  const base = reopening ? (state.terminatedFromStage ?? Stage.Reserve) : (state.stage as LiveStage);
  if (!reopening && to === base) return planSameStage(state, request, today);
  const forward = stageIndex(to) > stageIndex(base);
  if (reopening || !forward) assertMayCorrect(role, reason);
  if (!forward) return planStepBack(state, request, to, reason, today);
  return planForward(state, request, { base, to, reopening, reason }, today);
}

/** 终止: from any live stage, with a reason. */
function planTermination(state: StageState, request: StageRequest, reason: string | null, today: string): StagePlan {
  if (state.stage === Stage.Terminated) fail(Code.InvalidTransition, '项目已终止');
  rejectGates(request, []);
  if (!reason) fail(Code.ReasonRequired, '终止项目须填写原因');
  return {
    steps: [
      {
        from: state.stage,
        to: Stage.Terminated,
        businessDate: today,
        gate: { reason },
        isCorrection: false,
        countsAsSigning: false,
      },
    ],
    state: {
      ...state,
      stage: Stage.Terminated,
      terminatedFromStage: state.stage as LiveStage,
      terminatedAt: today,
      terminatedReason: reason,
    },
  };
}

/** A request for the stage the project is in: only signed → signed with a formal contract (a deal upgrade). */
function planSameStage(state: StageState, request: StageRequest, today: string): StagePlan {
  if (request.deal && !request.registration && !request.start && !request.operation) {
    return planDealUpgrade(state, request.deal, today);
  }
  return fail(Code.InvalidTransition, `项目已处于“${STAGE_LABELS[request.to]}”阶段`);
}

/** Backward moves and reopenings are corrections: a leader's or an admin's, with a reason. */
function assertMayCorrect(role: Role, reason: string | null): void {
  if (!CORRECTORS.includes(role)) {
    fail(Code.CorrectionNotAllowed, '阶段回退和重新启动已终止项目属于更正，只有县级领导或系统管理员可以操作');
  }
  if (!reason) fail(Code.ReasonRequired, '阶段更正须填写原因');
}

/** A correction back to an earlier stage: the gate data of the stages above it is cleared. */
function planStepBack(
  state: StageState,
  request: StageRequest,
  to: LiveStage,
  reason: string | null,
  today: string,
): StagePlan {
  rejectGates(request, []);
  return {
    steps: [
      { from: state.stage, to, businessDate: today, gate: { reason }, isCorrection: true, countsAsSigning: false },
    ],
    state: {
      ...clearAbove(state, to),
      stage: to,
      terminatedFromStage: null,
      terminatedAt: null,
      terminatedReason: null,
    },
  };
}

/**
 * A move forward (from the stage a terminated project stood in, when it is reopened): one event per gated
 * stage passed and one for the target, each with its gate data; a reopening's first event is the correction.
 */
function planForward(
  state: StageState,
  request: StageRequest,
  move: { base: LiveStage; to: LiveStage; reopening: boolean; reason: string | null },
  today: string,
): StagePlan {
  const { base, to, reopening, reason } = move;
  const entered = STAGE_ORDER.slice(stageIndex(base) + 1, stageIndex(to) + 1);
  rejectGates(request, entered);
  let next: StageState = { ...state };
  const steps: StageStep[] = [];
  let from: Stage = state.stage;
  for (const stage of entered) {
    if (!GATED.includes(stage) && stage !== to) continue;
    const [businessDate, gate] = GATED.includes(stage)
      ? enterGate(next, stage as GatedStage, request, today)
      : [today, null];
    const countsAsSigning = stage === Stage.Signed && state.signedAt === null;
    next = applyGate(next, stage, gate, businessDate);
    const first = reopening && steps.length === 0;
    steps.push({
      from,
      to: stage,
      businessDate,
      gate: first ? { ...gate, reason } : gate,
      isCorrection: first,
      countsAsSigning,
    });
    from = stage;
  }
  return {
    steps,
    state: { ...next, stage: to, terminatedFromStage: null, terminatedAt: null, terminatedReason: null },
  };
}

/**
 * Upgrading a framework agreement to a formal contract: the same signing with its amount updated,
 * recorded as an event that does not count as a signing.
 */
export function planDealUpgrade(state: StageState, deal: DealGate, today: string): StagePlan {
  if (state.stage === Stage.Terminated || stageIndex(state.stage) < stageIndex(Stage.Signed)) {
    fail(Code.DealNotUpgradable, '只有已签约且未终止的项目可以变更签约');
  }
  if (state.agreementType !== AgreementType.Framework) {
    fail(Code.DealNotUpgradable, '只有框架协议可以升级为正式合同');
  }
  if (deal.agreementType !== AgreementType.Formal) {
    fail(Code.DealNotUpgradable, '签约变更只能把框架协议升级为正式合同（agreementType 须为 formal）');
  }
  assertNotFuture(deal.signedDate, today, 'deal.signedDate');
  assertNotBefore(deal.signedDate, state.signedAt, 'deal.signedDate', '首次签约日期');
  const gate = { deal: { ...deal } };
  return {
    steps: [
      {
        from: state.stage,
        to: state.stage,
        businessDate: deal.signedDate,
        gate,
        isCorrection: false,
        countsAsSigning: false,
      },
    ],
    state: { ...state, signedAmount: deal.amount, agreementType: AgreementType.Formal },
  };
}

function rejectGates(request: StageRequest, entered: readonly Stage[]): void {
  for (const stage of GATED) {
    const field = GATE_FIELD[stage as GatedStage];
    if (request[field] !== undefined && !entered.includes(stage)) {
      fail(Code.UnexpectedGateData, `本次变更不进入“${STAGE_LABELS[stage]}”阶段，不应提供 ${field}`, { field });
    }
  }
}

function enterGate(
  state: StageState,
  stage: GatedStage,
  request: StageRequest,
  today: string,
): [string, Record<string, unknown>] {
  const field = GATE_FIELD[stage];
  const given = request[field];
  if (!given) {
    fail(Code.GateDataRequired, `进入“${STAGE_LABELS[stage]}”阶段须提供 ${field}`, { stage, field });
  }
  switch (stage) {
    case Stage.Signed: {
      const deal = request.deal as DealGate;
      assertNotFuture(deal.signedDate, today, 'deal.signedDate');
      return [deal.signedDate, { deal: { ...deal } }];
    }
    case Stage.Registered: {
      const registration = request.registration as { date: string; localCompanyUscc: string };
      const problem = usccProblem(registration.localCompanyUscc);
      if (problem) fail(Code.InvalidUscc, `落地企业${describeUsccProblem(problem)}`, { field: 'localCompanyUscc' });
      assertNotFuture(registration.date, today, 'registration.date');
      assertNotBefore(registration.date, state.signedAt, 'registration.date', '签约日期');
      return [registration.date, { registration: { ...registration } }];
    }
    case Stage.Started: {
      const date = (request.start as { date: string }).date;
      assertNotFuture(date, today, 'start.date');
      assertNotBefore(date, state.registeredAt, 'start.date', '注册落地日期');
      return [date, { start: { date } }];
    }
    case Stage.Operating: {
      const date = (request.operation as { date: string }).date;
      assertNotFuture(date, today, 'operation.date');
      assertNotBefore(date, state.startedAt, 'operation.date', '开工日期');
      return [date, { operation: { date } }];
    }
  }
}

function applyGate(
  state: StageState,
  stage: Stage,
  gate: Record<string, unknown> | null,
  businessDate: string,
): StageState {
  switch (stage) {
    case Stage.Signed: {
      const deal = (gate as { deal: DealGate }).deal;
      // the first signing's date stays the signing date; a re-signing after a correction updates the deal only
      return {
        ...state,
        signedAt: state.signedAt ?? businessDate,
        signedAmount: deal.amount,
        agreementType: deal.agreementType,
      };
    }
    case Stage.Registered: {
      const registration = (gate as { registration: { localCompanyUscc: string } }).registration;
      return { ...state, registeredAt: businessDate, localCompanyUscc: registration.localCompanyUscc };
    }
    case Stage.Started:
      return { ...state, startedAt: businessDate };
    case Stage.Operating:
      return { ...state, operatingAt: businessDate };
    default:
      return state;
  }
}

/** After a backward correction the dates of stages above the new one no longer hold. */
function clearAbove(state: StageState, stage: LiveStage): StageState {
  const index = stageIndex(stage);
  return {
    ...state,
    registeredAt: index < stageIndex(Stage.Registered) ? null : state.registeredAt,
    startedAt: index < stageIndex(Stage.Started) ? null : state.startedAt,
    operatingAt: index < stageIndex(Stage.Operating) ? null : state.operatingAt,
  };
}

function assertNotFuture(date: string, today: string, field: string): void {
  if (date > today) fail(Code.GateDateInFuture, `${field} 不能晚于今天（${today}）`, { field, today });
}

function assertNotBefore(date: string, previous: string | null, field: string, previousLabel: string): void {
  if (previous !== null && date < previous) {
    fail(Code.GateDateOutOfOrder, `${field} 不能早于${previousLabel}（${previous}）`, { field, previous });
  }
}

/** The stage the events lead to, replayed in the order they were recorded. */
export function replayStage(events: readonly Pick<StageStep, 'from' | 'to'>[]): Stage | null {
  let stage: Stage | null = null;
  for (const event of events) {
    if (event.from !== stage) throw new Error(`event from ${event.from} does not follow ${stage}`);
    stage = event.to;
  }
  return stage;
}

export interface StageDuration {
  stage: Stage;
  days: number;
  /** How many times the project entered this stage. */
  entries: number;
}

/**
 * Days spent in each stage, from the events in recorded order: a stage lasts from the business date of the
 * event that entered it to that of the next event (never negative), the current stage until today.
 */
export function stageDurations(
  events: readonly Pick<StageStep, 'from' | 'to' | 'businessDate'>[],
  today: string,
): StageDuration[] {
  const totals = new Map<Stage, StageDuration>();
  events.forEach((event, index) => {
    if (event.from === event.to) return;
    const next = events.slice(index + 1).find((e) => e.from !== e.to);
    const end = next ? next.businessDate : today;
    const entry = totals.get(event.to) ?? { stage: event.to, days: 0, entries: 0 };
    entry.days += Math.max(0, daysBetween(event.businessDate, end));
    entry.entries += 1;
    totals.set(event.to, entry);
  });
  const order = [...STAGE_ORDER, Stage.Terminated];
  return [...totals.values()].sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
}
