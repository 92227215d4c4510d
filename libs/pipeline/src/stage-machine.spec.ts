import { Role } from '@app/core';
import { withUsccCheckChar } from '@app/investors';
import fc from 'fast-check';
import { PipelineException, PipelineExceptionCode as Code } from './pipeline.exception';
import { AgreementType, LiveStage, Stage, STAGE_ORDER } from './stage';
import {
  holdsGatesOf,
  planDealUpgrade,
  planStageChange,
  replayStage,
  StageRequest,
  StageState,
  StageStep,
  stageDurations,
} from './stage-machine';

const TODAY = '2026-11-26';
const GATE_OF: Partial<Record<Stage, 'deal' | 'registration' | 'start' | 'operation'>> = {
  [Stage.Signed]: 'deal',
  [Stage.Registered]: 'registration',
  [Stage.Started]: 'start',
  [Stage.Operating]: 'operation',
};
const USCC = withUsccCheckChar('91210900MA0000001');

function fresh(stage: Stage = Stage.Reserve): StageState {
  return {
    stage,
    terminatedFromStage: null,
    signedAt: null,
    signedAmount: null,
    agreementType: null,
    registeredAt: null,
    localCompanyUscc: null,
    startedAt: null,
    operatingAt: null,
    terminatedAt: null,
    terminatedReason: null,
  };
}

const deal = (signedDate = '2026-03-01', agreementType = AgreementType.Framework, amount = '12500.00') => ({
  signedDate,
  amount,
  agreementType,
});

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    if (error instanceof PipelineException) return error.code;
    throw error;
  }
}

