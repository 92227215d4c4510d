import { Role } from '@app/core';
import { OrderActor, OrderCommand, OrderState, OrderStep, planOrderAction, replayOrder } from './order-machine';
import { OrderAction, OrderStatus } from './order-status';
import { SupervisionException } from './supervision.exception';

const BUREAU = 'bureau-1';
const issuer: OrderActor = { userId: 'issuer', role: Role.Supervisor, bureauId: null };
const otherSupervisor: OrderActor = { userId: 'supervisor-2', role: Role.Supervisor, bureauId: null };
const leader: OrderActor = { userId: 'leader', role: Role.Leader, bureauId: null };
const head: OrderActor = { userId: 'head', role: Role.BureauHead, bureauId: BUREAU };
const staff: OrderActor = { userId: 'staff', role: Role.Staff, bureauId: BUREAU };
const otherHead: OrderActor = { userId: 'head-2', role: Role.BureauHead, bureauId: 'bureau-2' };
const otherStaff: OrderActor = { userId: 'staff-2', role: Role.Staff, bureauId: 'bureau-2' };
const admin: OrderActor = { userId: 'admin', role: Role.Admin, bureauId: null };

const issued = (overrides: Partial<OrderState> = {}): OrderState => ({
  status: OrderStatus.Issued,
  bureauId: BUREAU,
  issuerId: issuer.userId,
  handlerId: null,
  dueDate: '2026-11-30',
  extensionRequested: false,
  requestedDueDate: null,
  closedOn: null,
  escalatedOn: null,
  ...overrides,
});

const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof SupervisionException) return error.code;
    throw error;
  }
};

