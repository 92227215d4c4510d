import { Role } from '@app/core';
import { UserEntity } from '@app/identity';
import { InvestorsException } from '@app/investors';
import { ProjectService } from '@app/pipeline';
import { DataSource } from 'typeorm';
import { createInvestor, createLead } from './factories/investor.factory';
import { actorOf, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const convertBody = (overrides: Record<string, unknown> = {}) => ({
  name: '年产5万吨锂电池电解液项目',
  location: '阜新高新技术产业开发区',
  isKeyProject: true,
  plannedStartMonth: '2027-04',
  note: '双方就用地和能耗指标达成一致',
  ...overrides,
});

describe('Lead conversion', () => {
  let t: TestApp;
  let staffB01: { user: UserEntity; auth: Auth };
  let staffB02: Auth;
  let headB01: Auth;
  let headB02: Auth;
  let leader: { user: UserEntity; auth: Auth };
  let supervisor: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    staffB01 = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    staffB02 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    headB01 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
    headB02 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' })).auth;
    leader = await signedIn(t, { role: Role.Leader });
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
  });
  afterAll(async () => {
    await t.close();
  });

  async function openLead(auth: Auth = staffB01.auth) {
    const investor = await createInvestor(t, auth);
    return createLead(t, auth, investor.id, { intendedAmount: '8800.50', industry: '新能源' });
  }

  const convert = (auth: Auth, leadId: string, body: Record<string, unknown> = convertBody()) =>
    t.http.post(`/api/v1/leads/${leadId}/convert`).set(auth).send(body);

  it('turns an open lead into a project in negotiation and marks the lead converted, audited together', async () => {
    const lead = await openLead();
    const response = await convert(staffB01.auth, lead.id, convertBody({ responsibleLeaderId: leader.user.id }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      stage: 'negotiating',
      leadId: lead.id,
      bureau: { code: 'B01' },
      officer: { id: staffB01.user.id },
      responsibleLeader: { id: leader.user.id },
      industry: '新能源',
      plannedInvestment: '8800.50',
      version: 1,
    });
    const after = await t.http.get(`/api/v1/leads/${lead.id}`).set(staffB01.auth).expect(200);
    expect(after.body.status).toBe('converted');
    const events = await t.http.get(`/api/v1/projects/${response.body.id}/events`).set(staffB01.auth).expect(200);
    expect(events.body.items).toEqual([
      expect.objectContaining({
        type: 'stage',
        stageEvent: expect.objectContaining({ fromStage: null, toStage: 'negotiating', gate: { leadId: lead.id } }),
      }),
    ]);
    const audit: { action: string }[] = await t
      .get(DataSource)
      .query(`SELECT action FROM audit_entry WHERE entity_id IN ($1, $2) ORDER BY action`, [lead.id, response.body.id]);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['lead.convert', 'project.create']));
  });

  it('refuses a converted or dropped lead with 409', async () => {
    const lead = await openLead();
    await convert(staffB01.auth, lead.id).expect(201);
    const again = await convert(staffB01.auth, lead.id);
    expect([again.status, again.body.code]).toEqual([409, 'LEAD_NOT_OPEN']);
    const dropped = await openLead();
    await t.http
      .post(`/api/v1/leads/${dropped.id}/drop`)
      .set(staffB01.auth)
      .send({ reason: '企业已在外地落户' })
      .expect(200);
    const response = await convert(staffB01.auth, dropped.id);
    expect([response.status, response.body.code]).toEqual([409, 'LEAD_NOT_OPEN']);
  });

  it('refuses a lead with a pending transfer', async () => {
    const lead = await openLead();
    await t.http
      .post(`/api/v1/leads/${lead.id}/transfers`)
      .set(staffB02)
      .send({ toBureauCode: 'B02', reason: '企业拟落户我局负责的园区' })
      .expect(201);
    const response = await convert(staffB01.auth, lead.id);
    expect([response.status, response.body.code]).toEqual([409, 'LEAD_TRANSFER_PENDING']);
  });

  it('only the lead’s bureau or a district role converts', async () => {
    const lead = await openLead();
    expect((await convert(staffB02, lead.id)).status).toBe(404);
    expect((await convert(headB02, lead.id)).status).toBe(404);
    expect((await convert(supervisor, lead.id)).status).toBe(403);
    const byHead = await convert(headB01, lead.id);
    expect(byHead.status).toBe(201);
    const another = await openLead();
    const byLeader = await convert(leader.auth, another.id);
    expect(byLeader.status).toBe(201);
    expect(byLeader.body).toMatchObject({ bureau: { code: 'B01' }, officer: { id: staffB01.user.id } });
  });

  it('keeps the officer within the lead’s bureau', async () => {
    const lead = await openLead();
    const otherBureauOfficer = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).user;
    const response = await convert(headB01, lead.id, convertBody({ officerId: otherBureauOfficer.id }));
    expect([response.status, response.body.code]).toEqual([400, 'INVALID_OFFICER']);
    const notLeader = await convert(headB01, lead.id, convertBody({ responsibleLeaderId: staffB01.user.id }));
    expect([notLeader.status, notLeader.body.code]).toEqual([400, 'INVALID_LEADER']);
  });

  it('converts a lead once when two conversions race', async () => {
    const lead = await openLead();
    const actor = actorOf(staffB01.user, 'B01');
    const results = await Promise.allSettled([
      t.get(ProjectService).convert(actor, lead.id, convertBody()),
      t.get(ProjectService).convert(actor, lead.id, convertBody()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    // the lead's rules live with the leads: the investors library refuses the second conversion
    expect(rejected.reason).toBeInstanceOf(InvestorsException);
    expect((rejected.reason as InvestorsException).code).toBe('LEAD_NOT_OPEN');
  });

  it('honours an Idempotency-Key: the same answer and one project', async () => {
    const lead = await openLead();
    const key = `convert-${lead.id}`;
    const first = await convert(staffB01.auth, lead.id).set('Idempotency-Key', key).expect(201);
    const second = await convert(staffB01.auth, lead.id).set('Idempotency-Key', key).expect(201);
    expect(second.body.id).toBe(first.body.id);
    const other = await convert(staffB01.auth, lead.id, convertBody({ name: '另一个项目' })).set(
      'Idempotency-Key',
      key,
    );
    expect(other.status).toBe(422);
  });

  it.each([
    ['no name', { location: '园区' }],
    ['a huge name', convertBody({ name: '项'.repeat(201) })],
    ['an unknown field', convertBody({ stage: 'signed' })],
    ['a negative amount', convertBody({ plannedInvestment: '-5.00' })],
    ['three decimals', convertBody({ plannedInvestment: '5.001' })],
    ['an amount as a number', convertBody({ plannedInvestment: 5 })],
    ['month 13', convertBody({ plannedStartMonth: '2027-13' })],
    ['a flag as text', convertBody({ isKeyProject: 'yes' })],
  ])('refuses %s with 400', async (_name, body) => {
    const lead = await openLead();
    const response = await convert(staffB01.auth, lead.id, body);
    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
