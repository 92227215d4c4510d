import { businessDateOf, Role } from '@app/core';
import { UserEntity } from '@app/identity';
import { createInvestor, createLead, malformed } from './factories/investor.factory';
import { advance, createProject, gates, ProjectBody, projectBody } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

const today = () => businessDateOf(new Date(), 'Asia/Shanghai');

type Auth = { Authorization: string };
type Caller = 'staffB01' | 'staffB02' | 'headB01' | 'headB02' | 'leader' | 'supervisor' | 'admin';
const CALLERS: Caller[] = ['staffB01', 'staffB02', 'headB01', 'headB02', 'leader', 'supervisor', 'admin'];

describe('Projects', () => {
  let t: TestApp;
  const auth = {} as Record<Caller, Auth>;
  const users = {} as Record<Caller, UserEntity>;

  beforeAll(async () => {
    t = await createTestApp();
    const roles: [Caller, Role, string?][] = [
      ['staffB01', Role.Staff, 'B01'],
      ['staffB02', Role.Staff, 'B02'],
      ['headB01', Role.BureauHead, 'B01'],
      ['headB02', Role.BureauHead, 'B02'],
      ['leader', Role.Leader],
      ['supervisor', Role.Supervisor],
      ['admin', Role.Admin],
    ];
    for (const [name, role, bureauCode] of roles) {
      const signed = await signedIn(t, { role, bureauCode });
      auth[name] = signed.auth;
      users[name] = signed.user;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  /** A project of B02, made by B02's staff member. */
  async function b02Project(stage: 'reserve' | 'signed' | 'registered' = 'reserve'): Promise<ProjectBody> {
    const investor = await createInvestor(t, auth.staffB02);
    let project = await createProject(t, auth.staffB02, investor.id);
    if (stage === 'signed') project = await advance(t, auth.staffB02, project, { to: 'signed', deal: gates.deal() });
    if (stage === 'registered') {
      project = await advance(t, auth.staffB02, project, {
        to: 'registered',
        deal: gates.deal(),
        registration: gates.registration(),
      });
    }
    return project;
  }

  describe('creating', () => {
    it('creates a reserve project of the caller’s bureau with the caller as officer', async () => {
      const investor = await createInvestor(t, auth.staffB01);
      const project = await createProject(t, auth.staffB01, investor.id, {
        responsibleLeaderId: users.leader.id,
        plannedInvestment: '12500',
      });
      expect(project).toMatchObject({
        stage: 'reserve',
        version: 1,
        bureau: { code: 'B01' },
        officer: { id: users.staffB01.id },
        responsibleLeader: { id: users.leader.id },
        investor: { id: investor.id },
        plannedInvestment: '12500.00',
        isKeyProject: true,
        plannedStartMonth: '2027-03',
        leadId: null,
      });
    });

    it('puts a leader’s project in the named officer’s bureau and refuses one without an officer', async () => {
      const investor = await createInvestor(t, auth.staffB01);
      const missing = await t.http.post('/api/v1/projects').set(auth.leader).send(projectBody(investor.id));
      expect([missing.status, missing.body.code]).toEqual([400, 'INVALID_OFFICER']);
      const named = await createProject(t, auth.leader, investor.id, { officerId: users.staffB02.id });
      expect(named).toMatchObject({ bureau: { code: 'B02' }, officer: { id: users.staffB02.id } });
    });

    it('refuses an unknown investor, a 包保 leader who is not a leader, and a foreign officer', async () => {
      const investor = await createInvestor(t, auth.staffB01);
      const post = (body: object) => t.http.post('/api/v1/projects').set(auth.headB01).send(body);
      const unknown = await post(projectBody('00000000-0000-4000-8000-000000000000'));
      expect([unknown.status, unknown.body.code]).toEqual([400, 'UNKNOWN_INVESTOR']);
      const notLeader = await post(projectBody(investor.id, { responsibleLeaderId: users.headB02.id }));
      expect([notLeader.status, notLeader.body.code]).toEqual([400, 'INVALID_LEADER']);
      const foreign = await post(projectBody(investor.id, { officerId: users.staffB02.id }));
      expect([foreign.status, foreign.body.code]).toEqual([400, 'INVALID_OFFICER']);
    });

    it('honours an Idempotency-Key', async () => {
      const investor = await createInvestor(t, auth.staffB01);
      const body = projectBody(investor.id);
      const first = await t.http.post('/api/v1/projects').set(auth.staffB01).set('Idempotency-Key', 'p-1').send(body);
      const second = await t.http.post('/api/v1/projects').set(auth.staffB01).set('Idempotency-Key', 'p-1').send(body);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).toBe(first.body.id);
    });
  });

  describe('editing', () => {
    it('changes descriptive fields against the version read, never the stage', async () => {
      const project = await b02Project();
      const response = await t.http
        .patch(`/api/v1/projects/${project.id}`)
        .set(auth.staffB02)
        .send({
          expectedVersion: 1,
          name: '年产2万吨电子级氢氟酸项目（一期）',
          isKeyProject: false,
          location: '阜新氟化工产业园A区',
        })
        .expect(200);
      expect(response.body).toMatchObject({ version: 2, isKeyProject: false, location: '阜新氟化工产业园A区' });
      const stale = await t.http
        .patch(`/api/v1/projects/${project.id}`)
        .set(auth.staffB02)
        .send({ expectedVersion: 1, location: '别处' });
      expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
      const stage = await t.http
        .patch(`/api/v1/projects/${project.id}`)
        .set(auth.staffB02)
        .send({ expectedVersion: 2, stage: 'signed' });
      expect(stage.status).toBe(400);
      const officer = await t.http
        .patch(`/api/v1/projects/${project.id}`)
        .set(auth.headB02)
        .send({ expectedVersion: 2, officerId: users.headB02.id, responsibleLeaderId: users.leader.id })
        .expect(200);
      expect(officer.body).toMatchObject({
        officer: { id: users.headB02.id },
        responsibleLeader: { id: users.leader.id },
      });
    });
  });

  describe('nulls', () => {
    it('clears a nullable field with null and refuses null where a field cannot be empty', async () => {
      const project = await b02Project();
      const patch = (body: Record<string, unknown>) =>
        t.http.patch(`/api/v1/projects/${project.id}`).set(auth.staffB02).send(body);
      for (const field of ['name', 'isKeyProject', 'officerId']) {
        const response = await patch({ expectedVersion: 1, [field]: null });
        expect([field, response.status, response.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
      }
      const cleared = await patch({
        expectedVersion: 1,
        location: null,
        plannedInvestment: null,
        responsibleLeaderId: null,
      });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({
        location: null,
        plannedInvestment: null,
        responsibleLeader: null,
        version: 2,
      });
      const investor = await createInvestor(t, auth.staffB01);
      const created = await t.http
        .post('/api/v1/projects')
        .set(auth.staffB01)
        .send(malformed(projectBody(investor.id), { isKeyProject: null }));
      expect(created.status).toBe(400);
    });
  });

  describe('lists and filters', () => {
    let signed: ProjectBody;
    let started: ProjectBody;
    let listLeader: UserEntity;
    beforeAll(async () => {
      listLeader = (await signedIn(t, { role: Role.Leader })).user;
      const investor = await createInvestor(t, auth.staffB02);
      signed = await createProject(t, auth.staffB02, investor.id, {
        name: '海州区硼氢化钠精细化工项目',
        industry: '精细化工',
        isKeyProject: false,
        responsibleLeaderId: listLeader.id,
      });
      signed = await advance(t, auth.staffB02, signed, {
        to: 'signed',
        deal: gates.deal({ signedDate: '2026-02-10' }),
      });
      const other = await createInvestor(t, auth.staffB02, { name: '阜新风华光伏科技有限公司' });
      started = await createProject(t, auth.staffB02, other.id, { name: '光伏组件项目', industry: '新能源' });
      started = await advance(t, auth.staffB02, started, {
        to: 'started',
        deal: gates.deal({ signedDate: '2026-04-01' }),
        registration: gates.registration({ date: '2026-05-01' }),
        start: gates.start({ date: '2026-06-15' }),
      });
    });

    const list = async (caller: Caller, query: string) => {
      const response = await t.http.get(`/api/v1/projects?pageSize=200&${query}`).set(auth[caller]).expect(200);
      return (response.body.items as ProjectBody[]).map((p) => p.id);
    };

    it('filters by stage, bureau, leader, key, industry, dates and text', async () => {
      expect(await list('leader', 'stage=signed&bureau=B02')).toContain(signed.id);
      expect(await list('leader', 'stage=signed&bureau=B02')).not.toContain(started.id);
      expect(await list('leader', `leader=${listLeader.id}`)).toEqual([signed.id]);
      expect(await list('leader', 'bureau=B02&key=false')).toContain(signed.id);
      expect(await list('leader', 'bureau=B02&key=false')).not.toContain(started.id);
      expect(await list('leader', 'industry=精细化工')).toEqual([signed.id]);
      expect(await list('leader', 'signedFrom=2026-02-01&signedTo=2026-02-28')).toEqual([signed.id]);
      expect(await list('leader', 'startedFrom=2026-06-01&startedTo=2026-06-30')).toEqual([started.id]);
      expect(await list('leader', 'registeredFrom=2026-05-01&registeredTo=2026-05-01')).toContain(started.id);
      expect(await list('leader', `q=${encodeURIComponent('风华光伏')}`)).toEqual([started.id]);
      expect(await list('leader', `q=${encodeURIComponent('硼氢化钠')}`)).toEqual([signed.id]);
      expect(await list('leader', `q=${encodeURIComponent('%')}`)).toEqual([]);
    });

    it('sorts and pages', async () => {
      const bySigned = await list('leader', 'bureau=B02&stage=signed&sort=signedAt');
      expect(bySigned[0]).toBe(signed.id);
      const page = await t.http.get('/api/v1/projects?bureau=B02&page=1&pageSize=1').set(auth.leader).expect(200);
      expect(page.body).toMatchObject({ page: 1, pageSize: 1 });
      expect(page.body.items).toHaveLength(1);
      expect(page.body.total).toBeGreaterThanOrEqual(2);
    });

    it('shows a bureau user only the own bureau', async () => {
      expect(await list('staffB01', '')).not.toContain(signed.id);
      expect(await list('staffB01', 'bureau=B02')).toEqual([]);
      expect(await list('headB02', '')).toEqual(expect.arrayContaining([signed.id, started.id]));
    });

    it.each([
      'stage=done',
      'bureau=XX',
      'leader=nobody',
      'key=maybe',
      'signedFrom=2026-02-30',
      'startedTo=20260101',
      'pageSize=1000',
      'page=0',
      'sort=password',
      `q=${'长'.repeat(101)}`,
      'unknown=1',
    ])('refuses ?%s with 400', async (query) => {
      const response = await t.http.get(`/api/v1/projects?${query}`).set(auth.leader);
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  describe('bad input on create never gives 500', () => {
    it.each([
      ['no name', (investorId: string) => ({ investorId })],
      ['an investor id that is not a uuid', () => projectBody('x')],
      ['a negative amount', (id: string) => projectBody(id, { plannedInvestment: '-1.00' })],
      ['three decimals', (id: string) => projectBody(id, { plannedInvestment: '1.001' })],
      ['an amount as a number', (id: string) => malformed(projectBody(id), { plannedInvestment: 12500.5 })],
      ['month 2027-00', (id: string) => projectBody(id, { plannedStartMonth: '2027-00' })],
      ['a huge name', (id: string) => projectBody(id, { name: '项'.repeat(10000) })],
      ['an unknown field', (id: string) => malformed(projectBody(id), { stage: 'operating' })],
      ['a version on create', (id: string) => malformed(projectBody(id), { version: 7 })],
      ['a boolean as text', (id: string) => malformed(projectBody(id), { isKeyProject: 'true' })],
    ])('%s → 400', async (_name, body) => {
      const investor = await createInvestor(t, auth.staffB01);
      const response = await t.http.post('/api/v1/projects').set(auth.staffB01).send(body(investor.id));
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  describe('authorisation walk over every pipeline route (a B02 project)', () => {
    type Req = [method: 'get' | 'post' | 'patch', url: string, body?: object];
    type Call = () => Promise<Req>;
    const req = (method: Req[0], url: string, body?: object): Req => [method, url, body];
    const thisMonth = () => today().slice(0, 7);
    const walk: [string, Call, Record<Caller, number>][] = [
      [
        'GET /projects',
        async () => req('get', '/api/v1/projects'),
        { staffB01: 200, staffB02: 200, headB01: 200, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
      ],
      [
        'POST /projects (officer: B02 staff)',
        async () => {
          const investor = await createInvestor(t, auth.staffB02);
          return req('post', '/api/v1/projects', projectBody(investor.id, { officerId: users.staffB02.id }));
        },
        { staffB01: 400, staffB02: 201, headB01: 400, headB02: 201, leader: 201, supervisor: 403, admin: 201 },
      ],
      [
        'GET /projects/:id',
        async () => req('get', `/api/v1/projects/${(await b02Project()).id}`),
        { staffB01: 404, staffB02: 200, headB01: 404, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
      ],
      [
        'PATCH /projects/:id',
        async () =>
          req('patch', `/api/v1/projects/${(await b02Project()).id}`, { expectedVersion: 1, location: '园区' }),
        { staffB01: 404, staffB02: 200, headB01: 404, headB02: 200, leader: 403, supervisor: 403, admin: 200 },
      ],
      [
        'POST /projects/:id/stage (forward)',
        async () =>
          req('post', `/api/v1/projects/${(await b02Project()).id}/stage`, { to: 'negotiating', expectedVersion: 1 }),
        { staffB01: 404, staffB02: 200, headB01: 404, headB02: 200, leader: 200, supervisor: 403, admin: 200 },
      ],
      [
        'POST /projects/:id/stage (backward)',
        async () => {
          const project = await b02Project('signed');
          return req('post', `/api/v1/projects/${project.id}/stage`, {
            to: 'negotiating',
            expectedVersion: project.version,
            reason: '协议未生效',
          });
        },
        { staffB01: 404, staffB02: 403, headB01: 404, headB02: 403, leader: 200, supervisor: 403, admin: 200 },
      ],
      [
        'POST /projects/:id/deal',
        async () => {
          const project = await b02Project('signed');
          return req('post', `/api/v1/projects/${project.id}/deal`, {
            expectedVersion: project.version,
            deal: { signedDate: '2026-04-01', amount: '15000.00', agreementType: 'formal' },
          });
        },
        { staffB01: 404, staffB02: 200, headB01: 404, headB02: 200, leader: 200, supervisor: 403, admin: 200 },
      ],
      [
        'GET /projects/:id/events',
        async () => req('get', `/api/v1/projects/${(await b02Project()).id}/events`),
        { staffB01: 404, staffB02: 200, headB01: 404, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
      ],
      [
        'GET /projects/:id/funds',
        async () => req('get', `/api/v1/projects/${(await b02Project('registered')).id}/funds`),
        { staffB01: 404, staffB02: 200, headB01: 404, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
      ],
      [
        'POST /projects/:id/funds',
        async () =>
          req('post', `/api/v1/projects/${(await b02Project('registered')).id}/funds`, {
            month: thisMonth(),
            amount: '100.00',
          }),
        { staffB01: 404, staffB02: 201, headB01: 404, headB02: 201, leader: 403, supervisor: 403, admin: 201 },
      ],
      [
        'POST /leads/:id/convert',
        async () => {
          const investor = await createInvestor(t, auth.staffB02);
          const lead = await createLead(t, auth.staffB02, investor.id);
          return req('post', `/api/v1/leads/${lead.id}/convert`, { name: '转化项目' });
        },
        { staffB01: 404, staffB02: 201, headB01: 404, headB02: 201, leader: 201, supervisor: 403, admin: 201 },
      ],
    ];

    describe.each(walk)('%s', (_name, prepare, expected) => {
      it.each(CALLERS.map((caller) => [caller, expected[caller]] as const))('%s gets %i', async (caller, status) => {
        const [method, url, body] = await prepare();
        const response = await t.http[method](url).set(auth[caller]).send(body);
        expect(response.status).toBe(status);
      });
    });
  });
});
