import { addDays, districtToday, Role } from '@app/core';
import { AgreementType } from '@app/pipeline';
import { createInvestor, createLead, investorBody, leadBody, malformed, visitBody } from './factories/investor.factory';
import { advance, createProject, gates, moveStage, ProjectBody } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const CJK = /[\u3400-\u9fff]/;
/** English prose as class-validator writes it ("summary must be a string"). */
const ENGLISH = /[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}/;

describe('input validation', () => {
  let t: TestApp;
  let staff: Auth;
  let admin: Auth;
  let today: string;
  let tomorrow: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
  });
  beforeEach(() => {
    today = districtToday();
    tomorrow = addDays(today, 1);
  });
  afterAll(async () => {
    await t.close();
  });

  async function newLead(): Promise<string> {
    const investor = await createInvestor(t, staff);
    return (await createLead(t, staff, investor.id)).id;
  }

  async function projectAt(stage: 'reserve' | 'signed' | 'registered' | 'started'): Promise<ProjectBody> {
    const investor = await createInvestor(t, staff);
    let project = await createProject(t, staff, investor.id);
    if (stage === 'reserve') return project;
    project = await advance(t, staff, project, { to: 'signed', deal: gates.deal() });
    if (stage === 'signed') return project;
    project = await advance(t, staff, project, { to: 'registered', registration: gates.registration() });
    if (stage === 'registered') return project;
    return advance(t, staff, project, { to: 'started', start: gates.start() });
  }

  /** Every dated field of a request, with a way to send it holding a given date. */
  const datedFields: [
    string,
    string,
    string,
    (date: string) => Promise<{ status: number; body: { code: string; message: string; details: unknown[] } }>,
  ][] = [
    [
      'POST /visits date',
      'date',
      '走访日期',
      async (date) =>
        t.http
          .post('/api/v1/visits')
          .set(staff)
          .send(visitBody(await newLead(), { date, nextFollowUpAt: undefined })),
    ],
    [
      'POST /visits date as an instant',
      'date',
      '走访日期',
      async (date) =>
        t.http
          .post('/api/v1/visits')
          .set(staff)
          .send(visitBody(await newLead(), { date: `${date}T09:30:00+08:00`, nextFollowUpAt: undefined })),
    ],
    [
      'PATCH /visits/:id date',
      'date',
      '走访日期',
      async (date) => {
        const visit = await t.http
          .post('/api/v1/visits')
          .set(staff)
          .send(visitBody(await newLead(), { nextFollowUpAt: undefined }))
          .expect(201);
        return t.http.patch(`/api/v1/visits/${visit.body.id}`).set(staff).send({ date });
      },
    ],
    [
      'POST /projects/:id/stage deal.signedDate',
      'deal.signedDate',
      '签约日期',
      async (date) => {
        const project = await projectAt('reserve');
        return moveStage(t.http, staff, project.id, {
          to: 'signed',
          expectedVersion: project.version,
          deal: gates.deal({ signedDate: date }),
        });
      },
    ],
    [
      'POST /projects/:id/deal deal.signedDate',
      'deal.signedDate',
      '签约日期',
      async (date) => {
        const project = await projectAt('signed');
        return t.http
          .post(`/api/v1/projects/${project.id}/deal`)
          .set(staff)
          .send({
            expectedVersion: project.version,
            deal: gates.deal({ signedDate: date, agreementType: AgreementType.Formal }),
          });
      },
    ],
    [
      'POST /projects/:id/stage registration.date',
      'registration.date',
      '注册落地日期',
      async (date) => {
        const project = await projectAt('signed');
        return moveStage(t.http, staff, project.id, {
          to: 'registered',
          expectedVersion: project.version,
          registration: gates.registration({ date }),
        });
      },
    ],
    [
      'POST /projects/:id/stage start.date',
      'start.date',
      '开工或投产日期',
      async (date) => {
        const project = await projectAt('registered');
        return moveStage(t.http, staff, project.id, {
          to: 'started',
          expectedVersion: project.version,
          start: { date },
        });
      },
    ],
    [
      'POST /projects/:id/stage operation.date',
      'operation.date',
      '开工或投产日期',
      async (date) => {
        const project = await projectAt('started');
        return moveStage(t.http, staff, project.id, {
          to: 'operating',
          expectedVersion: project.version,
          operation: { date },
        });
      },
    ],
  ];

  describe('business dates that happened', () => {
    it.each(datedFields)(
      'refuses a date after today on %s with a Chinese message naming the field',
      async (_, field, label, send) => {
        for (const date of [tomorrow, '2027-01-01', '2099-12-31']) {
          const response = await send(date);
          expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
          expect(response.body.details).toContainEqual({ field, problems: [`${label}不能晚于今天（${today}）`] });
          expect(response.body.message).toContain(`${label}不能晚于今天（${today}）`);
        }
      },
    );

    it.each(datedFields)('refuses a date before 2000 on %s', async (_, field, label, send) => {
      for (const date of ['1999-12-31', '1900-01-01']) {
        const response = await send(date);
        expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(response.body.details).toContainEqual({ field, problems: [`${label}不能早于 2000-01-01`] });
      }
    });

    it('accepts a visit dated today and one dated 2000-01-01', async () => {
      const lead = await newLead();
      for (const date of [today, '2000-01-01']) {
        await t.http
          .post('/api/v1/visits')
          .set(staff)
          .send(visitBody(lead, { date, nextFollowUpAt: undefined }))
          .expect(201);
      }
    });

    it('refuses a funds month after this month or before 2000', async () => {
      const project = await projectAt('registered');
      const thisMonth = today.slice(0, 7);
      const nextMonth = addDays(`${thisMonth}-28`, 7).slice(0, 7);
      for (const [month, problem] of [
        [nextMonth, `到位资金月份不能晚于本月（${thisMonth}）`],
        ['1999-12', '到位资金月份不能早于 2000-01'],
      ]) {
        const response = await t.http
          .post(`/api/v1/projects/${project.id}/funds`)
          .set(staff)
          .send({ month, amount: '1.00' });
        expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(response.body.details).toContainEqual({ field: 'month', problems: [problem] });
      }
    });

    it('refuses a follow-up before the visit’s own date', async () => {
      const response = await t.http
        .post('/api/v1/visits')
        .set(staff)
        .send(visitBody(await newLead(), { date: '2026-11-18', nextFollowUpAt: '2026-11-17' }));
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.body.details).toContainEqual({
        field: 'nextFollowUpAt',
        problems: ['下次跟进日期不能早于走访日期（2026-11-18）'],
      });
    });

    it('refuses a follow-up before the visit’s own date when a correction sends only one of them', async () => {
      const created = await t.http
        .post('/api/v1/visits')
        .set(staff)
        .send(visitBody(await newLead(), { date: '2026-11-18', nextFollowUpAt: '2026-11-25' }))
        .expect(201);
      const early = await t.http
        .patch(`/api/v1/visits/${created.body.id}`)
        .set(staff)
        .send({ nextFollowUpAt: '2026-11-10' });
      expect([early.status, early.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(early.body.message).toBe('下次跟进日期（2026-11-10）不能早于走访日期（2026-11-18）');
      const late = await t.http.patch(`/api/v1/visits/${created.body.id}`).set(staff).send({ date: '2026-11-28' });
      expect([late.status, late.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      await t.http
        .patch(`/api/v1/visits/${created.body.id}`)
        .set(staff)
        .send({ nextFollowUpAt: '2026-11-18' })
        .expect(200);
    });

    it('refuses a lead’s follow-up before today, on registering and on editing', async () => {
      const investor = await createInvestor(t, staff);
      const yesterday = addDays(today, -1);
      const created = await t.http
        .post('/api/v1/leads')
        .set(staff)
        .send(leadBody(investor.id, { nextFollowUpAt: yesterday }));
      expect([created.status, created.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(created.body.details).toContainEqual({
        field: 'nextFollowUpAt',
        problems: [`下次跟进日期不能早于今天（${today}）`],
      });
      const lead = await createLead(t, staff, investor.id, { nextFollowUpAt: today });
      const edited = await t.http.patch(`/api/v1/leads/${lead.id}`).set(staff).send({ nextFollowUpAt: yesterday });
      expect([edited.status, edited.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('keeps a future visit from silencing its lead’s idle alert: the lead’s last contact never moves past today', async () => {
      const lead = await newLead();
      await t.http
        .post('/api/v1/visits')
        .set(staff)
        .send(visitBody(lead, { date: '2099-12-31' }))
        .expect(400);
      const after = await t.http.get(`/api/v1/leads/${lead}`).set(staff).expect(200);
      expect(after.body.lastContactAt).toBeNull();
    });
  });

  describe('input limits', () => {
    it('refuses a 1 MB body of 100,000 keys, unauthenticated, with a short answer', async () => {
      const keys: Record<string, number> = {};
      for (let i = 0; i < 100_000; i++) keys[`k${i}`] = i;
      const body = JSON.stringify({ username: 'a', password: 'b', ...keys });
      expect(body.length).toBeGreaterThan(1_000_000);
      for (const [url, auth] of [
        ['/api/v1/auth/login', {}],
        ['/api/v1/visits', staff],
      ] as const) {
        const response = await t.http.post(url).set(auth).set('content-type', 'application/json').send(body);
        expect([400, 413]).toContain(response.status);
        expect(response.text.length).toBeLessThan(1000);
        expect(response.body.message).toMatch(CJK);
      }
    });

    it('refuses 20,000 keys that fit in the size limit with a short 400', async () => {
      const keys: Record<string, number> = {};
      for (let i = 0; i < 20_000; i++) keys[`k${i}`] = 1;
      const body = JSON.stringify({ username: 'a', password: 'b', ...keys });
      expect(body.length).toBeLessThan(256 * 1024);
      const response = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(body);
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.text.length).toBeLessThan(1000);
    });

    it('lists at most 20 fields of a body with thousands of wrong ones', async () => {
      const items = Array.from({ length: 2000 }, (_, i) => ({ bureauCode: `B${i}`, a: 1, b: 2, c: 3 }));
      const response = await t.http.put('/api/v1/targets?year=2026').set(admin).send({ items });
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.body.details.length).toBeLessThanOrEqual(20);
      expect(response.body.message).toContain('仅列出前 20 处');
      expect(response.text.length).toBeLessThan(10_000);
    });

    it('refuses 10,000 nested brackets or objects with a 400', async () => {
      const brackets = `{"username":${'['.repeat(10_000)}${']'.repeat(10_000)},"password":"x"}`;
      const objects = `{"username":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},"password":"x"}`;
      for (const [url, auth] of [
        ['/api/v1/auth/login', {}],
        ['/api/v1/visits', staff],
      ] as const) {
        for (const deep of [brackets, objects]) {
          const response = await t.http.post(url).set(auth).set('content-type', 'application/json').send(deep);
          expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
          expect(response.text.length).toBeLessThan(1000);
        }
        const objectsAnswer = await t.http.post(url).set(auth).set('content-type', 'application/json').send(objects);
        expect(objectsAnswer.body.message).toContain('嵌套过深');
      }
    });

    it('refuses a NUL byte in any text field with a 400 naming the field', async () => {
      const lead = await newLead();
      const cases: [string, string, Record<string, string>, object, string][] = [
        ['post', '/api/v1/visits', staff, visitBody(lead, { summary: '洽谈\u0000内容' }), 'summary'],
        ['post', '/api/v1/investors', staff, investorBody({ region: '阜新\u0000' }), 'region'],
        ['post', '/api/v1/auth/login', {}, { username: 'admin\u0000', password: 'x' }, 'username'],
        ['patch', `/api/v1/leads/${lead}`, staff, { note: '\u0000' }, 'note'],
      ];
      for (const [method, url, auth, body, field] of cases) {
        const response = await (method === 'post' ? t.http.post(url) : t.http.patch(url)).set(auth).send(body);
        expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(response.body.details).toEqual([{ field, problems: [`${field} 不能包含空字符（\\u0000）`] }]);
      }
      const query = await t.http.get('/api/v1/visits?q=%00').set(staff);
      expect([query.status, query.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('refuses a lone surrogate in a string with a 400', async () => {
      const lead = await newLead();
      for (const [url, auth, text] of [
        ['/api/v1/auth/login', {}, '{"username":"\\ud800","password":"x"}'],
        ['/api/v1/visits', staff, JSON.stringify(visitBody(lead, { summary: '__' })).replace('__', '洽谈\\udc00')],
      ] as const) {
        const response = await t.http.post(url).set(auth).set('content-type', 'application/json').send(text);
        expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(response.body.message).toContain('不成对的代理项');
      }
    });

    it('answers null in an optional field with a 400, not a 500', async () => {
      const lead = await newLead();
      const visit = await t.http.post('/api/v1/visits').set(staff).send(visitBody(lead)).expect(201);
      const investor = await createInvestor(t, staff);
      const cases: [string, string, object, string][] = [
        ['post', '/api/v1/visits', malformed(visitBody(lead), { place: null }), 'place'],
        ['patch', `/api/v1/visits/${visit.body.id}`, { leaderIds: null }, 'leaderIds'],
        ['patch', `/api/v1/visits/${visit.body.id}`, { summary: null }, 'summary'],
        ['post', '/api/v1/leads', malformed(leadBody(investor.id), { note: null }), 'note'],
        ['patch', `/api/v1/leads/${lead}`, { industry: null }, 'industry'],
        ['post', '/api/v1/investors', malformed(investorBody(), { industry: null }), 'industry'],
      ];
      for (const [method, url, body, field] of cases) {
        const response = await (method === 'post' ? t.http.post(url) : t.http.patch(url)).set(staff).send(body);
        expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(response.body.details).toEqual([{ field, problems: [expect.stringContaining('不能为 null')] }]);
      }
    });

    it('still lets null clear a contact field where the PATCH documents it', async () => {
      const investor = await createInvestor(t, staff);
      await createLead(t, staff, investor.id);
      const contact = await t.http
        .post(`/api/v1/investors/${investor.id}/contacts`)
        .set(staff)
        .send({ name: '李经理', title: '投资总监', wechat: 'li_1988' })
        .expect(201);
      const cleared = await t.http
        .patch(`/api/v1/investors/${investor.id}/contacts/${contact.body.id}`)
        .set(staff)
        .send({ title: null })
        .expect(200);
      expect(cleared.body.title).toBeNull();
      const name = await t.http
        .patch(`/api/v1/investors/${investor.id}/contacts/${contact.body.id}`)
        .set(staff)
        .send({ name: null });
      expect(name.status).toBe(400);
    });

    it('answers [[]] and other wrong shapes in lists with a 400', async () => {
      const lead = await newLead();
      const cases: [string, string, object | unknown[]][] = [
        ['put', '/api/v1/targets?year=2026', { items: [[]] }],
        ['put', '/api/v1/targets?year=2026', [[]]],
        ['put', '/api/v1/targets?year=2026', { items: [1, 'x', null] }],
        ['put', '/api/v1/ranking-weights', { effectiveFrom: tomorrow, weights: [[]] }],
        ['post', '/api/v1/visits', malformed(visitBody(lead), { leaderIds: [[]] })],
        ['post', '/api/v1/visits', malformed(visitBody(lead), { leaderIds: [{}] })],
      ];
      for (const [method, url, body] of cases) {
        const response = await (method === 'put' ? t.http.put(url) : t.http.post(url))
          .set(method === 'put' ? admin : staff)
          .send(body);
        expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
    });

    it('keeps JSON bodies to 256 KB while the ledger upload keeps its own larger limit', async () => {
      const big = await t.http
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ username: 'a', password: 'y'.repeat(300 * 1024) }));
      expect([big.status, big.body.code, big.body.message]).toEqual([413, 'PAYLOAD_TOO_LARGE', '请求内容过大']);
      const ledger = await t.http
        .post('/api/v1/imports/leads?dryRun=true')
        .set(staff)
        .set('content-type', 'text/csv')
        .send(Buffer.alloc(300 * 1024, 0x41));
      expect(ledger.status).not.toBe(413);
      expect(ledger.status).toBeLessThan(500);
    });
  });

  describe('Chinese messages', () => {
    it('writes class-validator’s messages in Chinese, with the field’s label where the DTO gives one', async () => {
      const response = await t.http
        .post('/api/v1/users')
        .set(admin)
        .send({ username: 123, displayName: ['x'], password: true, role: 'emperor', extra: 1 })
        .expect(400);
      const details = response.body.details as { field: string; problems: string[] }[];
      expect(details.map((d) => d.field).sort()).toEqual(['displayName', 'extra', 'password', 'role', 'username']);
      for (const problem of details.flatMap((d) => d.problems)) {
        expect(problem).toMatch(CJK);
        expect(problem).not.toMatch(ENGLISH);
      }
      expect(response.body.message).toMatch(/^请求参数有误：/);
      expect(response.body.message).not.toMatch(ENGLISH);
      expect(details).toContainEqual({ field: 'extra', problems: ['extra 不是可提交的字段'] });
    });

    it('writes the constraint’s own figures into the message', async () => {
      const lead = await newLead();
      const response = await t.http
        .post('/api/v1/visits')
        .set(staff)
        .send(malformed(visitBody(lead), { place: '地'.repeat(201), kind: 'party', leaderIds: ['x'] }))
        .expect(400);
      expect(response.body.details).toEqual(
        expect.arrayContaining([
          { field: 'place', problems: ['地点不能超过 200 个字符'] },
          { field: 'kind', problems: [expect.stringMatching(/^走访方式应为以下取值之一：/)] },
          { field: 'leaderIds', problems: ['参加的县级领导的每一项应为有效的编号（UUID）'] },
        ]),
      );
    });

    it('answers the framework’s own errors in Chinese', async () => {
      const json = await t.http
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send('{"a":')
        .expect(400);
      expect(json.body).toMatchObject({ code: 'MALFORMED_JSON', message: '请求内容不是有效的 JSON' });
      const route = await t.http.get('/api/v1/nowhere').set(staff).expect(404);
      expect(route.body.message).toBe('接口不存在');
    });

    it('reads full-width digits in dates and amounts as ASCII', async () => {
      const lead = await newLead();
      const visit = await t.http
        .post('/api/v1/visits')
        .set(staff)
        .send(visitBody(lead, { date: '２０２６－１１－１８', nextFollowUpAt: '２０２６－１２－０１' }))
        .expect(201);
      expect(visit.body).toMatchObject({ date: '2026-11-18', nextFollowUpAt: '2026-12-01' });
      const edited = await t.http
        .patch(`/api/v1/leads/${lead}`)
        .set(staff)
        .send({ intendedAmount: '１２５００．５' })
        .expect(200);
      expect(edited.body.intendedAmount).toBe('12500.50');
    });
  });
});
