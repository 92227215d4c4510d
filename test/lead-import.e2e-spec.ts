import { Role } from '@app/core';
import ExcelJS from 'exceljs';
import { createInvestor, createLead, randomCompanyName, randomUscc } from './factories/investor.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['企业名称', '统一社会信用代码', '所属行业', '线索来源', '意向投资额（万元）', '下次跟进日期', '备注'];

async function xlsx(rows: (string | number | Date | null)[][], headers = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('线索台账');
  sheet.addRow(headers);
  rows.forEach((row) => sheet.addRow(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csv(rows: string[][], headers = HEADERS): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from([headers, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'), 'utf8');
}

describe('lead import', () => {
  let t: TestApp;
  let staffB01: Auth;
  let staffB02: Auth;
  let leader: Auth;
  let supervisor: Auth;
  let admin: Auth;
  let headB02: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    staffB01 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staffB02 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    headB02 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
  });

  afterAll(async () => {
    await t.close();
  });

  const upload = (auth: Auth, file: Buffer, mode: string, type = XLSX) =>
    t.http.post('/api/v1/imports/leads').query({ mode }).set(auth).set('content-type', type).send(file);

  it('serves a template with the Chinese headers to bureau users only', async () => {
    const response = await t.http
      .get('/api/v1/imports/leads/template')
      .set(staffB01)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ExcelJS.Buffer);
    const headers = (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(HEADERS));
    for (const auth of [leader, supervisor, admin]) {
      await t.http.get('/api/v1/imports/leads/template').set(auth).expect(403);
    }
  });

  it('reports every bad cell in a dry run, writes nothing, and refuses the same file on commit', async () => {
    const good = randomCompanyName();
    const file = await xlsx([
      [good, randomUscc(), '氟化工', '以商招商', 12500, '2026-12-05', '商会介绍'],
      [randomCompanyName(), '91350100M000100Y44', '风电', '展会', '800.00', '2026-12-06', null],
      [randomCompanyName(), '91350100m000100Y43', '风电', '朋友介绍', '-5', '2026-02-30', null],
      [null, null, null, '网络', null, null, null],
      [randomCompanyName(), null, '农产品加工', 'online', '1.234', '2026/12/7', '备'.repeat(1001)],
    ]);
    const dry = await upload(staffB01, file, 'dry-run').expect(200);
    expect(dry.body).toMatchObject({ mode: 'dry-run', totalRows: 5, validRows: 1, committed: false });
    const problems = dry.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(problems).toEqual([
      '3:统一社会信用代码',
      '4:统一社会信用代码',
      '4:线索来源',
      '4:意向投资额（万元）',
      '4:下次跟进日期',
      '5:企业名称',
      '6:意向投资额（万元）',
      '6:备注',
    ]);
    expect(dry.body.errors[0].reason).toContain('应为“3”');
    const committed = await upload(staffB01, file, 'commit').expect(422);
    expect(committed.body.code).toBe('IMPORT_REJECTED');
    expect(committed.body.details.errors).toHaveLength(8);
    const search = await t.http.get('/api/v1/investors').query({ q: good }).set(staffB01).expect(200);
    expect(search.body.total).toBe(0);
  });

  it('reports 撞单 by USCC and by normalised name, and near-duplicates', async () => {
    const byUscc = await createInvestor(t, staffB02);
    await createLead(t, staffB02, byUscc.id);
    const core = randomCompanyName('');
    const byName = await createInvestor(t, staffB02, { name: `${core}化工有限公司`, uscc: undefined });
    await createLead(t, staffB02, byName.id);
    const nearCore = randomCompanyName('');
    await createInvestor(t, staffB02, { name: `${nearCore}氟材料有限公司` });
    const file = csv([
      ['任意名称有限公司', byUscc.uscc as string, '氟化工', '展会', '100', '2026-12-01', ''],
      [`${core}化工（集团）股份有限公司`, '', '氟化工', '走访', '', '', ''],
      [`${nearCore}氟材料科技有限公司`, '', '新材料', '网络', '', '', ''],
      [randomCompanyName(), randomUscc(), '风电', '中介机构', '3000', '2026-12-20', ''],
    ]);
    const dry = await upload(staffB01, file, 'dry-run', 'text/csv').expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.validRows).toBe(1);
    const kinds = dry.body.duplicates.map((d: { row: number; kind: string }) => `${d.row}:${d.kind}`);
    expect(kinds).toEqual(['2:open_lead', '3:open_lead', '4:near_duplicate']);
    expect(dry.body.duplicates[0]).toMatchObject({ ownerBureau: { code: 'B02' } });
    expect(dry.body.duplicates[0].reason).toContain('撞单');
    await upload(staffB01, file, 'commit', 'text/csv').expect(422);
  });

  it('commits a clean file in one go, linking known companies and creating new ones', async () => {
    const known = await createInvestor(t, staffB02);
    const fresh = randomCompanyName();
    const file = await xlsx([
      [known.name, known.uscc, '氟化工', '上级推送', '5000.5', new Date(Date.UTC(2026, 11, 8)), ''],
      [fresh, null, '农产品加工', '其他', null, '2026/12/09', '海外企业，暂无代码'],
    ]);
    const dry = await upload(staffB01, file, 'dry-run').expect(200);
    expect(dry.body.rows).toEqual([
      { row: 2, investorId: known.id, newInvestor: false, leadId: null },
      { row: 3, investorId: null, newInvestor: true, leadId: null },
    ]);
    const response = await upload(staffB01, file, 'commit').set('Idempotency-Key', 'import-1').expect(200);
    expect(response.body).toMatchObject({ mode: 'commit', committed: true, validRows: 2 });
    const replay = await upload(staffB01, file, 'commit').set('Idempotency-Key', 'import-1').expect(200);
    expect(replay.body).toEqual(response.body);
    const leads = await t.http.get('/api/v1/leads').query({ investorId: known.id }).set(staffB01).expect(200);
    expect(leads.body.items[0]).toMatchObject({
      bureau: { code: 'B01' },
      source: 'higher_level',
      intendedAmount: '5000.50',
      nextFollowUpAt: '2026-12-08',
    });
    const created = await t.http.get('/api/v1/investors').query({ q: fresh }).set(staffB01).expect(200);
    expect(created.body.items[0]).toMatchObject({ uscc: null, openLead: { bureau: { code: 'B01' } } });
    // the same file again is now all 撞单
    const again = await upload(staffB02, file, 'dry-run').expect(200);
    expect(again.body.duplicates).toHaveLength(2);
  });

  it('refuses files it cannot read, missing columns and callers who may not import', async () => {
    await upload(staffB01, Buffer.from('PK\u0003\u0004garbage'), 'dry-run').expect(400);
    const missing = await upload(staffB01, csv([['甲公司']], ['企业名称']), 'dry-run', 'text/csv').expect(400);
    expect(missing.body.message).toContain('线索来源');
    await t.http.post('/api/v1/imports/leads').set(staffB01).send({ rows: [] }).expect(400);
    await upload(staffB01, await xlsx([]), 'everything').expect(400);
    for (const auth of [leader, supervisor, admin]) {
      await upload(auth, await xlsx([]), 'dry-run').expect(403);
    }
    const empty = await upload(headB02, await xlsx([]), 'dry-run').expect(200);
    expect(empty.body).toMatchObject({ totalRows: 0, validRows: 0 });
  });
});
