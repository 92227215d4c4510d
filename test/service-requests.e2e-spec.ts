import { AlertService } from '@app/alerts';
import { BusinessClock, periodOf, Role } from '@app/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createInvestor } from './factories/investor.factory';
import { createProject, registeredProject } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

/** The fixed business day the requests are handled on (the projects are set up before the clock is pinned). */
const TODAY = '2026-11-30';

interface RequestBody {
  id: string;
  version: number;
  status: string;
  dueOn: string;
  receivedOn: string;
  overdue: boolean;
  bureau: { code: string };
  resolvedOn: string | null;
  closedOn: string | null;
  satisfaction: string | null;
  events: { seq: number; type: string; businessDate: string; department: { name: string } | null }[];
}

describe('Enterprise requests (企业诉求, 首办责任制)', () => {
  let t: TestApp;
  let staff1: Auth;
  let head1: Auth;
  let staff2: Auth;
  let head2: Auth;
  let leader: Auth;
  let supervisor: Auth;
  let admin: Auth;
  let landed: string;
  let notLanded: string;
  let landedProject: string;
  let notLandedProject: string;
  let departments: { id: string; name: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    staff1 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    head1 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
    staff2 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    head2 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
    const investor = await createInvestor(t, staff1);
    landedProject = (await registeredProject(t, staff1, investor.id)).id;
    landed = investor.id;
    const early = await createInvestor(t, staff1);
    notLandedProject = (await createProject(t, staff1, early.id)).id;
    notLanded = early.id;
    jest.spyOn(t.get(BusinessClock), 'today').mockReturnValue(TODAY);
    departments = (await t.http.get('/api/v1/service-departments').set(staff1).expect(200)).body.items;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const receive = (auth: Auth, body: Record<string, unknown>) =>
    t.http.post('/api/v1/service-requests').set(auth).send(body);

  async function received(auth: Auth, overrides: Record<string, unknown> = {}): Promise<RequestBody> {
    const response = await receive(auth, {
      investorId: landed,
      kind: 'land',
      channel: 'hotline_12345',
      content: '二期厂房用地指标尚未落实',
      receivedOn: '2026-11-02',
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.body as RequestBody;
  }

  const step = (auth: Auth, id: string, action: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/service-requests/${id}/${action}`).set(auth).send(body);

  const department = (name: string) => departments.find((d) => d.name === name)!;

  it('seeds 海州区 handling departments', () => {
    expect(departments.map((d) => d.name)).toEqual(
      expect.arrayContaining(['区自然资源局', '区住建局', '区发改局', '区营商局', '区人社局', '区财政局']),
    );
  });

  it('walks received → routed → replies → resolved → feedback on the fixed clock, each step an event', async () => {
    const request = await received(staff1);
    expect(request).toMatchObject({
      status: 'received',
      receivedOn: '2026-11-02',
      dueOn: '2026-12-02', // 用地: 30 calendar days by default
      overdue: false,
      bureau: { code: 'B01' },
      version: 1,
    });
    let body = (
      await step(staff1, request.id, 'route', {
        expectedVersion: 1,
        departmentId: department('区自然资源局').id,
        date: '2026-11-03',
        note: '请牵头研究供地方案',
      }).expect(200)
    ).body as RequestBody;
    expect(body).toMatchObject({ status: 'routed', version: 2, department: { name: '区自然资源局' } });
    body = (await step(head1, request.id, 'replies', { expectedVersion: 2, note: '已现场踏勘' }).expect(200)).body;
    expect(body.events.at(-1)).toMatchObject({ type: 'reply', businessDate: TODAY });
    body = (await step(staff1, request.id, 'resolve', { expectedVersion: 3, resolution: '地块已挂牌出让' }).expect(200))
      .body;
    expect(body).toMatchObject({ status: 'resolved', resolvedOn: TODAY, resolvedOnTime: true });
    body = (
      await step(staff1, request.id, 'feedback', { expectedVersion: 4, satisfaction: 'basically_satisfied' }).expect(
        200,
      )
    ).body;
    expect(body).toMatchObject({ status: 'closed', closedOn: TODAY, satisfaction: 'basically_satisfied' });
    const detail = (await t.http.get(`/api/v1/service-requests/${request.id}`).set(leader).expect(200))
      .body as RequestBody;
    expect(detail.events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'received'],
      [2, 'routed'],
      [3, 'reply'],
      [4, 'resolved'],
      [5, 'feedback'],
    ]);
    expect(detail.events[1].department).toMatchObject({ name: '区自然资源局' });
    const audit = await t
      .get(DataSource)
      .query(`SELECT action FROM audit_entry WHERE entity = 'service_request' AND entity_id = $1 ORDER BY id`, [
        request.id,
      ]);
    expect(audit.map((row: { action: string }) => row.action).sort()).toEqual(
      [
        'service_request.create',
        'service_request.routed',
        'service_request.reply',
        'service_request.resolved',
        'service_request.feedback',
      ].sort(),
    );
  });

  it('gives each kind its due date from the settings, and marks open requests past it overdue', async () => {
    const utilities = await received(staff1, { kind: 'utilities', receivedOn: '2026-11-10' });
    expect(utilities).toMatchObject({ dueOn: '2026-11-20', overdue: true });
    const approval = await received(staff1, { kind: 'approval', receivedOn: '2026-11-20' });
    expect(approval).toMatchObject({ dueOn: '2026-12-05', overdue: false });
    const overdue = (await t.http.get('/api/v1/service-requests?overdue=true&pageSize=200').set(staff1).expect(200))
      .body;
    const ids = overdue.items.map((r: RequestBody) => r.id);
    expect(ids).toContain(utilities.id);
    expect(ids).not.toContain(approval.id);
    expect(overdue.items.every((r: RequestBody) => r.overdue)).toBe(true);
  });

  it('refuses steps out of order, stale versions and dates before the last step', async () => {
    const request = await received(staff1);
    const early = await step(staff1, request.id, 'resolve', { expectedVersion: 1, resolution: '已解决' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringMatching(/交办/) });
    const feedback = await step(staff1, request.id, 'feedback', { expectedVersion: 1, satisfaction: 'satisfied' });
    expect(feedback.body.code).toBe('INVALID_TRANSITION');
    const before = await step(staff1, request.id, 'replies', { expectedVersion: 1, note: '进展', date: '2026-11-01' });
    expect(before.status).toBe(422);
    expect(before.body).toMatchObject({ code: 'DATE_OUT_OF_ORDER', message: expect.stringMatching(/不能早于/) });
    await step(staff1, request.id, 'replies', { expectedVersion: 1, note: '进展' }).expect(200);
    const stale = await step(staff1, request.id, 'replies', { expectedVersion: 1, note: '再次' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', message: expect.stringMatching(/已被他人更新/) });
  });

  it('receives requests only for companies with a registered (or later) project', async () => {
    const response = await receive(staff1, {
      investorId: notLanded,
      kind: 'policy',
      channel: 'fuzhengtong',
      content: '申请兑现招商引资奖励',
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'INVESTOR_NOT_LANDED', message: expect.stringMatching(/注册落地/) });
    const unknown = await receive(staff1, {
      investorId: randomUUID(),
      kind: 'policy',
      channel: 'fuzhengtong',
      content: '申请兑现招商引资奖励',
    });
    expect(unknown.status).toBe(422);
  });

  it('lets whoever hears it first own it: another bureau receiving for the same company keeps its own', async () => {
    const request = await received(staff2, { kind: 'labour', channel: 'call_or_visit' });
    expect(request.bureau.code).toBe('B02');
    await t.http.get(`/api/v1/service-requests/${request.id}`).set(staff1).expect(404);
  });

  it('answers bad input with 400 and Chinese messages naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ kind: 'road' }, /诉求类别应为以下取值之一/],
      [{ channel: 'email' }, /受理渠道应为以下取值之一/],
      [{ content: '   ' }, /诉求内容不能为空/],
      [{ receivedOn: '2099-01-01' }, /受理日期不能晚于今天/],
      [{ investorId: 'abc' }, /应为有效的编号/],
      [{ visitId: randomUUID() }, /走访/],
    ];
    for (const [fields, message] of cases) {
      const response = await receive(staff1, {
        investorId: landed,
        kind: 'land',
        channel: 'hotline_12345',
        content: '用地',
        ...fields,
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(message);
    }
    const request = await received(staff1);
    const noDepartment = await step(staff1, request.id, 'route', { expectedVersion: 1, departmentId: randomUUID() });
    expect(noDepartment.status).toBe(400);
    expect(noDepartment.body).toMatchObject({ code: 'UNKNOWN_DEPARTMENT', message: '办理部门不存在或已停用' });
    const badSatisfaction = await step(staff1, request.id, 'feedback', { expectedVersion: 1, satisfaction: 'ok' });
    expect(badSatisfaction.status).toBe(400);
    expect(JSON.stringify(badSatisfaction.body)).toMatch(/满意度应为以下取值之一/);
    const noVersion = await step(staff1, request.id, 'replies', { note: '进展' });
    expect(noVersion.status).toBe(400);
    await t.http.get('/api/v1/service-requests?status=open').set(staff1).expect(400);
    await t.http.get('/api/v1/service-requests/figures?period=year').set(staff1).expect(400);
    await t.http.get('/api/v1/service-requests/not-an-id').set(staff1).expect(400);
  });

  it('links a request to the visit it was heard on, filed under the company’s project, and no other visit', async () => {
    const visitOn = async (projectId: string): Promise<string> => {
      const visit = await t.http
        .post('/api/v1/visits')
        .set(staff1)
        .send({ projectId, date: '2026-11-20', kind: 'outbound', summary: '回访企业生产经营情况' })
        .expect(201);
      return visit.body.id as string;
    };
    const own = await visitOn(landedProject);
    const request = await received(staff1, { channel: 'visit', visitId: own, receivedOn: '2026-11-20' });
    expect(request).toMatchObject({ visitId: own, channel: 'visit' });

    const otherCompany = await visitOn(notLandedProject);
    const refused = await receive(staff1, {
      investorId: landed,
      kind: 'land',
      channel: 'visit',
      visitId: otherCompany,
      content: '用地',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'UNKNOWN_VISIT', details: { field: 'visitId' } });
    const otherBureau = await receive(staff2, {
      investorId: landed,
      kind: 'land',
      channel: 'visit',
      visitId: own,
      content: '用地',
    });
    expect(otherBureau.status).toBe(400);
    expect(otherBureau.body).toMatchObject({ code: 'UNKNOWN_VISIT' });
    const notByVisit = await receive(staff1, {
      investorId: landed,
      kind: 'land',
      channel: 'hotline_12345',
      visitId: own,
      content: '用地',
    });
    expect(notByVisit.status).toBe(400);
    expect(notByVisit.body).toMatchObject({ code: 'VISIT_REQUIRED' });
  });

  describe('scope', () => {
    let b01: RequestBody;

    beforeAll(async () => {
      b01 = await received(staff1, { kind: 'financing', content: '流动资金贷款需求 3000 万元' });
    });

    it('a bureau lists its own requests; leaders, supervisors and admins list every bureau', async () => {
      const list = async (auth: Auth, query = '') =>
        (await t.http.get(`/api/v1/service-requests?pageSize=200${query}`).set(auth).expect(200)).body.items.map(
          (r: RequestBody) => r.id,
        );
      expect(await list(staff1)).toContain(b01.id);
      for (const auth of [staff2, head2]) {
        expect(await list(auth)).not.toContain(b01.id);
        expect(await list(auth, '&bureau=B01')).toEqual([]);
      }
      for (const auth of [leader, supervisor, admin]) expect(await list(auth, '&bureau=B01')).toContain(b01.id);
    });

    it('another bureau gets 404 on every route, whatever id it guesses', async () => {
      const bodies: Record<string, Record<string, unknown>> = {
        route: { expectedVersion: 1, departmentId: department('区财政局').id },
        replies: { expectedVersion: 1, note: '打听进展' },
        resolve: { expectedVersion: 1, resolution: '代为办结' },
        feedback: { expectedVersion: 1, satisfaction: 'satisfied' },
      };
      for (const auth of [staff2, head2]) {
        for (const id of [b01.id, randomUUID()]) {
          const read = await t.http.get(`/api/v1/service-requests/${id}`).set(auth);
          expect(read.status).toBe(404);
          expect(read.body.message).toBe('诉求不存在或无权访问');
          for (const [action, body] of Object.entries(bodies)) {
            const response = await step(auth, id, action, body);
            expect({ action, status: response.status }).toEqual({ action, status: 404 });
          }
        }
      }
      const after = (await t.http.get(`/api/v1/service-requests/${b01.id}`).set(staff1).expect(200)).body;
      expect(after).toMatchObject({ version: 1, status: 'received' });
    });

    it('leaders and supervisors read but do not handle; the admin handles; only bureau users receive', async () => {
      await t.http.get(`/api/v1/service-requests/${b01.id}`).set(supervisor).expect(200);
      for (const auth of [leader, supervisor]) {
        await step(auth, b01.id, 'replies', { expectedVersion: 1, note: '督办' }).expect(403);
        await receive(auth, { investorId: landed, kind: 'land', channel: 'other', content: '用地' }).expect(403);
      }
      await receive(admin, { investorId: landed, kind: 'land', channel: 'other', content: '用地' }).expect(403);
      await step(admin, b01.id, 'replies', { expectedVersion: 1, note: '管理员补录进展' }).expect(200);
    });
  });

  describe('handling departments', () => {
    it('the admin adds, renames and retires them; others cannot; a retired one takes no requests', async () => {
      const created = await t.http
        .post('/api/v1/service-departments')
        .set(admin)
        .send({ name: '区税务局', sortOrder: 100 })
        .expect(201);
      const duplicate = await t.http.post('/api/v1/service-departments').set(admin).send({ name: '区税务局' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('DUPLICATE_DEPARTMENT');
      for (const auth of [staff1, head1, leader, supervisor]) {
        await t.http.post('/api/v1/service-departments').set(auth).send({ name: '区审计局' }).expect(403);
        await t.http.patch(`/api/v1/service-departments/${created.body.id}`).set(auth).send({ name: 'x' }).expect(403);
      }
      const retired = await t.http
        .patch(`/api/v1/service-departments/${created.body.id}`)
        .set(admin)
        .send({ name: '国家税务总局阜新市海州区税务局', isActive: false })
        .expect(200);
      expect(retired.body).toMatchObject({ name: '国家税务总局阜新市海州区税务局', isActive: false });
      await t.http.patch(`/api/v1/service-departments/${randomUUID()}`).set(admin).send({ name: '无' }).expect(404);
      const request = await received(staff1);
      const refused = await step(staff1, request.id, 'route', { expectedVersion: 1, departmentId: created.body.id });
      expect(refused.body.code).toBe('UNKNOWN_DEPARTMENT');
      const audit = await t
        .get(DataSource)
        .query(`SELECT action FROM audit_entry WHERE entity = 'service_department' AND entity_id = $1`, [
          created.body.id,
        ]);
      expect(audit.map((row: { action: string }) => row.action).sort()).toEqual([
        'service_department.create',
        'service_department.update',
      ]);
    });
  });

  it('figures per bureau equal a recount from the records', async () => {
    // a second bureau with a request closed unsatisfied and one resolved late
    const late = await received(staff2, { kind: 'utilities', receivedOn: '2026-11-03' }); // due 2026-11-13
    await step(staff2, late.id, 'route', { expectedVersion: 1, departmentId: department('区住建局').id }).expect(200);
    await step(staff2, late.id, 'resolve', { expectedVersion: 2, resolution: '已通气' }).expect(200);
    await step(staff2, late.id, 'feedback', { expectedVersion: 3, satisfaction: 'unsatisfied' }).expect(200);

    const figures = (await t.http.get('/api/v1/service-requests/figures?period=month').set(staff2).expect(200)).body;
    const { from, to } = periodOf('month', TODAY);
    expect(figures).toMatchObject({ period: 'month', label: '2026-11', from, to });
    const all = (await t.http.get('/api/v1/service-requests?pageSize=200').set(leader).expect(200)).body
      .items as (RequestBody & { resolvedOnTime: boolean | null })[];
    const within = (day: string | null) => day !== null && day >= from && day < to;
    for (const row of figures.bureaus as { bureau: { code: string }; [k: string]: unknown }[]) {
      const mine = all.filter((r) => r.bureau.code === row.bureau.code);
      const closed = mine.filter((r) => within(r.closedOn));
      const satisfied = closed.filter((r) => r.satisfaction !== 'unsatisfied').length;
      expect({ code: row.bureau.code, ...row }).toMatchObject({
        code: row.bureau.code,
        received: mine.filter((r) => within(r.receivedOn)).length,
        closed: closed.length,
        closedOnTime: closed.filter((r) => r.resolvedOn! <= r.dueOn).length,
        satisfied,
        satisfactionRate: closed.length ? Math.round((satisfied / closed.length) * 10000) / 10000 : null,
      });
    }
    const b02 = figures.bureaus.find((row: { bureau: { code: string } }) => row.bureau.code === 'B02');
    expect(b02).toMatchObject({ closed: 1, closedOnTime: 0, satisfied: 0, satisfactionRate: 0 });
    const b01 = figures.bureaus.find((row: { bureau: { code: string } }) => row.bureau.code === 'B01');
    expect(b01).toMatchObject({ closed: 1, closedOnTime: 1, satisfied: 1, satisfactionRate: 1 });
    expect(figures.district.received).toBe(all.filter((r) => within(r.receivedOn)).length);
  });

  it('turns overdue open requests red in the alerts, for the owning bureau only, and into a 督办单 in one action', async () => {
    const request = await received(staff1, { kind: 'utilities', receivedOn: '2026-11-01' }); // due 2026-11-11
    await t.get(AlertService).compute(TODAY);
    const alerts = async (auth: Auth) =>
      (await t.http.get('/api/v1/alerts?pageSize=200&kind=request_overdue').set(auth).expect(200)).body.items as {
        entityId: string;
        level: string;
        link: string;
        overdue: number;
        since: string;
        message: string;
      }[];
    const mine = (await alerts(staff1)).find((a) => a.entityId === request.id);
    expect(mine).toMatchObject({
      level: 'red',
      link: `/api/v1/service-requests/${request.id}`,
      since: '2026-11-11',
      overdue: 19,
      message: expect.stringMatching(/超期 19 天未办结/),
    });
    expect((await alerts(staff2)).map((a) => a.entityId)).not.toContain(request.id);

    // one action turns the red light into a 督办单 to the owning bureau
    const alertId = (mine as unknown as { id: string }).id;
    const order = await t.http
      .post('/api/v1/supervision-orders')
      .set(supervisor)
      .send({ alertId, dueDate: '2027-01-15', requirement: '请于期限内办结并回访企业' })
      .expect(201);
    expect(order.body).toMatchObject({ bureau: { code: 'B01' }, status: 'issued' });
    expect(order.body.alertMessage).toMatch(/超期 19 天未办结/);
    await t.http.get(`/api/v1/supervision-orders/${order.body.id}`).set(staff1).expect(200);
    await t.http.get(`/api/v1/supervision-orders/${order.body.id}`).set(staff2).expect(404);
  });

  it('documents every route in OpenAPI with Chinese examples and its 4xx answers', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const create = doc.paths['/api/v1/service-requests'].post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '422']));
    for (const action of ['route', 'replies', 'resolve', 'feedback']) {
      const op = doc.paths[`/api/v1/service-requests/{id}/${action}`].post;
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '404', '409', '422']));
      expect(op.summary).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(doc.paths['/api/v1/service-requests/figures'].get).toBeDefined();
    expect(doc.paths['/api/v1/service-departments/{id}'].patch.responses['403']).toBeDefined();
    expect(doc.components.schemas.CreateServiceRequestDto.properties.content.example).toMatch(/[\u4e00-\u9fff]/);
  });
});
