import { businessDateOf, Role } from '@app/core';
import { DataSource } from 'typeorm';
import { createInvestor } from './factories/investor.factory';
import { advance, createProject, gates, ProjectBody, registeredProject } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

const today = () => businessDateOf(new Date(), 'Asia/Shanghai');

type Auth = { Authorization: string };

function monthAfter(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

describe('Funds in place', () => {
  let t: TestApp;
  let staff: Auth;
  let otherStaff: Auth;
  let leader: Auth;
  let supervisor: Auth;
  let admin: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    otherStaff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
  });
  afterAll(async () => {
    await t.close();
  });

  async function registered(): Promise<ProjectBody> {
    const investor = await createInvestor(t, staff);
    return registeredProject(t, staff, investor.id);
  }

  const record = (auth: Auth, id: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/projects/${id}/funds`).set(auth).send(body);

  it('records monthly amounts and sums them exactly', async () => {
    const project = await registered();
    await record(staff, project.id, { month: '2026-06', amount: '0.10', note: '首期出资到账' }).expect(201);
    await record(staff, project.id, { month: '2026-07', amount: '0.20' }).expect(201);
    const created = await record(staff, project.id, { month: '2026-08', amount: '999999999999.99' }).expect(201);
    expect(created.body).toMatchObject({ month: '2026-08', amount: '999999999999.99', projectId: project.id });
    const list = await t.http.get(`/api/v1/projects/${project.id}/funds`).set(staff).expect(200);
    expect(list.body.items.map((f: { month: string; amount: string }) => [f.month, f.amount])).toEqual([
      ['2026-06', '0.10'],
      ['2026-07', '0.20'],
      ['2026-08', '999999999999.99'],
    ]);
    expect(list.body.total).toBe('1000000000000.29');
  });

  it('treats a second record for a month as a correction, audited with before and after', async () => {
    const project = await registered();
    await record(staff, project.id, { month: '2026-06', amount: '3200.00' }).expect(201);
    const corrected = await record(staff, project.id, { month: '2026-06', amount: '3000', note: '按银行回单更正' });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ amount: '3000.00', note: '按银行回单更正' });
    const list = await t.http.get(`/api/v1/projects/${project.id}/funds`).set(staff).expect(200);
    expect(list.body).toMatchObject({ total: '3000.00', items: [expect.objectContaining({ month: '2026-06' })] });
    expect(list.body.items).toHaveLength(1);
    const [entry] = await t
      .get(DataSource)
      .query(`SELECT before, after FROM audit_entry WHERE action = 'project.funds.correct' AND entity_id = $1`, [
        corrected.body.id,
      ]);
    expect(entry.before).toMatchObject({ amount: '3200.00' });
    expect(entry.after).toMatchObject({ amount: '3000.00' });
  });

  it('refuses funds before registration and after termination', async () => {
    const investor = await createInvestor(t, staff);
    let project = await createProject(t, staff, investor.id);
    project = await advance(t, staff, project, { to: 'signed', deal: gates.deal() });
    const early = await record(staff, project.id, { month: '2026-06', amount: '1.00' });
    expect([early.status, early.body.code]).toEqual([409, 'FUNDS_STAGE_TOO_EARLY']);
    project = await advance(t, staff, project, { to: 'terminated', reason: '企业放弃' });
    const terminated = await record(staff, project.id, { month: '2026-06', amount: '1.00' });
    expect([terminated.status, terminated.body.code]).toEqual([409, 'FUNDS_STAGE_TOO_EARLY']);
  });

  it('refuses a month before registration or in the future', async () => {
    const project = await registered();
    const before = await record(staff, project.id, { month: '2026-04', amount: '1.00' });
    expect([before.status, before.body.code]).toEqual([422, 'FUND_MONTH_OUT_OF_RANGE']);
    const future = await record(staff, project.id, { month: monthAfter(today().slice(0, 7)), amount: '1.00' });
    expect([future.status, future.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(future.body.message).toContain(`到位资金月份不能晚于本月（${today().slice(0, 7)}）`);
    await record(staff, project.id, { month: today().slice(0, 7), amount: '1.00' }).expect(201);
  });

  it('keeps other bureaus out and lets only writers record', async () => {
    const project = await registered();
    expect((await t.http.get(`/api/v1/projects/${project.id}/funds`).set(otherStaff)).status).toBe(404);
    expect((await record(otherStaff, project.id, { month: '2026-06', amount: '1.00' })).status).toBe(404);
    expect((await record(leader, project.id, { month: '2026-06', amount: '1.00' })).status).toBe(403);
    expect((await record(supervisor, project.id, { month: '2026-06', amount: '1.00' })).status).toBe(403);
    expect((await record(admin, project.id, { month: '2026-06', amount: '1.00' })).status).toBe(201);
    await t.http.get(`/api/v1/projects/${project.id}/funds`).set(supervisor).expect(200);
  });

  it('feeds the rankings rollup exactly as the records count', async () => {
    const response = await t.http
      .get('/api/v1/rankings/consistency?from=2025-01-01&to=2027-12-31')
      .set(admin)
      .expect(200);
    expect(response.body).toMatchObject({ consistent: true, differences: [] });
  });

  it.each([
    ['month 13', { month: '2026-13', amount: '1.00' }],
    ['a day instead of a month', { month: '2026-06-01', amount: '1.00' }],
    ['a negative amount', { month: '2026-06', amount: '-1.00' }],
    ['three decimals', { month: '2026-06', amount: '1.001' }],
    ['an amount as a number', { month: '2026-06', amount: 1 }],
    ['thirteen digits', { month: '2026-06', amount: '1000000000000' }],
    ['an unknown field', { month: '2026-06', amount: '1.00', projectId: 'x' }],
    ['a huge note', { month: '2026-06', amount: '1.00', note: '注'.repeat(501) }],
  ])('refuses %s with 400', async (_name, body) => {
    const project = await registered();
    const response = await record(staff, project.id, body);
    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
