import { addDays, districtToday, Role } from '@app/core';
import { UserEntity } from '@app/identity';
import { LeadSource } from '@app/investors';
import { createInvestor, createLead, leadBody, malformed } from './factories/investor.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
interface Person {
  user: UserEntity;
  auth: Auth;
}

describe('leads', () => {
  let t: TestApp;
  let staffB01: Person;
  let staff2B01: Person;
  let headB01: Person;
  let staffB02: Person;
  let headB02: Person;
  let staffB03: Person;
  let leader: Person;
  let supervisor: Person;
  let admin: Person;

  beforeAll(async () => {
    t = await createTestApp();
    staffB01 = await signedIn(t, { role: Role.Staff, bureauCode: 'B01', displayName: '韩雪' });
    staff2B01 = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    headB01 = await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01', displayName: '赵振华' });
    staffB02 = await signedIn(t, { role: Role.Staff, bureauCode: 'B02', displayName: '朱丽娜' });
    headB02 = await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' });
    staffB03 = await signedIn(t, { role: Role.Staff, bureauCode: 'B03' });
    leader = await signedIn(t, { role: Role.Leader });
    supervisor = await signedIn(t, { role: Role.Supervisor });
    admin = await signedIn(t, { role: Role.Admin });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('registering', () => {
    it('makes the signed-in officer and bureau the owner, with an exact amount', async () => {
      const investor = await createInvestor(t, staffB01.auth);
      const response = await t.http
        .post('/api/v1/leads')
        .set(staffB01.auth)
        .send(leadBody(investor.id, { intendedAmount: '12500', source: LeadSource.Fair }))
        .expect(201);
      expect(response.body).toMatchObject({
        investor: { id: investor.id },
        bureau: { code: 'B01' },
        officer: { id: staffB01.user.id, displayName: '韩雪' },
        source: 'fair',
        sourceLabel: '展会',
        intendedAmount: '12500.00',
        nextFollowUpAt: leadBody(investor.id).nextFollowUpAt,
        status: 'open',
      });
    });

    it('refuses a second open lead of the same investor with 撞单 details', async () => {
      const investor = await createInvestor(t, staffB01.auth);
      await createLead(t, staffB01.auth, investor.id);
      const response = await t.http.post('/api/v1/leads').set(staffB02.auth).send(leadBody(investor.id)).expect(409);
      expect(response.body.code).toBe('DUPLICATE_LEAD');
      expect(response.body.details).toMatchObject({
        bureau: { code: 'B01', name: '海州区第一招商局' },
        officer: { displayName: '韩雪' },
      });
      expect(response.body.details.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(response.body.message).toContain('B01');
      // the same bureau cannot open a second one either
      await t.http.post('/api/v1/leads').set(staff2B01.auth).send(leadBody(investor.id)).expect(409);
    });

    it('lets exactly one of two bureaus racing for the same investor win', async () => {
      for (let round = 0; round < 3; round++) {
        const investor = await createInvestor(t, staffB01.auth);
        const responses = await Promise.all([
          t.http.post('/api/v1/leads').set(staffB01.auth).send(leadBody(investor.id)),
          t.http.post('/api/v1/leads').set(staffB02.auth).send(leadBody(investor.id)),
        ]);
        expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
        const loser = responses.find((r) => r.status === 409);
        expect(loser?.body.code).toBe('DUPLICATE_LEAD');
        const winner = responses.find((r) => r.status === 201);
        expect(loser?.body.details.bureau.code).toBe(winner?.body.bureau.code);
        const list = await t.http.get('/api/v1/leads').query({ investorId: investor.id }).set(leader.auth).expect(200);
        expect(list.body.total).toBe(1);
      }
    });

    it('allows a new lead once the open one was dropped', async () => {
      const investor = await createInvestor(t, staffB01.auth);
      const lead = await createLead(t, staffB01.auth, investor.id);
      await t.http.post(`/api/v1/leads/${lead.id}/drop`).set(staffB01.auth).send({}).expect(400);
      const dropped = await t.http
        .post(`/api/v1/leads/${lead.id}/drop`)
        .set(staffB01.auth)
        .send({ reason: '企业已在外地落户' })
        .expect(200);
      expect(dropped.body).toMatchObject({ status: 'dropped', dropReason: '企业已在外地落户' });
      await t.http.post(`/api/v1/leads/${lead.id}/drop`).set(staffB01.auth).send({ reason: '再次放弃' }).expect(409);
      await t.http.patch(`/api/v1/leads/${lead.id}`).set(staffB01.auth).send({ industry: '新能源' }).expect(409);
      await createLead(t, staffB02.auth, investor.id);
    });

    it('lets a head assign an officer of the bureau, and a leader assign any bureau officer', async () => {
      const a = await createInvestor(t, staffB01.auth);
      const byHead = await t.http
        .post('/api/v1/leads')
        .set(headB01.auth)
        .send(leadBody(a.id, { officerId: staff2B01.user.id }))
        .expect(201);
      expect(byHead.body.officer.id).toBe(staff2B01.user.id);
      const b = await createInvestor(t, staffB01.auth);
      await t.http
        .post('/api/v1/leads')
        .set(headB01.auth)
        .send(leadBody(b.id, { officerId: staffB02.user.id }))
        .expect(400);
      await t.http
        .post('/api/v1/leads')
        .set(staffB01.auth)
        .send(leadBody(b.id, { officerId: staff2B01.user.id }))
        .expect(400);
      await t.http.post('/api/v1/leads').set(leader.auth).send(leadBody(b.id)).expect(400);
      await t.http
        .post('/api/v1/leads')
        .set(leader.auth)
        .send(leadBody(b.id, { officerId: leader.user.id }))
        .expect(400);
      const byLeader = await t.http
        .post('/api/v1/leads')
        .set(leader.auth)
        .send(leadBody(b.id, { officerId: staffB03.user.id, source: LeadSource.HigherLevel }))
        .expect(201);
      expect(byLeader.body.bureau.code).toBe('B03');
    });

    it('replays an idempotent registration and refuses the key with another body', async () => {
      const investor = await createInvestor(t, staffB01.auth);
      const other = await createInvestor(t, staffB01.auth);
      const send = (body: object) =>
        t.http.post('/api/v1/leads').set(staffB01.auth).set('Idempotency-Key', `lead-${investor.id}`).send(body);
      const first = await send(leadBody(investor.id));
      const second = await send(leadBody(investor.id));
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).toBe(first.body.id);
      const third = await send(leadBody(other.id));
      expect(third.status).toBe(422);
      expect(third.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const list = await t.http.get('/api/v1/leads').query({ investorId: other.id }).set(staffB01.auth).expect(200);
      expect(list.body.total).toBe(0);
    });
  });

  describe('bureau scope', () => {
    it('hides another bureau’s lead from bureau users and shows it to district readers', async () => {
      const investor = await createInvestor(t, staffB01.auth);
      const lead = await createLead(t, staffB01.auth, investor.id);
      await t.http.get(`/api/v1/leads/${lead.id}`).set(staffB02.auth).expect(404);
      await t.http.get(`/api/v1/leads/${lead.id}`).set(headB02.auth).expect(404);
      await t.http.patch(`/api/v1/leads/${lead.id}`).set(staffB02.auth).send({ industry: 'x' }).expect(404);
      await t.http.post(`/api/v1/leads/${lead.id}/drop`).set(staffB02.auth).send({ reason: '抢单' }).expect(404);
      for (const person of [staffB01, staff2B01, headB01, leader, supervisor, admin]) {
        await t.http.get(`/api/v1/leads/${lead.id}`).set(person.auth).expect(200);
      }
      const own = await t.http.get('/api/v1/leads').query({ pageSize: 200 }).set(staffB02.auth).expect(200);
      expect(own.body.items.every((l: { bureau: { code: string } }) => l.bureau.code === 'B02')).toBe(true);
      const asked = await t.http.get('/api/v1/leads').query({ bureau: 'B01' }).set(staffB02.auth).expect(200);
      expect(asked.body.total).toBe(0);
    });

    it('filters, sorts and pages', async () => {
      const investor = await createInvestor(t, staffB03.auth);
      await createLead(t, staffB03.auth, investor.id, { intendedAmount: '99999.99', source: LeadSource.Online });
      const response = await t.http
        .get('/api/v1/leads')
        .query({ bureau: 'B03', status: 'open', source: 'online', sort: '-intendedAmount', page: 1, pageSize: 5 })
        .set(leader.auth)
        .expect(200);
      expect(response.body.page).toBe(1);
      expect(response.body.pageSize).toBe(5);
      expect(response.body.items[0].intendedAmount).toBe('99999.99');
      const byName = await t.http
        .get('/api/v1/leads')
        .query({ q: investor.name.slice(2, 5) })
        .set(leader.auth)
        .expect(200);
      expect(byName.body.items.map((l: { investor: { id: string } }) => l.investor.id)).toContain(investor.id);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const ranged = await t.http
        .get('/api/v1/leads')
        .query({ from: today, to: today, bureau: 'B03' })
        .set(leader.auth)
        .expect(200);
      expect(ranged.body.total).toBeGreaterThan(0);
      await t.http.get('/api/v1/leads').query({ sort: 'officer.password' }).set(leader.auth).expect(400);
      await t.http.get('/api/v1/leads').query({ from: '2026-02-30' }).set(leader.auth).expect(400);
    });
  });

  describe('editing', () => {
    it('lets the bureau edit and only the head reassign', async () => {
      const investor = await createInvestor(t, staffB01.auth);
      const lead = await createLead(t, staffB01.auth, investor.id);
      const edited = await t.http
        .patch(`/api/v1/leads/${lead.id}`)
        .set(staff2B01.auth)
        .send({ intendedAmount: '8000.5', nextFollowUpAt: addDays(districtToday(), 10) })
        .expect(200);
      expect(edited.body).toMatchObject({ intendedAmount: '8000.50', nextFollowUpAt: addDays(districtToday(), 10) });
      await t.http
        .patch(`/api/v1/leads/${lead.id}`)
        .set(staffB01.auth)
        .send({ officerId: staff2B01.user.id })
        .expect(400);
      const reassigned = await t.http
        .patch(`/api/v1/leads/${lead.id}`)
        .set(headB01.auth)
        .send({ officerId: staff2B01.user.id })
        .expect(200);
      expect(reassigned.body.officer.id).toBe(staff2B01.user.id);
      await t.http.patch(`/api/v1/leads/${lead.id}`).set(leader.auth).send({ note: 'x' }).expect(403);
    });
  });

  describe('transfers', () => {
    async function openLeadOfB01(): Promise<string> {
      const investor = await createInvestor(t, staffB01.auth);
      return (await createLead(t, staffB01.auth, investor.id)).id;
    }

    it('moves the lead to the requester when the owner bureau’s head approves', async () => {
      const leadId = await openLeadOfB01();
      const requested = await t.http
        .post(`/api/v1/leads/${leadId}/transfers`)
        .set(staffB02.auth)
        .send({ toBureauCode: 'B02', reason: '企业拟落户我局负责的园区' })
        .expect(201);
      expect(requested.body).toMatchObject({
        status: 'pending',
        fromBureau: { code: 'B01' },
        toBureau: { code: 'B02' },
      });
      await t.http
        .post(`/api/v1/leads/${leadId}/transfers`)
        .set(staffB03.auth)
        .send({ toBureauCode: 'B03', reason: '也想要' })
        .expect(409);
      const transferId = requested.body.id as string;
      // neither the requester, nor staff of the owner, nor another head, nor a supervisor decides
      await t.http.post(`/api/v1/lead-transfers/${transferId}/approve`).set(staffB02.auth).send({}).expect(403);
      await t.http.post(`/api/v1/lead-transfers/${transferId}/approve`).set(staffB01.auth).send({}).expect(403);
      await t.http.post(`/api/v1/lead-transfers/${transferId}/approve`).set(headB02.auth).send({}).expect(403);
      await t.http.post(`/api/v1/lead-transfers/${transferId}/approve`).set(supervisor.auth).send({}).expect(403);
      await t.http.post(`/api/v1/lead-transfers/${transferId}/approve`).set(admin.auth).send({}).expect(403);
      const approved = await t.http
        .post(`/api/v1/lead-transfers/${transferId}/approve`)
        .set(headB01.auth)
        .send({ note: '同意，请做好交接' })
        .expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { id: headB01.user.id } });
      const lead = await t.http.get(`/api/v1/leads/${leadId}`).set(staffB02.auth).expect(200);
      expect(lead.body).toMatchObject({ bureau: { code: 'B02' }, officer: { id: staffB02.user.id } });
      await t.http.get(`/api/v1/leads/${leadId}`).set(staffB01.auth).expect(404);
      await t.http.post(`/api/v1/lead-transfers/${transferId}/reject`).set(headB01.auth).send({}).expect(409);
      await t.http.post(`/api/v1/lead-transfers/${transferId}/reject`).set(leader.auth).send({}).expect(409);
      const audit = await t.http
        .get('/api/v1/audit')
        .query({ entity: 'lead', entityId: leadId })
        .set(supervisor.auth)
        .expect(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['lead.create', 'lead.transfer']),
      );
    });

    it('lets a leader approve or reject any transfer', async () => {
      const leadId = await openLeadOfB01();
      const first = await t.http
        .post(`/api/v1/leads/${leadId}/transfers`)
        .set(headB02.auth)
        .send({ toBureauCode: 'B02', reason: '以商招商，企业负责人指定我局对接' })
        .expect(201);
      const rejected = await t.http
        .post(`/api/v1/lead-transfers/${first.body.id}/reject`)
        .set(leader.auth)
        .send({ note: '由原局继续跟进' })
        .expect(200);
      expect(rejected.body.status).toBe('rejected');
      const lead = await t.http.get(`/api/v1/leads/${leadId}`).set(leader.auth).expect(200);
      expect(lead.body.bureau.code).toBe('B01');
      const second = await t.http
        .post(`/api/v1/leads/${leadId}/transfers`)
        .set(staffB03.auth)
        .send({ toBureauCode: 'B03', reason: '企业选址在我局园区' })
        .expect(201);
      await t.http.post(`/api/v1/lead-transfers/${second.body.id}/approve`).set(leader.auth).send({}).expect(200);
      const moved = await t.http.get(`/api/v1/leads/${leadId}`).set(leader.auth).expect(200);
      expect(moved.body).toMatchObject({ bureau: { code: 'B03' }, officer: { id: staffB03.user.id } });
    });

    it('refuses requests for another bureau, for one’s own lead, and by district roles', async () => {
      const leadId = await openLeadOfB01();
      await t.http
        .post(`/api/v1/leads/${leadId}/transfers`)
        .set(staffB02.auth)
        .send({ toBureauCode: 'B03', reason: '替别人申请' })
        .expect(403);
      await t.http
        .post(`/api/v1/leads/${leadId}/transfers`)
        .set(staff2B01.auth)
        .send({ toBureauCode: 'B01', reason: '本局' })
        .expect(400);
      for (const person of [leader, supervisor, admin]) {
        await t.http
          .post(`/api/v1/leads/${leadId}/transfers`)
          .set(person.auth)
          .send({ toBureauCode: 'B02', reason: '试试' })
          .expect(403);
      }
      await t.http
        .post('/api/v1/leads/00000000-0000-4000-8000-000000000000/transfers')
        .set(staffB02.auth)
        .send({ toBureauCode: 'B02', reason: '不存在' })
        .expect(404);
    });

    it('lists transfers of the bureau only', async () => {
      const leadId = await openLeadOfB01();
      await t.http
        .post(`/api/v1/leads/${leadId}/transfers`)
        .set(staffB02.auth)
        .send({ toBureauCode: 'B02', reason: '申请' })
        .expect(201);
      const b02 = await t.http
        .get('/api/v1/lead-transfers')
        .query({ status: 'pending' })
        .set(staffB02.auth)
        .expect(200);
      expect(b02.body.items.map((x: { leadId: string }) => x.leadId)).toContain(leadId);
      const b03 = await t.http.get('/api/v1/lead-transfers').set(staffB03.auth).expect(200);
      expect(b03.body.items.map((x: { leadId: string }) => x.leadId)).not.toContain(leadId);
    });
  });

  describe('authorisation walk', () => {
    it('answers every route with the status each role should get', async () => {
      const investor = await createInvestor(t, staffB01.auth);
      const leadId = (await createLead(t, staffB01.auth, investor.id)).id;
      const people: Record<string, Person> = { staffB01, headB01, staffB02, headB02, leader, supervisor, admin };
      const expectations: [string, (p: Person) => Promise<number>, Record<string, number>][] = [
        [
          'GET /leads',
          async (p) => (await t.http.get('/api/v1/leads').set(p.auth)).status,
          { staffB01: 200, headB01: 200, staffB02: 200, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
        ],
        [
          'GET /leads/:id',
          async (p) => (await t.http.get(`/api/v1/leads/${leadId}`).set(p.auth)).status,
          { staffB01: 200, headB01: 200, staffB02: 404, headB02: 404, leader: 200, supervisor: 200, admin: 200 },
        ],
        [
          'PATCH /leads/:id',
          async (p) => (await t.http.patch(`/api/v1/leads/${leadId}`).set(p.auth).send({ note: '备注' })).status,
          { staffB01: 200, headB01: 200, staffB02: 404, headB02: 404, leader: 403, supervisor: 403, admin: 403 },
        ],
        [
          'POST /leads',
          async (p) => (await t.http.post('/api/v1/leads').set(p.auth).send(leadBody(investor.id))).status,
          { staffB01: 409, headB01: 409, staffB02: 409, headB02: 409, leader: 400, supervisor: 403, admin: 403 },
        ],
        [
          'POST /leads/:id/transfers',
          async (p) =>
            (
              await t.http
                .post(`/api/v1/leads/${leadId}/transfers`)
                .set(p.auth)
                .send({ toBureauCode: 'B02', reason: '授权检查' })
            ).status,
          { staffB01: 403, headB01: 403, staffB02: 201, headB02: 409, leader: 403, supervisor: 403, admin: 403 },
        ],
        [
          'GET /lead-transfers',
          async (p) => (await t.http.get('/api/v1/lead-transfers').set(p.auth)).status,
          { staffB01: 200, headB01: 200, staffB02: 200, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
        ],
        [
          'POST /leads/:id/drop',
          async (p) => (await t.http.post(`/api/v1/leads/${leadId}/drop`).set(p.auth).send({ reason: '检查' })).status,
          { staffB02: 404, headB02: 404, leader: 403, supervisor: 403, admin: 403, staffB01: 200, headB01: 409 },
        ],
      ];
      for (const [route, call, byPerson] of expectations) {
        for (const [name, status] of Object.entries(byPerson)) {
          expect({ route, name, status: await call(people[name]) }).toEqual({ route, name, status });
        }
      }
      const unsigned = await t.http.get('/api/v1/lead-transfers');
      expect(unsigned.status).toBe(401);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown field', { bonus: 1 }],
      ['a negative amount', { intendedAmount: '-1.00' }],
      ['an amount with three decimals', { intendedAmount: '1.005' }],
      ['an amount as a number', { intendedAmount: 12500 }],
      ['an amount in scientific notation', { intendedAmount: '1e5' }],
      ['an impossible date', { nextFollowUpAt: '2026-02-30' }],
      ['a date with time', { nextFollowUpAt: '2026-12-01T00:00:00Z' }],
      ['an unknown source', { source: '朋友介绍' }],
      ['a 10,000-character note', { note: '备'.repeat(10000) }],
      ['a malformed investor id', { investorId: 'abc' }],
      ['an array as industry', { industry: ['a'] }],
    ])('answers 400 to %s', async (_, overrides) => {
      const investor = await createInvestor(t, staffB01.auth);
      const response = await t.http
        .post('/api/v1/leads')
        .set(staffB01.auth)
        .send(malformed(leadBody(investor.id), overrides))
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 404 to an investor that does not exist and 400 to a malformed body', async () => {
      await t.http
        .post('/api/v1/leads')
        .set(staffB01.auth)
        .send(leadBody('00000000-0000-4000-8000-000000000000'))
        .expect(404);
      await t.http
        .post('/api/v1/leads')
        .set(staffB01.auth)
        .set('content-type', 'application/json')
        .send('{"investorId":')
        .expect(400);
    });
  });
});
