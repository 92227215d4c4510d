import { addDays, businessDateOf, Role } from '@app/core';
import ExcelJS from 'exceljs';
import { createInvestor, createLead, randomCompanyName, randomUscc } from './factories/investor.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['企业名称', '统一社会信用代码', '线索来源', '登记日期', '意向投资额（万元）'];

describe('a lead counts as new on its 登记日期 (registeredAt)', () => {
  let t: TestApp;
  let staff: Auth;
  let head: Auth;
  let otherHead: Auth;
  let leader: Auth;
  let admin: Auth;
  let supervisor: Auth;
  const today = businessDateOf(new Date(), 'Asia/Shanghai');

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B03' })).auth;
    head = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B03' })).auth;
    otherHead = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B04' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
  });

  afterAll(async () => {
    await t.close();
  });

  /** B03's new leads in the ranking of a period. */
  async function newLeads(period: string, date: string, bureau = 'B03'): Promise<number> {
    const response = await t.http.get('/api/v1/rankings').query({ period, date }).set(supervisor).expect(200);
    const row = response.body.rows.find((r: { bureau: { code: string } }) => r.bureau.code === bureau);
    return row.figures.newLeads as number;
  }

  async function expectConsistent(): Promise<void> {
    const response = await t.http
      .get('/api/v1/rankings/consistency')
      .query({ from: '2026-01-01', to: addDays(today, 1) })
      .set(admin)
      .expect(200);
    expect(response.body).toMatchObject({ consistent: true, differences: [] });
  }

  it('counts a ledger’s leads in the month of their 登记日期, not in the week of the import', async () => {
    const march = await newLeads('month', '2026-03-15');
    const week = await newLeads('week', today);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索台账');
    sheet.addRow(HEADERS);
    sheet.addRow([randomCompanyName(), randomUscc(), '以商招商', new Date(Date.UTC(2026, 2, 5)), 100]);
    sheet.addRow([randomCompanyName(), randomUscc(), '展会', '2026/3/5', '5000万']);
    sheet.addRow([randomCompanyName(), null, '走访', '2026年3月20日', null]);
    sheet.addRow([randomCompanyName(), null, '网络', null, null]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const committed = await t.http
      .post('/api/v1/imports/leads')
      .query({ mode: 'commit' })
      .set(staff)
      .set('content-type', XLSX)
      .send(file)
      .expect(200);
    expect(committed.body).toMatchObject({ committed: true, newRows: 4 });

    expect(await newLeads('month', '2026-03-15')).toBe(march + 3);
    // only the row without a 登记日期 is registered today
    expect(await newLeads('week', today)).toBe(week + 1);
    const drilldown = await t.http
      .get('/api/v1/rankings/drilldown')
      .query({ bureau: 'B03', metric: 'newLeads', period: 'month', date: '2026-03-15' })
      .set(head)
      .expect(200);
    const days = drilldown.body.items.map((item: { day: string }) => item.day).sort();
    expect(days).toEqual(['2026-03-05', '2026-03-05', '2026-03-20']);
    const lead = await t.http.get(`/api/v1/leads/${committed.body.rows[2].leadId}`).set(staff).expect(200);
    expect(lead.body.registeredAt).toBe('2026-03-20');
    await expectConsistent();
  });

  it('refuses a ledger’s 登记日期 after today or before 2000 as that row’s error, naming the column', async () => {
    const csv = [
      HEADERS.join(','),
      `${randomCompanyName()},,展会,${addDays(today, 1)},`,
      `${randomCompanyName()},,展会,1999-12-31,`,
      `${randomCompanyName()},,展会,2026-02-30,`,
    ].join('\n');
    const dry = await t.http
      .post('/api/v1/imports/leads')
      .query({ mode: 'dry-run' })
      .set(staff)
      .set('content-type', 'text/csv')
      .send(Buffer.from(csv))
      .expect(200);
    expect(dry.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '2:登记日期',
      '3:登记日期',
      '4:登记日期',
    ]);
    expect(dry.body.errors[0].reason).toContain('不能晚于今天');
    expect(dry.body.errors[1].reason).toContain('不能早于 2000-01-01');
  });

  it('lets a head set the 登记日期 of a new lead; staff may not, and get 403', async () => {
    const investor = await createInvestor(t, staff);
    const refused = await t.http
      .post('/api/v1/leads')
      .set(staff)
      .send({ investorId: investor.id, source: 'fair', registeredAt: '2026-03-05' })
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(refused.body.message).toContain('登记日期');
    const march = await newLeads('month', '2026-03-15');
    const created = await t.http
      .post('/api/v1/leads')
      .set(head)
      .send({ investorId: investor.id, source: 'fair', registeredAt: '2026-03-05' })
      .expect(201);
    expect(created.body.registeredAt).toBe('2026-03-05');
    expect(await newLeads('month', '2026-03-15')).toBe(march + 1);
    const own = await createLead(t, staff, (await createInvestor(t, staff)).id);
    expect((await t.http.get(`/api/v1/leads/${own.id}`).set(staff).expect(200)).body.registeredAt).toBe(today);
    await expectConsistent();
  });

  it('refuses a 登记日期 after today, before 2000-01-01 or not a date with 400 naming the field', async () => {
    const investor = await createInvestor(t, head);
    for (const registeredAt of [addDays(today, 1), '1999-12-31']) {
      const response = await t.http
        .post('/api/v1/leads')
        .set(head)
        .send({ investorId: investor.id, source: 'fair', registeredAt })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toContain('登记日期');
      expect(response.body.details).toEqual([
        { field: 'registeredAt', problems: [expect.stringMatching(/^登记日期不能(晚于今天|早于 2000-01-01)/)] },
      ]);
    }
    await t.http
      .post('/api/v1/leads')
      .set(head)
      .send({ investorId: investor.id, source: 'fair', registeredAt: '2026-02-30' })
      .expect(400);
    const lead = await createLead(t, head, investor.id);
    await t.http
      .patch(`/api/v1/leads/${lead.id}`)
      .set(head)
      .send({ registeredAt: addDays(today, 1) })
      .expect(400);
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(head).send({ registeredAt: '1999-12-31' }).expect(400);
  });

  it('moves a lead’s count when a head or leader changes its 登记日期; staff and other bureaus may not', async () => {
    const lead = await createLead(t, staff, (await createInvestor(t, staff)).id);
    const before = { week: await newLeads('week', today), april: await newLeads('month', '2026-04-15') };
    const refused = await t.http.patch(`/api/v1/leads/${lead.id}`).set(staff).send({ registeredAt: '2026-04-10' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('登记日期');
    // the same date a client echoes back is no change
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(staff).send({ registeredAt: today, note: '已联系' }).expect(200);
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(otherHead).send({ registeredAt: '2026-04-10' }).expect(404);

    const moved = await t.http.patch(`/api/v1/leads/${lead.id}`).set(head).send({ registeredAt: '2026-04-10' });
    expect(moved.status).toBe(200);
    expect(moved.body.registeredAt).toBe('2026-04-10');
    expect(await newLeads('week', today)).toBe(before.week - 1);
    expect(await newLeads('month', '2026-04-15')).toBe(before.april + 1);
    await expectConsistent();

    await t.http.patch(`/api/v1/leads/${lead.id}`).set(leader).send({ registeredAt: '2026-05-06' }).expect(200);
    expect(await newLeads('month', '2026-04-15')).toBe(before.april);
    expect(await newLeads('month', '2026-05-15')).toBeGreaterThanOrEqual(1);
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(leader).send({ note: '领导批注' }).expect(403);
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(admin).send({ registeredAt: '2026-05-07' }).expect(200);
    await expectConsistent();
  });

  it('keeps the rollups equal to a recount when two changes of one lead’s 登记日期 race', async () => {
    const lead = await createLead(t, staff, (await createInvestor(t, staff)).id);
    await Promise.all(
      ['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01'].map((registeredAt) =>
        t.http.patch(`/api/v1/leads/${lead.id}`).set(head).send({ registeredAt }).expect(200),
      ),
    );
    await expectConsistent();
  });

  it('filters the lead list by 登记日期', async () => {
    const lead = await createLead(t, staff, (await createInvestor(t, staff)).id);
    await t.http.patch(`/api/v1/leads/${lead.id}`).set(head).send({ registeredAt: '2026-02-14' }).expect(200);
    const listed = await t.http
      .get('/api/v1/leads')
      .query({ from: '2026-02-14', to: '2026-02-14' })
      .set(staff)
      .expect(200);
    expect(listed.body.items.map((l: { id: string }) => l.id)).toEqual([lead.id]);
  });
});
