import { addDays, BusinessClock, Role } from '@app/core';
import { UserEntity } from '@app/identity';
import { SupervisionOrderService } from '@app/supervision';
import { DataSource } from 'typeorm';
import { createInvestor, createLead } from './factories/investor.factory';
import { createProject } from './factories/project.factory';
import { actorOf, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Order = {
  id: string;
  status: string;
  version: number;
  dueDate: string;
  overdue: boolean;
  overdueDays: number;
  closedLate: boolean;
  bureau: { code: string };
  handler: { id: string } | null;
  projectId: string | null;
  leadId: string | null;
  events: { seq: number; action: string; fromStatus: string | null; toStatus: string; actor: { id: string } | null }[];
};

const ORDERS = '/api/v1/supervision-orders';

describe('Supervision orders (督办单)', () => {
  let t: TestApp;
  let today: string;
  let supervisor: Auth;
  let supervisorUser: UserEntity;
  let otherSupervisor: Auth;
  let leader: Auth;
  let admin: Auth;
  let head1: Auth;
  let staff1: Auth;
  let staff1User: UserEntity;
  let head2: Auth;
  let staff2: Auth;
  let staff2User: UserEntity;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.get(BusinessClock).today();
    ({ auth: supervisor, user: supervisorUser } = await signedIn(t, { role: Role.Supervisor }));
    otherSupervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
    head1 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
    ({ auth: staff1, user: staff1User } = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' }));
    head2 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' })).auth;
    ({ auth: staff2, user: staff2User } = await signedIn(t, { role: Role.Staff, bureauCode: 'B02' }));
  });
  afterAll(async () => {
    await t?.close();
  });

  const body = (overrides: Record<string, unknown> = {}) => ({
    matter: '阜新金山氟化工项目签约后久未注册落地',
    requirement: '请查明原因，推动企业完成工商注册并反馈',
    dueDate: addDays(today, 10),
    bureau: 'B01',
    ...overrides,
  });

  async function issue(overrides: Record<string, unknown> = {}, auth = supervisor): Promise<Order> {
    const response = await t.http.post(ORDERS).set(auth).send(body(overrides));
    expect(response.status).toBe(201);
    return response.body as Order;
  }

  const act = (order: Pick<Order, 'id' | 'version'>, action: string, auth: Auth, extra: Record<string, unknown> = {}) =>
    t.http
      .post(`${ORDERS}/${order.id}/${action}`)
      .set(auth)
      .send({ expectedVersion: order.version, ...extra });

  it('issues, assigns, replies, extends, returns and closes, recording every step as an event', async () => {
    let order = await issue();
    expect(order).toMatchObject({ status: 'issued', version: 1, bureau: { code: 'B01' }, overdue: false });
    expect(order.events).toMatchObject([{ seq: 1, action: 'issue', fromStatus: null, toStatus: 'issued' }]);

    order = (await act(order, 'assign', head1, { handlerId: staff1User.id, note: '请牵头办理' }).expect(200)).body;
    expect(order).toMatchObject({ status: 'in_progress', handler: { id: staff1User.id } });
    order = (await act(order, 'replies', staff1, { note: '已约谈企业负责人' }).expect(200)).body;
    const newDue = addDays(today, 30);
    order = (await act(order, 'extension', staff1, { reason: '企业负责人出差', dueDate: newDue }).expect(200)).body;
    expect(order.status).toBe('extension_requested');
    order = (await act(order, 'extension', supervisor, { decision: 'grant', note: '同意' }).expect(200)).body;
    expect(order).toMatchObject({ status: 'in_progress', dueDate: newDue });
    // one extension only
    const again = await act(order, 'extension', staff1, { reason: '再延', dueDate: addDays(today, 40) }).expect(409);
    expect(again.body.code).toBe('EXTENSION_ALREADY_REQUESTED');
    order = (await act(order, 'replies', head1, { note: '企业已完成注册', final: true }).expect(200)).body;
    expect(order.status).toBe('reported');
    order = (await act(order, 'return', supervisor, { reason: '请补充营业执照' }).expect(200)).body;
    expect(order.status).toBe('in_progress');
    order = (await act(order, 'replies', staff1, { note: '已补充', final: true }).expect(200)).body;
    order = (await act(order, 'close', supervisor, { note: '办结' }).expect(200)).body;
    expect(order).toMatchObject({ status: 'closed', closedLate: false });
    expect(order.events.map((e) => e.action)).toEqual([
      'issue',
      'assign',
      'reply',
      'request_extension',
      'grant_extension',
      'reply',
      'return',
      'reply',
      'close',
    ]);
    expect(order.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // nothing follows 办结
    expect((await act(order, 'replies', staff1, { note: '补充' })).status).toBe(409);
    // the database keeps the events as written
    await expect(
      t.get(DataSource).query(`DELETE FROM supervision_order_event WHERE order_id = $1`, [order.id]),
    ).rejects.toThrow(/immutable/);
  });

  it('lets only supervisors and leaders issue', async () => {
    for (const auth of [staff1, head1, admin]) {
      expect((await t.http.post(ORDERS).set(auth).send(body())).status).toBe(403);
    }
    await issue({}, leader);
  });

  it('keeps each action to its people', async () => {
    let order = await issue();
    expect((await act(order, 'assign', staff1, { handlerId: staff1User.id })).status).toBe(403);
    expect((await act(order, 'assign', supervisor, { handlerId: staff1User.id })).status).toBe(403);
    const wrongHandler = await act(order, 'assign', head1, { handlerId: staff2User.id }).expect(400);
    expect(wrongHandler.body.code).toBe('INVALID_HANDLER');
    expect((await act(order, 'replies', staff1, { note: '尚未交办' })).status).toBe(409);
    order = (await act(order, 'assign', head1, { handlerId: staff1User.id }).expect(200)).body;
    expect((await act(order, 'replies', supervisor, { note: '代为反馈' })).status).toBe(403);
    order = (await act(order, 'replies', staff1, { note: '完成', final: true }).expect(200)).body;
    const notIssuer = await act(order, 'close', otherSupervisor).expect(403);
    expect(notIssuer.body.code).toBe('NOT_ISSUER');
    expect((await act(order, 'close', staff1)).status).toBe(403);
    expect((await act(order, 'return', head1, { reason: '自行退回' })).status).toBe(403);
    // a leader may stand in for the issuer
    order = (await act(order, 'return', leader, { reason: '材料不全' }).expect(200)).body;
    const extension = await act(order, 'extension', supervisor, { reason: '代申请', dueDate: addDays(today, 20) });
    expect(extension.status).toBe(403);
    order = (await act(order, 'extension', staff1, { reason: '需协调', dueDate: addDays(today, 20) }).expect(200)).body;
    expect((await act(order, 'extension', otherSupervisor, { decision: 'grant' })).status).toBe(403);
    expect((await act(order, 'extension', staff1, { decision: 'grant' })).status).toBe(403);
    order = (await act(order, 'extension', supervisor, { decision: 'refuse' }).expect(200)).body;
    expect(order).toMatchObject({ status: 'in_progress', dueDate: addDays(today, 10) });
  });

  it('answers a stale version with 409', async () => {
    const order = await issue();
    await act(order, 'assign', head1, { handlerId: staff1User.id }).expect(200);
    const stale = await act(order, 'assign', head1, { handlerId: staff1User.id }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
  });

  it('hides one bureau’s orders from another whatever id it guesses', async () => {
    const order = await issue();
    for (const auth of [staff2, head2]) {
      expect((await t.http.get(`${ORDERS}/${order.id}`).set(auth)).status).toBe(404);
      for (const [action, extra] of [
        ['assign', { handlerId: staff2User.id }],
        ['replies', { note: '越权反馈' }],
        ['extension', { reason: '越权', dueDate: addDays(today, 30) }],
      ] as const) {
        const response = await act(order, action, auth, extra);
        expect([403, 404]).toContain(response.status);
      }
      const list = (await t.http.get(`${ORDERS}?pageSize=200`).set(auth).expect(200)).body as { items: Order[] };
      expect(list.items.some((o) => o.id === order.id)).toBe(false);
      expect((await t.http.get(`${ORDERS}?bureau=B01`).set(auth).expect(200)).body.items).toEqual([]);
    }
    // the head of B02 asking for the assign of B01's order is not found, not forbidden: nothing leaks
    expect((await act(order, 'assign', head2, { handlerId: staff2User.id })).status).toBe(404);
    const own = (await t.http.get(`${ORDERS}?pageSize=200`).set(staff1).expect(200)).body as { items: Order[] };
    expect(own.items.some((o) => o.id === order.id)).toBe(true);
    expect(own.items.every((o) => o.bureau.code === 'B01')).toBe(true);
    for (const auth of [supervisor, leader, admin]) {
      await t.http.get(`${ORDERS}/${order.id}`).set(auth).expect(200);
    }
  });

  it('lists by bureau, status and overdue, counting overdue days on the district’s calendar', async () => {
    const past = addDays(today, -20);
    const service = t.get(SupervisionOrderService);
    const late = await t
      .get(BusinessClock)
      .asOf(past, () =>
        service.issue(actorOf(supervisorUser), { ...body(), matter: '逾期未办的督办单', dueDate: addDays(past, 5) }),
      );
    const overdue = (await t.http.get(`${ORDERS}?overdue=true&pageSize=200`).set(leader).expect(200)).body as {
      items: Order[];
    };
    expect(overdue.items.find((o) => o.id === late.id)).toMatchObject({ overdue: true, overdueDays: 15 });
    expect(overdue.items.every((o) => o.overdue)).toBe(true);
    const notOverdue = (await t.http.get(`${ORDERS}?overdue=false&pageSize=200`).set(leader).expect(200)).body;
    expect(notOverdue.items.some((o: Order) => o.id === late.id)).toBe(false);
    const issued = (await t.http.get(`${ORDERS}?status=issued&bureau=B01&pageSize=200`).set(leader).expect(200))
      .body as { items: Order[]; total: number };
    expect(issued.items.every((o) => o.status === 'issued' && o.bureau.code === 'B01')).toBe(true);
    expect(issued.total).toBeGreaterThan(0);
    expect((await t.http.get(`${ORDERS}?bureau=B02`).set(leader).expect(200)).body.items).toEqual([]);
  });

  it('ties an order to a project or a lead of its bureau', async () => {
    const investor = await createInvestor(t, staff1);
    const project = await createProject(t, staff1, investor.id);
    const fromProject = await issue({ bureau: undefined, projectId: project.id });
    expect(fromProject).toMatchObject({ projectId: project.id, bureau: { code: 'B01' } });
    const lead = await createLead(t, staff2, (await createInvestor(t, staff2)).id);
    const fromLead = await issue({ bureau: undefined, leadId: lead.id });
    expect(fromLead).toMatchObject({ leadId: lead.id, bureau: { code: 'B02' } });
    const mismatch = await t.http
      .post(ORDERS)
      .set(supervisor)
      .send(body({ bureau: 'B02', projectId: project.id }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('SOURCE_BUREAU_MISMATCH');
  });

  it('answers bad input with a 400 in Chinese', async () => {
    const bad = async (overrides: Record<string, unknown>) => {
      const response = await t.http.post(ORDERS).set(supervisor).send(body(overrides));
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/[\u4e00-\u9fa5]/);
      return response.body;
    };
    await bad({ dueDate: undefined });
    await bad({ dueDate: addDays(today, -1) });
    await bad({ dueDate: '2026-02-30' });
    await bad({ bureau: 'X1' });
    expect((await bad({ bureau: 'B99' })).code).toBe('UNKNOWN_BUREAU');
    await bad({ bureau: undefined });
    await bad({ matter: undefined, bureau: 'B01' });
    await bad({ projectId: 'not-a-uuid' });
    expect((await bad({ alertId: '00000000-0000-4000-8000-000000000000' })).code).toBe('UNKNOWN_SOURCE');
    expect((await bad({ projectId: '00000000-0000-4000-8000-000000000000' })).code).toBe('UNKNOWN_SOURCE');
    await bad({ extra: 'field' });

    let order = await issue();
    order = (await act(order, 'assign', head1, { handlerId: staff1User.id }).expect(200)).body;
    const cases: [string, Auth, Record<string, unknown>][] = [
      ['extension', staff1, {}],
      ['extension', staff1, { reason: '原因', dueDate: addDays(today, 30), decision: 'grant' }],
      ['extension', staff1, { reason: '原因' }],
      ['extension', supervisor, { decision: 'maybe' }],
      ['replies', staff1, { note: '' }],
      ['replies', staff1, { note: '进展', final: 'yes' }],
      ['return', supervisor, {}],
      ['assign', head1, { handlerId: 'nobody' }],
    ];
    for (const [action, auth, extra] of cases) {
      const response = await act(order, action, auth, extra);
      expect({ action, extra, status: response.status }).toEqual({ action, extra, status: 400 });
    }
    expect((await act(order, 'replies', staff1, { expectedVersion: 0, note: '进展' })).status).toBe(400);
    const notLater = await act(order, 'extension', staff1, { reason: '原因', dueDate: addDays(today, 5) });
    expect(notLater.status).toBe(422);
    expect((await t.http.get(`${ORDERS}/not-an-id`).set(leader)).status).toBe(400);
    expect((await t.http.get(`${ORDERS}/00000000-0000-4000-8000-000000000000`).set(leader)).status).toBe(404);
    for (const query of ['status=open', 'overdue=maybe', 'bureau=X1', 'pageSize=1000', 'projectId=x']) {
      expect((await t.http.get(`${ORDERS}?${query}`).set(leader)).status).toBe(400);
    }
  });

  it('issues once for a repeated Idempotency-Key', async () => {
    const send = () =>
      t.http
        .post(ORDERS)
        .set(supervisor)
        .set('Idempotency-Key', 'order-key-1')
        .send(body({ matter: '同一请求的督办单' }));
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses anonymous callers', async () => {
    expect((await t.http.get(ORDERS)).status).toBe(401);
    expect((await t.http.post(ORDERS).send(body())).status).toBe(401);
  });
});