describe('planOrderAction', () => {
  it('walks an order from issue to 办结 with an extension granted', () => {
    let state = issued();
    const steps: OrderStep[] = [
      {
        action: OrderAction.Issue,
        from: null,
        to: OrderStatus.Issued,
        businessDate: '2026-11-01',
        note: null,
        data: null,
      },
    ];
    const run = (command: OrderCommand, actor: OrderActor, today: string) => {
      const plan = planOrderAction(state, command, actor, today);
      steps.push(plan.step);
      state = plan.state;
    };
    run({ action: OrderAction.Assign, handlerId: 'staff' }, head, '2026-11-02');
    expect(state).toMatchObject({ status: OrderStatus.InProgress, handlerId: 'staff' });
    run({ action: OrderAction.Reply, note: '已约谈企业' }, staff, '2026-11-10');
    expect(state.status).toBe(OrderStatus.InProgress);
    run({ action: OrderAction.RequestExtension, reason: '企业负责人出差', dueDate: '2026-12-15' }, staff, '2026-11-20');
    expect(state).toMatchObject({ status: OrderStatus.ExtensionRequested, requestedDueDate: '2026-12-15' });
    run({ action: OrderAction.GrantExtension }, issuer, '2026-11-21');
    expect(state).toMatchObject({ status: OrderStatus.InProgress, dueDate: '2026-12-15', requestedDueDate: null });
    run({ action: OrderAction.Reply, note: '问题已解决', final: true }, head, '2026-12-01');
    expect(state.status).toBe(OrderStatus.Reported);
    run({ action: OrderAction.Return, reason: '未附佐证材料' }, issuer, '2026-12-02');
    expect(state.status).toBe(OrderStatus.InProgress);
    run({ action: OrderAction.Close, note: '办结' }, leader, '2026-12-20');
    expect(state).toMatchObject({ status: OrderStatus.Closed, closedOn: '2026-12-20' });
    expect(steps.at(-1)?.data).toEqual({ late: true });
    expect(replayOrder(steps)).toBe(OrderStatus.Closed);
  });

  it('keeps each action to its people', () => {
    const inProgress = issued({ status: OrderStatus.InProgress, handlerId: 'staff' });
    const reported = issued({ status: OrderStatus.Reported, handlerId: 'staff' });
    expect(
      codeOf(() => planOrderAction(issued(), { action: OrderAction.Assign, handlerId: 'x' }, staff, '2026-11-02')),
    ).toBe('NOT_BUREAU_HEAD');
    expect(
      codeOf(() => planOrderAction(issued(), { action: OrderAction.Assign, handlerId: 'x' }, otherHead, '2026-11-02')),
    ).toBe('NOT_BUREAU_HEAD');
    expect(
      codeOf(() => planOrderAction(inProgress, { action: OrderAction.Reply, note: 'x' }, otherStaff, '2026-11-02')),
    ).toBe('NOT_ORDER_BUREAU');
    expect(
      codeOf(() => planOrderAction(inProgress, { action: OrderAction.Reply, note: 'x' }, issuer, '2026-11-02')),
    ).toBe('NOT_ORDER_BUREAU');
    for (const actor of [otherSupervisor, admin, head, staff]) {
      expect(codeOf(() => planOrderAction(reported, { action: OrderAction.Close }, actor, '2026-11-02'))).toBe(
        'NOT_ISSUER',
      );
    }
    expect(codeOf(() => planOrderAction(reported, { action: OrderAction.Close }, issuer, '2026-11-02'))).toBeNull();
  });

  it('allows one extension, to a later date', () => {
    const inProgress = issued({ status: OrderStatus.InProgress, handlerId: 'staff' });
    const ask = (state: OrderState, dueDate: string) =>
      planOrderAction(state, { action: OrderAction.RequestExtension, reason: '原因', dueDate }, staff, '2026-11-02');
    expect(codeOf(() => ask(inProgress, '2026-11-30'))).toBe('DUE_DATE_NOT_LATER');
    const refused = planOrderAction(
      ask(inProgress, '2026-12-30').state,
      { action: OrderAction.RefuseExtension },
      issuer,
      '2026-11-03',
    );
    expect(refused.state).toMatchObject({
      status: OrderStatus.InProgress,
      dueDate: '2026-11-30',
      extensionRequested: true,
    });
    expect(codeOf(() => ask(refused.state, '2026-12-30'))).toBe('EXTENSION_ALREADY_REQUESTED');
  });

  it('escalates an overdue open order once, by the system only', () => {
    const command: OrderCommand = { action: OrderAction.Escalate, leaderId: 'leader', overdueDays: 3 };
    expect(codeOf(() => planOrderAction(issued(), command, null, '2026-11-30'))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => planOrderAction(issued(), command, leader, '2026-12-03'))).toBe('INVALID_TRANSITION');
    const plan = planOrderAction(issued(), command, null, '2026-12-03');
    expect(plan.state).toMatchObject({ status: OrderStatus.Issued, escalatedOn: '2026-12-03' });
    expect(codeOf(() => planOrderAction(plan.state, command, null, '2026-12-04'))).toBe('INVALID_TRANSITION');
    const closed = issued({ status: OrderStatus.Closed, closedOn: '2026-12-01' });
    expect(codeOf(() => planOrderAction(closed, command, null, '2026-12-04'))).toBe('INVALID_TRANSITION');
  });
});

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The rules written out again, independently of the machine: the statuses each action may start from and who
 * may take it. The machine must agree on every random step.
 */
const ORACLE_FROM: Record<string, OrderStatus[]> = {
  assign: [OrderStatus.Issued],
  reply: [OrderStatus.InProgress, OrderStatus.ExtensionRequested],
  final: [OrderStatus.InProgress],
  request_extension: [OrderStatus.InProgress],
  grant_extension: [OrderStatus.ExtensionRequested],
  refuse_extension: [OrderStatus.ExtensionRequested],
  close: [OrderStatus.InProgress, OrderStatus.Reported],
  return: [OrderStatus.Reported],
  escalate: [OrderStatus.Issued, OrderStatus.InProgress, OrderStatus.ExtensionRequested, OrderStatus.Reported],
};

