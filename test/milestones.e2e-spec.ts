import { AlertService } from '@app/alerts';
import { BusinessClock, periodOf, Role } from '@app/core';
import { MilestoneProgressService } from '@app/pipeline';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MilestoneSlipsReportSection } from '../libs/pipeline/src/milestones/milestone.section';
import { createInvestor } from './factories/investor.factory';
import { advance, createProject, gates, ProjectBody } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Node = {
  key: string;
  label: string;
  plannedDate: string | null;
  actualDate: string | null;
  source: string;
  done: boolean;
  timing: string;
  days: number | null;
  light: string | null;
  month: string | null;
};
type Plan = { version: number; today: string; redDays: number; nodes: Node[]; isKeyProject: boolean };
type ChartRow = {
  project: { id: string; name: string };
  bureau: { code: string };
  light: string | null;
  nodes: Node[];
};

/** The fixed business day of every assertion (Asia/Shanghai). */
const TODAY = '2026-11-26';

describe('Milestone plans (挂图作战)', () => {
  let t: TestApp;
  let staff1: Auth;
  let staff2: Auth;
  let head1: Auth;
  let leader: Auth;
  let otherLeader: Auth;
  let supervisor: Auth;
  let admin: Auth;
  let keyProject: ProjectBody;
  let plainProject: ProjectBody;
  let otherBureauProject: ProjectBody;

  const url = (id: string) => `/api/v1/projects/${id}/milestones`;
  const planOf = async (auth: Auth, id = keyProject.id) =>
    (await t.http.get(url(id)).set(auth).expect(200)).body as Plan;
  const node = (plan: { nodes: Node[] }, key: string) => plan.nodes.find((n) => n.key === key)!;
  const chartOf = async (auth: Auth, query = '') =>
    (await t.http.get(`/api/v1/milestones?pageSize=200${query}`).set(auth).expect(200)).body as {
      items: ChartRow[];
      total: number;
      months: string[];
    };

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.get(BusinessClock), 'today').mockReturnValue(TODAY);
    staff1 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    head1 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
    staff2 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    const leaderUser = await signedIn(t, { role: Role.Leader, displayName: '王副区长' });
    leader = leaderUser.auth;
    otherLeader = (await signedIn(t, { role: Role.Leader })).auth;
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;

    keyProject = await createProject(t, staff1, (await createInvestor(t, staff1)).id, {
      name: '挂图重点项目',
      responsibleLeaderId: leaderUser.user.id,
    });
    keyProject = await advance(t, staff1, keyProject, {
      to: 'registered',
      deal: gates.deal({ signedDate: '2026-03-18' }),
      registration: gates.registration({ date: '2026-05-12' }),
    });
    plainProject = await createProject(t, staff1, (await createInvestor(t, staff1)).id, {
      name: '一般项目',
      isKeyProject: false,
    });
    otherBureauProject = await createProject(t, staff2, (await createInvestor(t, staff2)).id, {
      name: '二局重点项目',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the plan’s nodes in order, the stage nodes filled from the stage gates', async () => {
    const plan = await planOf(staff1);
    expect(plan).toMatchObject({ version: 0, today: TODAY, redDays: 15, isKeyProject: true });
    expect(plan.nodes.map((n) => n.label)).toEqual([
      '签约',
      '注册落地',
      '立项备案',
      '用地',
      '规划许可',
      '施工许可',
      '开工',
      '竣工投产',
    ]);
    expect(node(plan, 'signed')).toMatchObject({
      actualDate: '2026-03-18',
      source: 'stage',
      done: true,
      timing: 'unplanned',
    });
    expect(node(plan, 'started')).toMatchObject({ actualDate: null, done: false, timing: 'unplanned', light: null });
    expect(node(plan, 'procedure:land')).toMatchObject({ source: 'bureau', plannedDate: null });
  });

  it('sets planned dates and a 前期手续 done date, and tells 提前/按期/滞后 with days and lights', async () => {
    const response = await t.http
      .put(url(keyProject.id))
      .set(staff1)
      .send({
        expectedVersion: 0,
        nodes: [
          { key: 'signed', plannedDate: '2026-03-20' },
          { key: 'registered', plannedDate: '2026-05-01' },
          { key: 'procedure:project_filing', plannedDate: '2026-06-30', actualDate: '2026-06-30' },
          { key: 'procedure:land', plannedDate: '2026-10-31', actualDate: '2026-10-28' },
          { key: 'procedure:planning_permit', plannedDate: '2026-11-20' },
          { key: 'procedure:construction_permit', plannedDate: '2026-11-01' },
          { key: 'started', plannedDate: '2026-12-15' },
        ],
      })
      .expect(200);
    const plan = response.body as Plan;
    expect(plan.version).toBe(1);
    expect(node(plan, 'signed')).toMatchObject({ timing: 'early', days: 2, light: null });
    expect(node(plan, 'registered')).toMatchObject({ timing: 'late', days: 11, light: null, done: true });
    expect(node(plan, 'procedure:project_filing')).toMatchObject({ timing: 'on_time', days: 0, done: true });
    expect(node(plan, 'procedure:land')).toMatchObject({ timing: 'early', days: 3, actualDate: '2026-10-28' });
    expect(node(plan, 'procedure:planning_permit')).toMatchObject({
      timing: 'late',
      days: 6,
      light: 'yellow',
      done: false,
    });
    expect(node(plan, 'procedure:construction_permit')).toMatchObject({ days: 25, light: 'red' });
    expect(node(plan, 'started')).toMatchObject({ timing: 'pending', days: 19, light: null, month: '2026-12' });
    expect(node(plan, 'operating')).toMatchObject({ plannedDate: null, timing: 'unplanned' });
    expect(await planOf(head1)).toEqual(plan);

    const audit = (await t
      .get(DataSource)
      .query(
        `SELECT action, after FROM audit_entry WHERE entity = 'project' AND entity_id = $1 AND action = 'project.milestones'`,
        [keyProject.id],
      )) as { after: { version: number; nodes: Record<string, unknown> } }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].after.version).toBe(1);
    expect(audit[0].after.nodes['procedure:land']).toEqual({ plannedDate: '2026-10-31', actualDate: '2026-10-28' });
  });

  it('refuses a change against a stale version with 409, and changes only the nodes it lists', async () => {
    const stale = await t.http
      .put(url(keyProject.id))
      .set(staff1)
      .send({ expectedVersion: 0, nodes: [{ key: 'operating', plannedDate: '2027-06-30' }] })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION' });
    expect(stale.body.message).toMatch(/节点计划已被他人修改/);
    const plan = (
      await t.http
        .put(url(keyProject.id))
        .set(head1)
        .send({ expectedVersion: 1, nodes: [{ key: 'operating', plannedDate: '2027-06-30' }] })
        .expect(200)
    ).body as Plan;
    expect(plan.version).toBe(2);
    expect(node(plan, 'operating').plannedDate).toBe('2027-06-30');
    expect(node(plan, 'procedure:land').actualDate).toBe('2026-10-28');
  });

  it('fills a stage node’s actual date when the project reaches the stage', async () => {
    keyProject = (await t.http.get(`/api/v1/projects/${keyProject.id}`).set(staff1).expect(200)).body as ProjectBody;
    keyProject = await advance(t, staff1, keyProject, { to: 'started', start: gates.start({ date: '2026-11-20' }) });
    const plan = await planOf(leader);
    expect(node(plan, 'started')).toMatchObject({
      actualDate: '2026-11-20',
      source: 'stage',
      done: true,
      timing: 'early',
      days: 25,
    });
  });

  it('answers bad input with a 4xx and a Chinese message', async () => {
    const put = (body: unknown, id = keyProject.id) =>
      t.http
        .put(url(id))
        .set(staff1)
        .send(body as object);
    const version = (await planOf(staff1)).version;
    const cases: [unknown, number, string?][] = [
      [
        { expectedVersion: version, nodes: [{ key: 'signed', actualDate: '2026-03-18' }] },
        422,
        'ACTUAL_DATE_FROM_STAGE',
      ],
      [
        { expectedVersion: version, nodes: [{ key: 'procedure:nothing', plannedDate: '2026-12-01' }] },
        422,
        'UNKNOWN_PROCEDURE',
      ],
      [
        {
          expectedVersion: version,
          nodes: [
            { key: 'signed', plannedDate: '2026-03-01' },
            { key: 'signed', plannedDate: null },
          ],
        },
        422,
        'DUPLICATE_MILESTONE_NODE',
      ],
      [{ expectedVersion: version, nodes: [{ key: 'foo' }] }, 400],
      [{ expectedVersion: version, nodes: [{ key: 'started', plannedDate: '2026-02-30' }] }, 400],
      [{ expectedVersion: version, nodes: [{ key: 'started', plannedDate: '1999-12-31' }] }, 400],
      [{ expectedVersion: version, nodes: [{ key: 'procedure:land', actualDate: '2099-01-01' }] }, 400],
      [{ expectedVersion: version, nodes: [] }, 400],
      [{ expectedVersion: -1, nodes: [{ key: 'signed' }] }, 400],
      [{ nodes: [{ key: 'signed' }] }, 400],
      [[], 400],
    ];
    for (const [body, status, code] of cases) {
      const response = await put(body);
      expect({ body, status: response.status }).toEqual({ body, status });
      if (code) expect(response.body.code).toBe(code);
      expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const notKey = await put(
      { expectedVersion: 0, nodes: [{ key: 'signed', plannedDate: '2026-12-01' }] },
      plainProject.id,
    );
    expect(notKey.status).toBe(409);
    expect(notKey.body.code).toBe('NOT_KEY_PROJECT');
    await t.http.get(url('not-a-uuid')).set(staff1).expect(400);
    expect((await planOf(staff1)).version).toBe(version);
  });

  it('keeps another bureau’s plan out of reach whatever id is guessed, and lets only bureau roles edit', async () => {
    const body = { expectedVersion: 2, nodes: [{ key: 'operating', plannedDate: '2027-07-01' }] };
    for (const id of [keyProject.id, randomUUID()]) {
      await t.http.get(url(id)).set(staff2).expect(404);
      await t.http.put(url(id)).set(staff2).send(body).expect(404);
    }
    await t.http.get(url(otherBureauProject.id)).set(staff1).expect(404);
    await t.http.put(url(otherBureauProject.id)).set(staff1).send(body).expect(404);
    await t.http.put(url(keyProject.id)).set(leader).send(body).expect(403);
    await t.http.put(url(keyProject.id)).set(supervisor).send(body).expect(403);
    await t.http.get(url(keyProject.id)).expect(401);
    await planOf(supervisor);
    await planOf(admin);
    expect((await planOf(staff1)).version).toBe(2);
  });

  it('charts key projects by bureau, month and status, within the reader’s scope', async () => {
    const all = await chartOf(leader);
    const ids = all.items.map((row) => row.project.id);
    expect(ids).toEqual(expect.arrayContaining([keyProject.id, otherBureauProject.id]));
    expect(ids).not.toContain(plainProject.id);
    const row = all.items.find((r) => r.project.id === keyProject.id)!;
    expect(row).toMatchObject({ bureau: { code: 'B01' }, light: 'red', leader: { displayName: '王副区长' } });
    expect(all.months).toEqual(expect.arrayContaining(['2026-03', '2026-11', '2027-06']));

    expect((await chartOf(staff1)).items.map((r) => r.project.id)).toEqual([keyProject.id]);
    expect((await chartOf(staff2)).items.map((r) => r.project.id)).toEqual([otherBureauProject.id]);
    expect((await chartOf(staff2, '&bureau=B01')).items).toEqual([]);
    expect((await chartOf(supervisor, '&bureau=B02')).items.map((r) => r.project.id)).toEqual([otherBureauProject.id]);

    expect((await chartOf(leader, '&status=red')).items.map((r) => r.project.id)).toEqual([keyProject.id]);
    expect((await chartOf(leader, '&status=overdue')).items.map((r) => r.project.id)).toEqual([keyProject.id]);
    expect((await chartOf(leader, '&status=normal')).items.map((r) => r.project.id)).toEqual([otherBureauProject.id]);
    expect((await chartOf(leader, '&month=2026-10')).items.map((r) => r.project.id)).toEqual([keyProject.id]);
    expect((await chartOf(leader, '&month=2025-01')).items).toEqual([]);

    for (const query of ['month=2026-13', 'status=green', 'bureau=X1', 'pageSize=0']) {
      const response = await t.http.get(`/api/v1/milestones?${query}`).set(leader).expect(400);
      expect(response.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    await t.http.get('/api/v1/milestones').expect(401);
  });

  it('lights overdue nodes in the alerts: yellow, red from MILESTONE_RED_DAYS, only in their bureau', async () => {
    await t.get(AlertService).compute(TODAY);
    type Alert = { kind: string; level: string; overdue: number; since: string; subject: string; entityId: string };
    const alerts = async (auth: Auth) =>
      (
        (await t.http.get('/api/v1/alerts?kind=milestone_overdue&pageSize=200').set(auth).expect(200)).body as {
          items: Alert[];
        }
      ).items;
    const lights = (await alerts(leader)).filter((a) => a.entityId === keyProject.id);
    expect(lights.map(({ level, overdue, since, subject }) => ({ level, overdue, since, subject }))).toEqual([
      { level: 'red', overdue: 25, since: '2026-11-01', subject: '挂图重点项目（施工许可）' },
      { level: 'yellow', overdue: 6, since: '2026-11-20', subject: '挂图重点项目（规划许可）' },
    ]);
    expect((await alerts(staff1)).map((a) => a.entityId)).toContain(keyProject.id);
    expect((await alerts(staff2)).map((a) => a.entityId)).not.toContain(keyProject.id);
    // a past day sees what was open then: on 2026-11-10 规划许可 was not yet due and 施工许可 9 days past
    const past = (await t.get(AlertService).asOf('2026-11-10')).filter((a) => a.kind === 'milestone_overdue');
    expect(past.map(({ level, overdue }) => ({ level, overdue }))).toEqual([{ level: 'yellow', overdue: 9 }]);
  });

  it('lists a 包保 leader’s projects with nodes, alerts and open orders, for leaders only', async () => {
    const mine = (await t.http.get('/api/v1/me/projects').set(leader).expect(200)).body as {
      items: (ChartRow & { alerts: { kind: string; level: string }[]; openOrders: unknown[] })[];
    };
    expect(mine.items.map((row) => row.project.id)).toEqual([keyProject.id]);
    expect(mine.items[0].nodes).toHaveLength(8);
    expect(mine.items[0].alerts.filter((a) => a.kind === 'milestone_overdue').map((a) => a.level)).toEqual([
      'red',
      'yellow',
    ]);
    expect(mine.items[0].openOrders).toEqual([]);
    // a 督办单 on the project is listed with it while open
    const order = await t.http
      .post('/api/v1/supervision-orders')
      .set(supervisor)
      .send({
        matter: '加快施工许可办理',
        requirement: '本月内完成施工许可',
        dueDate: '2027-01-15',
        projectId: keyProject.id,
      })
      .expect(201);
    const withOrder = (await t.http.get('/api/v1/me/projects').set(leader).expect(200)).body as {
      items: { openOrders: { id: string; matter: string; dueDate: string }[] }[];
    };
    expect(withOrder.items[0].openOrders).toEqual([
      expect.objectContaining({ id: order.body.id, matter: '加快施工许可办理', dueDate: '2027-01-15' }),
    ]);
    expect((await t.http.get('/api/v1/me/projects').set(otherLeader).expect(200)).body.items).toEqual([]);
    for (const auth of [staff1, head1, supervisor, admin])
      await t.http.get('/api/v1/me/projects').set(auth).expect(403);
  });

  it('lists each 包保 leader’s slipped nodes in the weekly report', async () => {
    const table = await t.get(MilestoneSlipsReportSection).build(periodOf('week', TODAY));
    const rows = table.rows.filter((row) => row.project === '挂图重点项目');
    expect(rows).toEqual([
      {
        leader: '王副区长',
        bureauCode: 'B01',
        bureauName: expect.any(String),
        project: '挂图重点项目',
        node: '施工许可',
        plannedDate: '2026-11-01',
        overdue: 28,
        level: '红灯',
      },
      {
        leader: '王副区长',
        bureauCode: 'B01',
        bureauName: expect.any(String),
        project: '挂图重点项目',
        node: '规划许可',
        plannedDate: '2026-11-20',
        overdue: 9,
        level: '黄灯',
      },
    ]);
    expect(table.columns.map((c) => c.key)).toEqual(
      expect.arrayContaining(['bureauCode', 'leader', 'node', 'plannedDate', 'overdue']),
    );
    expect((await t.get(MilestoneProgressService).current()).length).toBeGreaterThan(0);
  });

  it('lets the admin edit the list of 前期手续 kinds, which plans follow', async () => {
    const base = '/api/v1/admin/milestone-procedures';
    const seeded = (await t.http.get(base).set(admin).expect(200)).body as { id: string; code: string }[];
    expect(seeded.map((k) => k.code)).toEqual(['project_filing', 'land', 'planning_permit', 'construction_permit']);
    const created = (
      await t.http.post(base).set(admin).send({ code: 'env_assessment', name: '环评批复', sortOrder: 25 }).expect(201)
    ).body as { id: string };
    expect((await planOf(staff1)).nodes.map((n) => n.label).slice(2, 7)).toEqual([
      '立项备案',
      '用地',
      '环评批复',
      '规划许可',
      '施工许可',
    ]);
    expect(
      (await t.http.post(base).set(admin).send({ code: 'env_assessment', name: '环评' }).expect(409)).body.code,
    ).toBe('DUPLICATE_PROCEDURE_KIND');
    await t.http.post(base).set(admin).send({ code: 'other', name: '环评批复' }).expect(409);
    await t.http.post(base).set(admin).send({ code: 'Bad Code', name: '某手续' }).expect(400);
    await t.http.post(base).set(admin).send({ code: 'x2', name: '' }).expect(400);
    await t.http.post(base).set(staff1).send({ code: 'x3', name: '某手续' }).expect(403);
    await t.http.get(base).set(leader).expect(403);

    await t.http.patch(`${base}/${created.id}`).set(admin).send({ active: false }).expect(200);
    expect((await planOf(staff1)).nodes.map((n) => n.key)).not.toContain('procedure:env_assessment');
    const version = (await planOf(staff1)).version;
    const refused = await t.http
      .put(url(keyProject.id))
      .set(staff1)
      .send({ expectedVersion: version, nodes: [{ key: 'procedure:env_assessment', plannedDate: '2026-12-01' }] })
      .expect(422);
    expect(refused.body.code).toBe('UNKNOWN_PROCEDURE');
    // a deactivated kind stays on a plan that has a date on it
    const land = seeded.find((k) => k.code === 'land')!;
    await t.http.patch(`${base}/${land.id}`).set(admin).send({ active: false, name: '用地手续' }).expect(200);
    expect(node(await planOf(staff1), 'procedure:land')).toMatchObject({ label: '用地手续', actualDate: '2026-10-28' });
    await t.http.patch(`${base}/${land.id}`).set(admin).send({ name: '规划许可' }).expect(409);
    await t.http.patch(`${base}/${randomUUID()}`).set(admin).send({ name: '某手续' }).expect(404);
    await t.http.patch(`${base}/${land.id}`).set(staff1).send({ active: true }).expect(403);
    await t.http.patch(`${base}/${land.id}`).set(admin).send({ active: true, name: '用地' }).expect(200);
  });

  it('clears a stage node’s actual date when a correction moves the project back before that stage', async () => {
    keyProject = (await t.http.get(`/api/v1/projects/${keyProject.id}`).set(leader).expect(200)).body as ProjectBody;
    await advance(t, leader, keyProject, { to: 'registered', reason: '开工日期录入有误，退回注册落地' });
    const plan = await planOf(staff1);
    expect(node(plan, 'started')).toMatchObject({ actualDate: null, done: false, timing: 'pending', days: 19 });
    expect(node(plan, 'registered')).toMatchObject({ actualDate: '2026-05-12', done: true });
  });
});
