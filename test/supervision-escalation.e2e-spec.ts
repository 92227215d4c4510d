import { AlertService } from '@app/alerts';
import { addDays, BusinessClock, periodOf, Role } from '@app/core';
import { ReportBuilder } from '@app/reports';
import { UserEntity } from '@app/identity';
import { OrderEscalationService, SupervisionOrderService } from '@app/supervision';
import { createInvestor } from './factories/investor.factory';
import { advance, createProject, gates } from './factories/project.factory';
import { actorOf, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Alert = {
  id: string;
  kind: string;
  level: string;
  entity: string;
  entityId: string;
  overdue: number;
  link: string;
};

const ORDERS = '/api/v1/supervision-orders';

describe('Supervision orders: overdue lights and escalation on a fixed clock', () => {
  let t: TestApp;
  let supervisorUser: UserEntity;
  let supervisor: Auth;
  let admin: Auth;
  let leaderUser: UserEntity;
  let staff1: Auth;
  let staff2: Auth;

  beforeAll(async () => {
    t = await createTestApp({ SUPERVISION_ESCALATE_DAYS: '3' });
    ({ auth: supervisor, user: supervisorUser } = await signedIn(t, { role: Role.Supervisor }));
    admin = (await signedIn(t, { role: Role.Admin })).auth;
    ({ user: leaderUser } = await signedIn(t, { role: Role.Leader, displayName: '张分管' }));
    staff1 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staff2 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
  });
  afterAll(async () => {
    await t?.close();
  });

  const asOf = <T>(day: string, work: () => Promise<T>) => t.get(BusinessClock).asOf(day, work);

  /** An order issued on `issuedOn` (a past day, as the clock then read), due `dueDate`. */
  const issueOn = (issuedOn: string, dueDate: string, bureau = 'B01') =>
    t.get(BusinessClock).asOf(issuedOn, () =>
      t.get(SupervisionOrderService).issue(actorOf(supervisorUser), {
        matter: `督办事项 ${bureau} 到期 ${dueDate}`,
        requirement: '请按期办结并反馈',
        dueDate,
        bureau,
      }),
    );

  it('lets an admin name a bureau’s 分管领导, a leader only', async () => {
    const staffUser = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).user;
    const set = (auth: Auth, code: string, leaderId: unknown) =>
      t.http.put(`/api/v1/bureaus/${code}/leader`).set(auth).send({ leaderId });
    expect((await set(staff1, 'B01', leaderUser.id)).status).toBe(403);
    expect((await set(supervisor, 'B01', leaderUser.id)).status).toBe(403);
    expect((await set(admin, 'B01', staffUser.id)).body.code).toBe('INVALID_LEADER');
    expect((await set(admin, 'B01', 'nobody')).status).toBe(400);
    expect((await set(admin, 'B01', undefined)).status).toBe(400);
    expect((await set(admin, 'B99', leaderUser.id)).status).toBe(400);
    const named = await set(admin, 'B01', leaderUser.id).expect(200);
    expect(named.body).toMatchObject({ code: 'B01', leaderId: leaderUser.id });
    const bureaus = (await t.http.get('/api/v1/bureaus').set(staff1).expect(200)).body as {
      code: string;
      leaderId: string | null;
    }[];
    expect(bureaus.find((b) => b.code === 'B01')?.leaderId).toBe(leaderUser.id);
    expect(bureaus.find((b) => b.code === 'B02')?.leaderId).toBeNull();
  });

  it('escalates an order overdue by the days set, once, to the bureau’s 分管领导', async () => {
    const escalation = t.get(OrderEscalationService);
    const order = await issueOn('2026-11-01', '2026-11-10');
    const other = await issueOn('2026-11-01', '2026-11-10', 'B02'); // B02 has no 分管领导
    expect((await escalation.escalate('2026-11-10')).escalated).toBe(0);
    expect((await escalation.escalate('2026-11-12')).escalated).toBe(0);
    const run = await escalation.escalate('2026-11-13');
    expect(run.escalated).toBeGreaterThanOrEqual(1);
    expect(run.withoutLeader).toBeGreaterThanOrEqual(1);
    const detail = (await t.http.get(`${ORDERS}/${order.id}`).set(staff1).expect(200)).body;
    expect(detail).toMatchObject({
      escalatedOn: '2026-11-13',
      escalatedTo: { id: leaderUser.id, displayName: '张分管' },
      status: 'issued',
    });
    const escalations = detail.events.filter((e: { action: string }) => e.action === 'escalate');
    expect(escalations).toEqual([
      expect.objectContaining({
        actor: null,
        businessDate: '2026-11-13',
        data: { leaderId: leaderUser.id, overdueDays: 3 },
      }),
    ]);
    // a later run, or two at once, never escalates it again
    await Promise.all([escalation.escalate('2026-11-14'), escalation.escalate('2026-11-14')]);
    const again = (await t.http.get(`${ORDERS}/${order.id}`).set(staff1).expect(200)).body;
    expect(again.events.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);
    const waiting = (await t.http.get(`${ORDERS}/${other.id}`).set(staff2).expect(200)).body;
    expect(waiting.escalatedOn).toBeNull();
  });

  it('escalates exactly once when two workers run at the same moment', async () => {
    const escalation = t.get(OrderEscalationService);
    const order = await issueOn('2026-11-02', '2026-11-05');
    const runs = await Promise.all([escalation.escalate('2026-11-20'), escalation.escalate('2026-11-20')]);
    const detail = (await t.http.get(`${ORDERS}/${order.id}`).set(supervisor).expect(200)).body;
    expect(detail.events.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);
    expect(runs.every((r) => r.escalated <= 1)).toBe(true);
  });

  it('lights an overdue order red in the alerts, for its bureau only', async () => {
    const order = await issueOn('2026-11-03', '2026-11-15');
    await t.get(AlertService).compute('2026-11-26');
    const alertsOf = async (auth: Auth) =>
      (
        (await t.http.get('/api/v1/alerts?kind=order_overdue&pageSize=200').set(auth).expect(200)).body as {
          items: Alert[];
        }
      ).items;
    const light = (await alertsOf(supervisor)).find((a) => a.entityId === order.id);
    expect(light).toMatchObject({
      level: 'red',
      entity: 'order',
      overdue: 11,
      link: `/api/v1/supervision-orders/${order.id}`,
    });
    expect((await alertsOf(staff1)).some((a) => a.entityId === order.id)).toBe(true);
    expect((await alertsOf(staff2)).some((a) => a.entityId === order.id)).toBe(false);
    // before its due date it was not overdue
    const asOfBefore = await t.get(AlertService).asOf('2026-11-14');
    expect(asOfBefore.some((a) => a.entityId === order.id)).toBe(false);
  });

  it('turns an alert into an order in one action', async () => {
    const investor = await createInvestor(t, staff1);
    const project = await createProject(t, staff1, investor.id, { name: '签约久未落地的项目' });
    await advance(t, staff1, project, { to: 'signed', deal: gates.deal({ signedDate: '2026-03-18' }) });
    await t.get(AlertService).compute(t.get(BusinessClock).today());
    const alerts = (
      await t.http.get('/api/v1/alerts?kind=signed_not_registered&pageSize=200').set(supervisor).expect(200)
    ).body.items as (Alert & { message: string })[];
    const alert = alerts.find((a) => a.entityId === project.id) as Alert & { message: string };
    const dueDate = addDays(t.get(BusinessClock).today(), 7);
    const created = await t.http.post(ORDERS).set(supervisor).send({ alertId: alert.id, dueDate }).expect(201);
    expect(created.body).toMatchObject({
      alertId: alert.id,
      alertMessage: alert.message,
      matter: alert.message,
      projectId: project.id,
      bureau: { code: 'B01' },
      dueDate,
    });
    // the alert's bureau holds: naming another is refused
    const mismatch = await t.http.post(ORDERS).set(supervisor).send({ alertId: alert.id, dueDate, bureau: 'B02' });
    expect(mismatch.status).toBe(400);
    // bureau users cannot issue from an alert either
    expect((await t.http.post(ORDERS).set(staff1).send({ alertId: alert.id, dueDate })).status).toBe(403);
  });

  it('gives the weekly report a 督办 section: open, overdue and closed late, by bureau', async () => {
    const service = t.get(SupervisionOrderService);
    const head = actorOf((await signedIn(t, { role: Role.BureauHead, bureauCode: 'B05' })).user);
    await issueOn('2026-11-02', '2026-11-05', 'B05'); // overdue at the week's end
    await issueOn('2026-11-02', '2026-11-30', 'B05'); // open, not yet due
    const late = await issueOn('2026-11-02', '2026-11-10', 'B05');
    const assigned = await asOf('2026-11-03', () =>
      service.assign(head, late.id, { expectedVersion: late.version, handlerId: head.userId }),
    );
    await asOf('2026-11-18', () =>
      service.close(actorOf(supervisorUser), late.id, { expectedVersion: assigned.version, note: '办结' }),
    );
    const content = await t.get(ReportBuilder).build(periodOf('week', '2026-11-18'), new Date());
    const table = content.tables.find((table) => table.key === 'supervision');
    expect(table?.title).toBe('督办');
    expect(table?.rows.find((row) => row.bureauCode === 'B05')).toMatchObject({ open: 2, overdue: 1, closedLate: 1 });
    expect(table?.rows.find((row) => row.bureauCode === 'B09')).toMatchObject({ open: 0, overdue: 0, closedLate: 0 });
    // the week before, the late one was still open and not yet overdue
    const before = await t.get(ReportBuilder).build(periodOf('week', '2026-11-04'), new Date());
    const earlier = before.tables.find((table) => table.key === 'supervision');
    expect(earlier?.rows.find((row) => row.bureauCode === 'B05')).toMatchObject({ open: 3, overdue: 1, closedLate: 0 });
  });

  it('counts overdue and late-closed orders in the figures, and deducts points for them once the weight is set', async () => {
    const today = t.get(BusinessClock).today();
    const service = t.get(SupervisionOrderService);
    const escalation = t.get(OrderEscalationService);
    const head = actorOf((await signedIn(t, { role: Role.BureauHead, bureauCode: 'B06' })).user);
    const issued = addDays(today, -12);
    await issueOn(issued, addDays(today, -8), 'B06'); // overdue, still open
    const late = await issueOn(issued, addDays(today, -8), 'B06');
    const assigned = await asOf(addDays(today, -10), () =>
      service.assign(head, late.id, { expectedVersion: late.version, handlerId: head.userId }),
    );
    // the daily job notes it overdue the day after its due date, then it is closed late
    expect(await escalation.markOverdue(addDays(today, -7))).toBeGreaterThanOrEqual(2);
    expect(await escalation.markOverdue(addDays(today, -7))).toBe(0);
    await asOf(addDays(today, -3), () =>
      service.close(actorOf(supervisorUser), late.id, { expectedVersion: assigned.version, note: '办结' }),
    );
    await issueOn(issued, addDays(today, 5), 'B06'); // not due yet: never counted

    const b06 = async () => {
      const ranking = await t.http.get(`/api/v1/rankings?period=ytd&date=${today}`).set(supervisor).expect(200);
      return ranking.body.rows.find((row: { bureau: { code: string } }) => row.bureau.code === 'B06') as {
        score: number;
        figures: Record<string, number>;
        scoreBreakdown: { deductions: { metric: string; weight: number; count: number; points: number }[] };
      };
    };
    const before = await b06();
    expect(before.figures).toMatchObject({ ordersOverdue: 2, ordersClosedLate: 1 });
    expect(before.scoreBreakdown.deductions).toEqual([]);

    const current = (await t.http.get('/api/v1/ranking-weights').set(admin).expect(200)).body.current;
    const { effectiveFrom: _from, ...weights } = current;
    expect(weights).toMatchObject({ ordersOverdue: 0, ordersClosedLate: 0 });
    expect(
      (
        await t.http
          .put('/api/v1/ranking-weights')
          .set(admin)
          .send({ effectiveFrom: today, weights: { ...weights, ordersOverdue: -1 } })
      ).status,
    ).toBe(400);
    await t.http
      .put('/api/v1/ranking-weights')
      .set(admin)
      .send({ effectiveFrom: today, weights: { ...weights, ordersOverdue: 5, ordersClosedLate: 3 } })
      .expect(200);
    const after = await b06();
    expect(after.scoreBreakdown.deductions).toEqual([
      { metric: 'ordersOverdue', weight: 5, count: 2, points: 10 },
      { metric: 'ordersClosedLate', weight: 3, count: 1, points: 3 },
    ]);
    expect(after.score).toBeCloseTo(before.score - 13, 2);

    // the rollups agree with the orders themselves
    const consistency = await t.http
      .get('/api/v1/rankings/consistency?from=2025-01-01&to=2027-12-31')
      .set(admin)
      .expect(200);
    expect(consistency.body).toMatchObject({ consistent: true, differences: [] });
  });
});