function oracleAllows(
  state: OrderState,
  kind: string,
  actor: OrderActor | null,
  today: string,
  dueDate: string,
): boolean {
  if (!ORACLE_FROM[kind].includes(state.status)) return false;
  const inBureau = actor !== null && [Role.Staff, Role.BureauHead].includes(actor.role) && actor.bureauId === BUREAU;
  const decides = actor !== null && (actor.userId === state.issuerId || actor.role === Role.Leader);
  switch (kind) {
    case 'assign':
      return actor?.role === Role.BureauHead && actor.bureauId === BUREAU;
    case 'reply':
    case 'final':
      return inBureau;
    case 'request_extension':
      return inBureau && !state.extensionRequested && dueDate > state.dueDate;
    case 'escalate':
      return actor === null && state.escalatedOn === null && state.dueDate < today;
    default:
      return decides;
  }
}

function commandOf(kind: string, random: () => number, today: string): OrderCommand {
  switch (kind) {
    case 'assign':
      return { action: OrderAction.Assign, handlerId: 'staff' };
    case 'reply':
      return { action: OrderAction.Reply, note: '进展' };
    case 'final':
      return { action: OrderAction.Reply, note: '已办结', final: true };
    case 'request_extension':
      return {
        action: OrderAction.RequestExtension,
        reason: '原因',
        dueDate: addDays(today, Math.floor(random() * 40) - 10),
      };
    case 'grant_extension':
      return { action: OrderAction.GrantExtension };
    case 'refuse_extension':
      return { action: OrderAction.RefuseExtension };
    case 'close':
      return { action: OrderAction.Close };
    case 'return':
      return { action: OrderAction.Return, reason: '材料不全' };
    default:
      return { action: OrderAction.Escalate, leaderId: 'leader', overdueDays: 3 };
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('planOrderAction over random sequences', () => {
  const KINDS = Object.keys(ORACLE_FROM);
  const ACTORS: (OrderActor | null)[] = [
    issuer,
    otherSupervisor,
    leader,
    head,
    staff,
    otherHead,
    otherStaff,
    admin,
    null,
  ];

  it.each([1, 2, 3, 42, 2026, 9001, 123456, 777777])(
    'agrees with the rules and keeps a complete history (seed %i)',
    (seed) => {
      const random = prng(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
      for (let run = 0; run < 50; run += 1) {
        let today = '2026-11-01';
        let state = issued({ dueDate: addDays(today, Math.floor(random() * 20)) });
        const history: OrderStep[] = [
          {
            action: OrderAction.Issue,
            from: null,
            to: OrderStatus.Issued,
            businessDate: today,
            note: null,
            data: null,
          },
        ];
        let accepted = 0;
        for (let i = 0; i < 40; i += 1) {
          today = addDays(today, Math.floor(random() * 4));
          const kind = pick(KINDS);
          const actor = pick(ACTORS);
          const command = commandOf(kind, random, today);
          const dueDate = command.action === OrderAction.RequestExtension ? command.dueDate : '';
          const allowed = oracleAllows(state, kind, actor, today, dueDate);
          let plan: ReturnType<typeof planOrderAction> | null = null;
          try {
            plan = planOrderAction(state, command, actor, today);
          } catch (error) {
            expect(error).toBeInstanceOf(SupervisionException);
          }
          expect({ kind, status: state.status, actor: actor?.userId ?? 'system', succeeded: plan !== null }).toEqual({
            kind,
            status: state.status,
            actor: actor?.userId ?? 'system',
            succeeded: allowed,
          });
          if (!plan) continue;
          expect(plan.step.from).toBe(state.status);
          expect(plan.step.businessDate).toBe(today);
          history.push(plan.step);
          accepted += 1;
          state = plan.state;
          if (state.status === OrderStatus.Closed) expect(state.closedOn).toBe(today);
        }
        // the history holds every accepted action, and replaying it leads to the order's status
        expect(history).toHaveLength(accepted + 1);
        expect(replayOrder(history)).toBe(state.status);
        // nothing follows 办结
        const closedAt = history.findIndex((step) => step.to === OrderStatus.Closed);
        if (closedAt >= 0) expect(history).toHaveLength(closedAt + 1);
      }
    },
  );
});