describe('stage machine', () => {
  it('moves forward one stage with its gate, recording the gate on the event', () => {
    const plan = planStageChange(fresh(Stage.Negotiating), { to: Stage.Signed, deal: deal() }, Role.Staff, TODAY);
    expect(plan.steps).toEqual([
      {
        from: Stage.Negotiating,
        to: Stage.Signed,
        businessDate: '2026-03-01',
        gate: { deal: deal() },
        isCorrection: false,
        countsAsSigning: true,
      },
    ]);
    expect(plan.state).toMatchObject({ stage: Stage.Signed, signedAt: '2026-03-01', signedAmount: '12500.00' });
  });

  it('refuses to enter a gated stage without its data', () => {
    expect(codeOf(() => planStageChange(fresh(Stage.Negotiating), { to: Stage.Signed }, Role.Staff, TODAY))).toBe(
      Code.GateDataRequired,
    );
  });

  it('skips forward only with every skipped gate, one event per gated stage', () => {
    const request: StageRequest = {
      to: Stage.Started,
      deal: deal('2026-01-10'),
      registration: { date: '2026-02-10', localCompanyUscc: USCC },
      start: { date: '2026-03-10' },
    };
    const plan = planStageChange(fresh(Stage.Reserve), request, Role.Staff, TODAY);
    expect(plan.steps.map((s) => [s.from, s.to, s.businessDate])).toEqual([
      [Stage.Reserve, Stage.Signed, '2026-01-10'],
      [Stage.Signed, Stage.Registered, '2026-02-10'],
      [Stage.Registered, Stage.Started, '2026-03-10'],
    ]);
    const { registration: _, ...withoutRegistration } = request;
    expect(codeOf(() => planStageChange(fresh(), withoutRegistration, Role.Staff, TODAY))).toBe(Code.GateDataRequired);
  });

  it('refuses gate dates in the future or before the previous stage', () => {
    expect(
      codeOf(() =>
        planStageChange(fresh(Stage.Negotiating), { to: Stage.Signed, deal: deal('2026-11-27') }, Role.Staff, TODAY),
      ),
    ).toBe(Code.GateDateInFuture);
    const signed = {
      ...fresh(Stage.Signed),
      signedAt: '2026-05-01',
      signedAmount: '1.00',
      agreementType: AgreementType.Formal,
    };
    expect(
      codeOf(() =>
        planStageChange(
          signed,
          { to: Stage.Registered, registration: { date: '2026-04-30', localCompanyUscc: USCC } },
          Role.Staff,
          TODAY,
        ),
      ),
    ).toBe(Code.GateDateOutOfOrder);
  });

  it('checks the local company USCC', () => {
    const signed = {
      ...fresh(Stage.Signed),
      signedAt: '2026-05-01',
      signedAmount: '1.00',
      agreementType: AgreementType.Formal,
    };
    expect(
      codeOf(() =>
        planStageChange(
          signed,
          { to: Stage.Registered, registration: { date: '2026-06-01', localCompanyUscc: '91210900MA00000010' } },
          Role.Staff,
          TODAY,
        ),
      ),
    ).toBe(Code.InvalidUscc);
  });

  it.each([Role.Staff, Role.BureauHead])('refuses a backward move by %s', (role) => {
    expect(
      codeOf(() => planStageChange(fresh(Stage.Negotiating), { to: Stage.Reserve, reason: '误操作' }, role, TODAY)),
    ).toBe(Code.CorrectionNotAllowed);
  });

  it.each([Role.Leader, Role.Admin])('lets %s correct backwards with a reason only', (role) => {
    expect(codeOf(() => planStageChange(fresh(Stage.Negotiating), { to: Stage.Reserve }, role, TODAY))).toBe(
      Code.ReasonRequired,
    );
    const plan = planStageChange(fresh(Stage.Negotiating), { to: Stage.Reserve, reason: '误操作' }, role, TODAY);
    expect(plan.steps[0]).toMatchObject({ isCorrection: true, to: Stage.Reserve, gate: { reason: '误操作' } });
  });

  it('counts only the first signing; re-signing after a correction does not count again', () => {
    let state = planStageChange(
      fresh(Stage.Negotiating),
      { to: Stage.Signed, deal: deal('2026-03-01') },
      Role.Staff,
      TODAY,
    ).state;
    state = planStageChange(state, { to: Stage.Negotiating, reason: '合同未生效' }, Role.Leader, TODAY).state;
    const again = planStageChange(state, { to: Stage.Signed, deal: deal('2026-04-01') }, Role.Staff, TODAY);
    expect(again.steps[0].countsAsSigning).toBe(false);
    expect(again.state.signedAt).toBe('2026-03-01');
  });

  it('upgrades a framework agreement to a formal contract as one signing with the new amount', () => {
    const signed = planStageChange(
      fresh(Stage.Negotiating),
      { to: Stage.Signed, deal: deal() },
      Role.Staff,
      TODAY,
    ).state;
    const upgrade = planDealUpgrade(signed, deal('2026-06-01', AgreementType.Formal, '20000.00'), TODAY);
    expect(upgrade.steps[0]).toMatchObject({ from: Stage.Signed, to: Stage.Signed, countsAsSigning: false });
    expect(upgrade.state).toMatchObject({ signedAt: '2026-03-01', signedAmount: '20000.00', agreementType: 'formal' });
    expect(codeOf(() => planDealUpgrade(upgrade.state, deal('2026-06-02', AgreementType.Formal), TODAY))).toBe(
      Code.DealNotUpgradable,
    );
  });

  it('terminates from any stage with a reason, and only a corrector reopens', () => {
    const terminated = planStageChange(
      fresh(Stage.Negotiating),
      { to: Stage.Terminated, reason: '企业放弃' },
      Role.Staff,
      TODAY,
    ).state;
    expect(terminated).toMatchObject({ stage: Stage.Terminated, terminatedFromStage: Stage.Negotiating });
    expect(
      codeOf(() => planStageChange(terminated, { to: Stage.Negotiating, reason: '恢复' }, Role.BureauHead, TODAY)),
    ).toBe(Code.CorrectionNotAllowed);
    const reopened = planStageChange(terminated, { to: Stage.Negotiating, reason: '企业恢复洽谈' }, Role.Leader, TODAY);
    expect(reopened.state).toMatchObject({ stage: Stage.Negotiating, terminatedReason: null });
  });

  it('derives days in each stage from the events', () => {
    const events: Pick<StageStep, 'from' | 'to' | 'businessDate'>[] = [
      { from: null, to: Stage.Negotiating, businessDate: '2026-01-01' },
      { from: Stage.Negotiating, to: Stage.Signed, businessDate: '2026-01-31' },
      { from: Stage.Signed, to: Stage.Signed, businessDate: '2026-02-15' },
      { from: Stage.Signed, to: Stage.Registered, businessDate: '2026-03-02' },
    ];
    expect(stageDurations(events, '2026-03-12')).toEqual([
      { stage: Stage.Negotiating, days: 30, entries: 1 },
      { stage: Stage.Signed, days: 30, entries: 1 },
      { stage: Stage.Registered, days: 10, entries: 1 },
    ]);
  });

  describe('random sequences of requests by random roles', () => {
    const dates = fc
      .integer({ min: 0, max: 400 })
      .map((offset) => new Date(Date.UTC(2025, 10, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    const request: fc.Arbitrary<StageRequest> = fc.record(
      {
        to: fc.constantFrom(...Object.values(Stage)),
        deal: fc.record({
          signedDate: dates,
          amount: fc.constantFrom('100.00', '12500.00', '0.50'),
          agreementType: fc.constantFrom(...Object.values(AgreementType)),
        }),
        registration: fc.record({ date: dates, localCompanyUscc: fc.constantFrom(USCC, '91210900MA00000010') }),
        start: fc.record({ date: dates }),
        operation: fc.record({ date: dates }),
        reason: fc.constantFrom('误录', '企业放弃', '  '),
      },
      { requiredKeys: ['to'] },
    );
    const role = fc.constantFrom(Role.Staff, Role.BureauHead, Role.Leader, Role.Admin);
    const action = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('stage' as const), request, role, fill: fc.boolean() }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant('deal' as const),
          deal: fc.record({
            signedDate: dates,
            amount: fc.constant('30000.00'),
            agreementType: fc.constantFrom(...Object.values(AgreementType)),
          }),
        }),
      },
    );

    /** Half the requests carry exactly the gates their move needs, dated today, so that many succeed. */
    function requestFor(state: StageState, random: StageRequest, fill: boolean): StageRequest {
      if (!fill) return random;
      if (random.to === Stage.Terminated) return { to: random.to, reason: random.reason };
      const base = state.stage === Stage.Terminated ? (state.terminatedFromStage ?? Stage.Reserve) : state.stage;
      const entered = STAGE_ORDER.slice(STAGE_ORDER.indexOf(base) + 1, STAGE_ORDER.indexOf(random.to) + 1);
      const request: StageRequest = { to: random.to, reason: random.reason };
      if (entered.includes(Stage.Signed))
        request.deal = { ...deal(TODAY), agreementType: random.deal?.agreementType ?? AgreementType.Formal };
      if (entered.includes(Stage.Registered)) request.registration = { date: TODAY, localCompanyUscc: USCC };
      if (entered.includes(Stage.Started)) request.start = { date: TODAY };
      if (entered.includes(Stage.Operating)) request.operation = { date: TODAY };
      return request;
    }

    it('never reaches a stage without its gate data, replays its events, and changes nothing on a rejection', () => {
      let moves = 0;
      const reached = new Set<Stage>();
      fc.assert(
        fc.property(
          fc.constantFrom(Stage.Reserve, Stage.Negotiating),
          fc.array(action, { maxLength: 30 }),
          (start, actions) => {
            let state = fresh(start);
            const events: StageStep[] = [
              {
                from: null,
                to: start,
                businessDate: '2025-11-01',
                gate: null,
                isCorrection: false,
                countsAsSigning: false,
              },
            ];
            for (const next of actions) {
              const before = structuredClone(state);
              let plan: ReturnType<typeof planStageChange> | null = null;
              try {
                plan =
                  next.kind === 'stage'
                    ? planStageChange(
                        state,
                        (next.request = requestFor(state, next.request, next.fill)),
                        next.role,
                        TODAY,
                      )
                    : planDealUpgrade(state, next.deal, TODAY);
              } catch (error) {
                expect(error).toBeInstanceOf(PipelineException);
                expect(state).toEqual(before);
                continue;
              }
              if (next.kind === 'stage') {
                const isCorrection = plan.steps.some((s) => s.isCorrection);
                if (isCorrection) {
                  expect([Role.Leader, Role.Admin]).toContain(next.role);
                  expect(next.request.reason?.trim()).toBeTruthy();
                }
                // every gated stage above the one the project had reached was entered with its own gate
                const base = before.stage === Stage.Terminated ? before.terminatedFromStage : before.stage;
                for (const step of plan.steps) {
                  const field = GATE_OF[step.to];
                  const above = STAGE_ORDER.indexOf(step.to as LiveStage) > STAGE_ORDER.indexOf(base as LiveStage);
                  if (step.from !== step.to && field && above) expect(next.request[field]).toBeDefined();
                }
                expect(plan.state.stage).toBe(next.request.to);
              }
              moves += 1;
              reached.add(plan.state.stage);
              expect(plan.steps.length).toBeGreaterThan(0);
              events.push(...plan.steps);
              state = plan.state;
              expect(holdsGatesOf(state)).toBe(true);
              expect(replayStage(events)).toBe(state.stage);
              expect(events.filter((e) => e.countsAsSigning).length).toBeLessThanOrEqual(1);
              expect(events.every((e) => e.businessDate <= TODAY)).toBe(true);
            }
          },
        ),
        { numRuns: 300 },
      );
      // the property is only worth something if random requests also succeed, reaching every stage
      expect(moves).toBeGreaterThan(300);
      expect(reached).toEqual(new Set(Object.values(Stage)));
    });
  });
});
