import { NotFoundException, Role, TransactionRunner } from '@app/core';
import { UserEntity } from '@app/identity';
import { VisitKind, VisitService } from '@app/investors';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createInvestor, createLead, followUpDueSince, malformed, visitBody } from './factories/investor.factory';
import { actorOf, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
interface Person {
  user: UserEntity;
  auth: Auth;
}

describe('visits', () => {
  let t: TestApp;
  let staffB01: Person;
  let headB01: Person;
  let staffB02: Person;
  let headB02: Person;
  let leader: Person;
  let supervisor: Person;
  let admin: Person;

  beforeAll(async () => {
    t = await createTestApp();
    staffB01 = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    headB01 = await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' });
    staffB02 = await signedIn(t, { role: Role.Staff, bureauCode: 'B02' });
    headB02 = await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' });
    leader = await signedIn(t, { role: Role.Leader, displayName: '张明远' });
    supervisor = await signedIn(t, { role: Role.Supervisor });
    admin = await signedIn(t, { role: Role.Admin });
  });

  afterAll(async () => {
    await t.close();
  });

  async function leadOfB01(): Promise<string> {
    const investor = await createInvestor(t, staffB01.auth);
    const lead = await createLead(t, staffB01.auth, investor.id);
    await followUpDueSince(t, lead.id, '2026-11-20');
    return lead.id;
  }

  it('logs a visit and moves the lead’s last contact and next follow-up', async () => {
    const leadId = await leadOfB01();
    const created = await t.http
      .post('/api/v1/visits')
      .set(staffB01.auth)
      .send(visitBody(leadId, { leaderIds: [leader.user.id] }))
      .expect(201);
    expect(created.body).toMatchObject({
      leadId,
      bureau: { code: 'B01' },
      officer: { id: staffB01.user.id },
      kind: 'outbound',
      kindLabel: '走出去拜访',
      leaders: [{ id: leader.user.id, displayName: '张明远' }],
      leaderLed: true,
      date: '2026-11-18',
    });
    let lead = await t.http.get(`/api/v1/leads/${leadId}`).set(staffB01.auth).expect(200);
    expect(lead.body).toMatchObject({ lastContactAt: '2026-11-18', nextFollowUpAt: '2026-12-01' });
    // an older visit logged later does not move the last contact back
    await t.http
      .post('/api/v1/visits')
      .set(staffB01.auth)
      .send(visitBody(leadId, { date: '2026-11-02', kind: VisitKind.Call, nextFollowUpAt: undefined }))
      .expect(201);
    lead = await t.http.get(`/api/v1/leads/${leadId}`).set(staffB01.auth).expect(200);
    expect(lead.body).toMatchObject({ lastContactAt: '2026-11-18', nextFollowUpAt: '2026-12-01' });
    // correcting the date of the latest visit recomputes it
    await t.http.patch(`/api/v1/visits/${created.body.id}`).set(headB01.auth).send({ date: '2026-10-30' }).expect(200);
    lead = await t.http.get(`/api/v1/leads/${leadId}`).set(staffB01.auth).expect(200);
    expect(lead.body.lastContactAt).toBe('2026-11-02');
  });

  it('accepts only real leaders as leaders', async () => {
    const leadId = await leadOfB01();
    const response = await t.http
      .post('/api/v1/visits')
      .set(staffB01.auth)
      .send(visitBody(leadId, { leaderIds: [headB01.user.id] }))
      .expect(400);
    expect(response.body.code).toBe('INVALID_LEADER');
    const plain = await t.http.post('/api/v1/visits').set(staffB01.auth).send(visitBody(leadId)).expect(201);
    expect(plain.body).toMatchObject({ leaders: [], leaderLed: false });
  });

  it('keeps visits inside the bureau', async () => {
    const leadId = await leadOfB01();
    const visit = await t.http.post('/api/v1/visits').set(staffB01.auth).send(visitBody(leadId)).expect(201);
    await t.http.post('/api/v1/visits').set(staffB02.auth).send(visitBody(leadId)).expect(404);
    await t.http.get(`/api/v1/visits/${visit.body.id}`).set(staffB02.auth).expect(404);
    await t.http.patch(`/api/v1/visits/${visit.body.id}`).set(headB02.auth).send({ place: '别处' }).expect(404);
    for (const person of [staffB01, headB01, leader, supervisor, admin]) {
      await t.http.get(`/api/v1/visits/${visit.body.id}`).set(person.auth).expect(200);
    }
    for (const person of [leader, supervisor, admin]) {
      await t.http.post('/api/v1/visits').set(person.auth).send(visitBody(leadId)).expect(403);
      await t.http.patch(`/api/v1/visits/${visit.body.id}`).set(person.auth).send({ place: '别处' }).expect(403);
    }
    for (const person of [staffB01, headB01, staffB02, headB02, leader, supervisor, admin]) {
      await t.http.get('/api/v1/visits').set(person.auth).expect(200);
    }
    await t.http.get('/api/v1/visits').expect(401);
    const list = await t.http.get('/api/v1/visits').query({ pageSize: 200 }).set(staffB02.auth).expect(200);
    expect(list.body.items.map((v: { id: string }) => v.id)).not.toContain(visit.body.id);
  });

  it('filters by bureau, kind, leader-led, dates and text, and sorts and pages', async () => {
    const leadId = await leadOfB01();
    await t.http
      .post('/api/v1/visits')
      .set(staffB01.auth)
      .send(
        visitBody(leadId, { date: '2026-09-09', kind: VisitKind.Fair, summary: '在沈阳投洽会上洽谈六氟磷酸锂项目' }),
      )
      .expect(201);
    await t.http
      .post('/api/v1/visits')
      .set(staffB01.auth)
      .send(visitBody(leadId, { date: '2026-09-10', kind: VisitKind.Inbound, leaderIds: [leader.user.id] }))
      .expect(201);
    const fair = await t.http
      .get('/api/v1/visits')
      .query({ bureau: 'B01', kind: 'fair', from: '2026-09-01', to: '2026-09-30' })
      .set(leader.auth)
      .expect(200);
    expect(fair.body.total).toBe(1);
    expect(fair.body.items[0].summary).toContain('六氟磷酸锂');
    const led = await t.http.get('/api/v1/visits').query({ leaderLed: 'true', leadId }).set(staffB01.auth).expect(200);
    expect(led.body.items.every((v: { leaderLed: boolean }) => v.leaderLed)).toBe(true);
    expect(led.body.total).toBe(1);
    const text = await t.http.get('/api/v1/visits').query({ q: '六氟磷酸锂' }).set(staffB01.auth).expect(200);
    expect(text.body.total).toBe(1);
    // the text also finds visits by a fragment of their company's name
    const lead = await t.http.get(`/api/v1/leads/${leadId}`).set(staffB01.auth).expect(200);
    const byCompany = await t.http
      .get('/api/v1/visits')
      .query({ q: lead.body.investor.name.slice(2, 8), leadId })
      .set(staffB01.auth)
      .expect(200);
    expect(byCompany.body.total).toBe(2);
    const sorted = await t.http
      .get('/api/v1/visits')
      .query({ leadId, sort: 'date', pageSize: 1, page: 2 })
      .set(staffB01.auth)
      .expect(200);
    expect(sorted.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(sorted.body.items[0].date).toBe('2026-09-10');
    await t.http.get('/api/v1/visits').query({ sort: 'summary' }).set(staffB01.auth).expect(400);
    await t.http.get('/api/v1/visits').query({ leaderLed: 'maybe' }).set(staffB01.auth).expect(400);
  });

  it('replays an idempotent visit once', async () => {
    const leadId = await leadOfB01();
    const body = visitBody(leadId);
    const send = () =>
      t.http.post('/api/v1/visits').set(staffB01.auth).set('Idempotency-Key', `v-${leadId}`).send(body);
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.body.id).toBe(first.body.id);
    const list = await t.http.get('/api/v1/visits').query({ leadId }).set(staffB01.auth).expect(200);
    expect(list.body.total).toBe(1);
  });

  it('counts visits and new leads in the bureau rankings, and moves a corrected visit between weeks', async () => {
    const staffB07 = await signedIn(t, { role: Role.Staff, bureauCode: 'B07' });
    const investor = await createInvestor(t, staffB07.auth);
    const lead = await createLead(t, staffB07.auth, investor.id);
    const figuresOf = async (date: string) => {
      const response = await t.http
        .get('/api/v1/rankings')
        .query({ period: 'week', date })
        .set(leader.auth)
        .expect(200);
      return response.body.rows.find((r: { bureau: { code: string } }) => r.bureau.code === 'B07').figures;
    };
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await figuresOf(today)).newLeads).toBe(1);
    const visit = await t.http
      .post('/api/v1/visits')
      .set(staffB07.auth)
      .send(visitBody(lead.id, { date: '2026-10-14', leaderIds: [leader.user.id] }))
      .expect(201);
    expect(await figuresOf('2026-10-14')).toMatchObject({ visits: 1, leaderVisits: 1 });
    await t.http.patch(`/api/v1/visits/${visit.body.id}`).set(staffB07.auth).send({ date: '2026-10-21' }).expect(200);
    expect(await figuresOf('2026-10-14')).toMatchObject({ visits: 0, leaderVisits: 0 });
    expect(await figuresOf('2026-10-21')).toMatchObject({ visits: 1, leaderVisits: 1 });
  });

  it.each([
    ['an impossible date', { date: '2026-02-30' }],
    ['a missing date', { date: undefined }],
    ['an unknown kind', { kind: 'dinner' }],
    ['a 10,000-character summary', { summary: '谈'.repeat(10000) }],
    ['leaders that are not ids', { leaderIds: ['张明远'] }],
    ['leaders as a string', { leaderIds: 'abc' }],
    ['an unknown field', { cost: 100 }],
    ['a number as place', { place: 5 }],
  ])('answers 400 to %s', async (_, overrides) => {
    const leadId = await leadOfB01();
    await t.http
      .post('/api/v1/visits')
      .set(staffB01.auth)
      .send(malformed(visitBody(leadId), overrides))
      .expect(400);
  });

  describe('logged at the same moment', () => {
    const input = (leadId: string, overrides: Record<string, unknown> = {}) =>
      visitBody(leadId, overrides) as unknown as Parameters<VisitService['create']>[1];

    it('go out together, each with its own answer, audit row, follow-up and ranking count', async () => {
      const staffB08 = await signedIn(t, { role: Role.Staff, bureauCode: 'B08' });
      const leads: string[] = [];
      const companies: string[] = [];
      for (let i = 0; i < 3; i++) {
        const investor = await createInvestor(t, staffB08.auth);
        companies.push(investor.name);
        leads.push((await createLead(t, staffB08.auth, investor.id)).id);
      }
      const actor = actorOf(staffB08.user, 'B08');
      // the first visits go out at once, one statement each, and land in whichever order the database commits
      // them; the first lead's visits come after them, wait, and go out in one batch in the order logged, where
      // the latest date and the last follow-up given win
      const inputs = [
        ...Array.from({ length: 9 }, (_, i) => input(leads[1 + (i % 2)], { date: '2026-10-15' })),
        input(leads[0], { date: '2026-10-13', nextFollowUpAt: '2026-12-01' }),
        input(leads[0], { date: '2026-10-16', nextFollowUpAt: undefined }),
        input(leads[0], { date: '2026-10-14', nextFollowUpAt: '2026-12-05' }),
      ];
      const batches = jest.spyOn(t.get(TransactionRunner), 'batch');
      const visits = await Promise.all(inputs.map((visit) => t.get(VisitService).create(actor, visit)));
      const statements = batches.mock.calls.length;
      batches.mockRestore();

      expect(statements).toBeLessThan(inputs.length);
      expect(new Set(visits.map((visit) => visit.id)).size).toBe(inputs.length);
      visits.forEach((visit, i) => {
        expect(visit).toMatchObject({
          bureau: { code: 'B08' },
          date: inputs[i].date,
          officer: { id: staffB08.user.id },
        });
        expect(visit.investor?.name).toBe(companies[leads.indexOf(visit.leadId as string)]);
      });
      const audited = await t
        .get(DataSource)
        .query(`SELECT entity_id FROM audit_entry WHERE action = 'visit.create' AND entity_id = ANY($1)`, [
          visits.map((visit) => visit.id),
        ]);
      expect(audited).toHaveLength(inputs.length);
      const lead = await t.http.get(`/api/v1/leads/${leads[0]}`).set(staffB08.auth).expect(200);
      expect(lead.body).toMatchObject({ lastContactAt: '2026-10-16', nextFollowUpAt: '2026-12-05' });
      const ranking = await t.http
        .get('/api/v1/rankings')
        .query({ period: 'week', date: '2026-10-15' })
        .set(leader.auth)
        .expect(200);
      const row = ranking.body.rows.find((r: { bureau: { code: string } }) => r.bureau.code === 'B08');
      expect(row.figures).toMatchObject({ visits: inputs.length, leaderVisits: 0 });
    });

    it('fail one by one: a visit under another bureau’s lead, or no lead at all, is refused alone', async () => {
      const leadId = await leadOfB01();
      const b01 = actorOf(staffB01.user, 'B01');
      const service = t.get(VisitService);
      const results = await Promise.allSettled([
        ...Array.from({ length: 5 }, () => service.create(b01, input(leadId))),
        service.create(actorOf(staffB02.user, 'B02'), input(leadId)),
        service.create(b01, input(randomUUID())),
        service.create(b01, input(leadId, { summary: '同一批中的最后一条' })),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        ...Array(5).fill('fulfilled'),
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      for (const refused of [results[5], results[6]]) {
        expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundException);
      }
      const list = await t.http.get('/api/v1/visits').query({ leadId }).set(staffB01.auth).expect(200);
      expect(list.body.total).toBe(6);
    });
  });
});
