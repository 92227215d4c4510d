import { addDays, districtToday, Role } from '@app/core';
import { BureauRepository, UserEntity } from '@app/identity';
import { ASYNC_IMPORT_ROWS, IMPORT_PROGRESS_STEP, LeadImportJobRepository } from '@app/investors';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { createInvestor, createLead, randomCompanyName, randomUscc } from './factories/investor.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

/** A day this many days after today in the district: a ledger's follow-up is not before its 登记日期 (today). */
const ahead = (days: number): string => addDays(districtToday(), days);

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
  let staffB01User: UserEntity;
  let colleagueB01: Auth;
  let headB01: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    ({ user: staffB01User, auth: staffB01 } = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' }));
    colleagueB01 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    headB01 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
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
      [good, randomUscc(), '氟化工', '以商招商', 12500, ahead(3), '商会介绍'],
      [randomCompanyName(), '91350100M000100Y44', '风电', '展会', '800.00', ahead(4), null],
      [randomCompanyName(), '91350100M000100Y4', '风电', '朋友介绍', '-5', '2026-02-30', null],
      [null, null, null, '网络', null, null, null],
      [randomCompanyName(), null, '农产品加工', 'online', '1.234', ahead(5).replace(/-0?/g, '/'), '备'.repeat(1001)],
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
    expect(dry.body.errors[0].reason).toContain('校验不通过，请与营业执照上的代码逐位核对');
    const committed = await upload(staffB01, file, 'commit').expect(422);
    expect(committed.body.code).toBe('IMPORT_REJECTED');
    expect(committed.body.details.errors).toHaveLength(8);
    const search = await t.http.get('/api/v1/investors').query({ q: good }).set(staffB01).expect(200);
    expect(search.body.total).toBe(0);
  });

  it('reports 撞单 by USCC and by normalised name, and near-duplicates, and refuses those rows alone on commit', async () => {
    const byUscc = await createInvestor(t, staffB02);
    await createLead(t, staffB02, byUscc.id);
    const core = randomCompanyName('');
    const byName = await createInvestor(t, staffB02, { name: `${core}化工有限公司`, uscc: undefined });
    await createLead(t, staffB02, byName.id);
    const nearCore = randomCompanyName('');
    await createInvestor(t, staffB02, { name: `${nearCore}氟材料有限公司` });
    const file = csv([
      ['任意名称有限公司', byUscc.uscc as string, '氟化工', '展会', '100', ahead(1), ''],
      [`${core}化工（集团）股份有限公司`, '', '氟化工', '走访', '', '', ''],
      [`${nearCore}氟材料科技有限公司`, '', '新材料', '网络', '', '', ''],
      [randomCompanyName(), randomUscc(), '风电', '中介机构', '3000', ahead(18), ''],
    ]);
    const dry = await upload(staffB01, file, 'dry-run', 'text/csv').expect(200);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.validRows).toBe(1);
    const kinds = dry.body.duplicates.map((d: { row: number; kind: string }) => `${d.row}:${d.kind}`);
    expect(kinds).toEqual(['2:open_lead', '3:open_lead', '4:near_duplicate']);
    expect(dry.body.duplicates[0]).toMatchObject({ ownerBureau: { code: 'B02' } });
    expect(dry.body.duplicates[0].reason).toContain('撞单');
    const committed = await upload(staffB01, file, 'commit', 'text/csv').expect(200);
    expect(committed.body).toMatchObject({ committed: true, newRows: 1, validRows: 1 });
    expect(committed.body.duplicates).toHaveLength(3);
    expect(committed.body.rows.map((r: { row: number }) => r.row)).toEqual([5]);
    const held = await t.http.get('/api/v1/leads').query({ investorId: byUscc.id }).set(staffB02).expect(200);
    expect(held.body.items.map((l: { bureau: { code: string } }) => l.bureau.code)).toEqual(['B02']);
  });

  it('commits a clean file in one go, linking known companies and creating new ones', async () => {
    const known = await createInvestor(t, staffB02);
    const fresh = randomCompanyName();
    const file = await xlsx([
      [known.name, known.uscc, '氟化工', '上级推送', '5000.5', new Date(`${ahead(6)}T00:00:00Z`), ''],
      [fresh, null, '农产品加工', '其他', null, ahead(7).replace(/-/g, '/'), '海外企业，暂无代码'],
    ]);
    const dry = await upload(staffB01, file, 'dry-run').expect(200);
    const newRow = { leadId: null, outcome: 'new', outcomeLabel: '新增', changes: [], reason: null };
    expect(dry.body.rows).toEqual([
      { row: 2, investorId: known.id, newInvestor: false, ...newRow },
      { row: 3, investorId: null, newInvestor: true, ...newRow },
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
      nextFollowUpAt: ahead(6),
    });
    const created = await t.http.get('/api/v1/investors').query({ q: fresh }).set(staffB01).expect(200);
    expect(created.body.items[0]).toMatchObject({ uscc: null, openLead: { bureau: { code: 'B01' } } });
    // one audit row per lead and per new company, written with them
    const audited = await t.get(DataSource).query(
      `SELECT action, entity_id AS "entityId", after->>'investorId' AS "investorId", actor_name AS "actorName"
           FROM audit_entry WHERE action IN ('lead.import', 'investor.create') AND (entity_id = $1 OR after->>'investorId' IN ($1, $2))`,
      [created.body.items[0].id, known.id],
    );
    expect(audited).toHaveLength(3);
    expect(audited.map((row: { action: string }) => row.action).sort()).toEqual([
      'investor.create',
      'lead.import',
      'lead.import',
    ]);
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

  async function template(): Promise<Buffer> {
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
    return response.body as Buffer;
  }

  /** A cell range of a data validation's sqref (A1 or A1:B9) as inclusive column and row bounds. */
  function bounds(range: string): { c1: number; r1: number; c2: number; r2: number } {
    const cell = (ref: string) => {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref) as RegExpExecArray;
      const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      return { column, row: Number(digits) };
    };
    const [from, to = from] = range.split(':').map(cell);
    return { c1: from.column, r1: from.row, c2: to.column, r2: to.row };
  }

  it('serves a template whose USCC column is text, date columns are dates and validations do not overlap', async () => {
    const file = await template();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const column = (header: string) => sheet.getColumn(headers.indexOf(header) + 1);
    expect(headers).toEqual(expect.arrayContaining([...HEADERS, '登记日期']));
    expect(column('统一社会信用代码').numFmt).toBe('@');
    expect(column('登记日期').numFmt).toBe('yyyy-mm-dd');
    expect(column('下次跟进日期').numFmt).toBe('yyyy-mm-dd');
    expect(column('企业名称').numFmt).toBeUndefined();

    // the validations as Excel reads them: each range once, no two sharing a cell
    const xml = await (await JSZip.loadAsync(file)).file('xl/worksheets/sheet1.xml')!.async('string');
    const validations = [...xml.matchAll(/<dataValidation\b[^>]*>/g)].map((tag) => ({
      type: /type="(\w+)"/.exec(tag[0])?.[1],
      ranges: (/sqref="([^"]+)"/.exec(tag[0]) as RegExpExecArray)[1].split(/\s+/),
    }));
    const letterOf = (header: string) => column(header).letter;
    expect(validations).toEqual(
      expect.arrayContaining([
        { type: 'list', ranges: [`${letterOf('线索来源')}2:${letterOf('线索来源')}1001`] },
        { type: 'date', ranges: [`${letterOf('登记日期')}2:${letterOf('登记日期')}1001`] },
        { type: 'date', ranges: [`${letterOf('下次跟进日期')}2:${letterOf('下次跟进日期')}1001`] },
        { type: 'textLength', ranges: [`${letterOf('统一社会信用代码')}2:${letterOf('统一社会信用代码')}1001`] },
      ]),
    );
    const boxes = validations.flatMap((v) => v.ranges.map(bounds));
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.c1 <= b.c2 && b.c1 <= a.c2 && a.r1 <= b.r2 && b.r1 <= a.r2;
        expect(overlap).toBe(false);
      }
    }

    // filled in as a clerk would (a USCC typed into the text column, a date into the date column), it imports
    const uscc = randomUscc();
    const name = randomCompanyName();
    const row = sheet.getRow(2);
    row.getCell(headers.indexOf('企业名称') + 1).value = name;
    row.getCell(headers.indexOf('统一社会信用代码') + 1).value = uscc;
    row.getCell(headers.indexOf('线索来源') + 1).value = '展会';
    row.getCell(headers.indexOf('登记日期') + 1).value = new Date(Date.UTC(2026, 2, 5));
    row.getCell(headers.indexOf('意向投资额（万元）') + 1).value = '1.2亿';
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const committed = await upload(staffB01, filled, 'commit').expect(200);
    expect(committed.body).toMatchObject({ errors: [], newRows: 1, committed: true });
    const lead = await t.http.get(`/api/v1/leads/${committed.body.rows[0].leadId}`).set(staffB01).expect(200);
    expect(lead.body).toMatchObject({
      investor: { name, uscc },
      registeredAt: '2026-03-05',
      intendedAmount: '12000.00',
    });
  });

  it('converts 万, 亿 and 元 amounts to 万元, shows each conversion in the dry run, and refuses an unreadable one', async () => {
    const names = [randomCompanyName(), randomCompanyName(), randomCompanyName(), randomCompanyName()];
    const rows = [
      [names[0], null, null, '展会', '5000万', null, null],
      [names[1], null, null, '展会', '1.2亿', null, null],
      [names[2], null, null, '展会', '300000元', null, null],
      [names[3], null, null, '展会', '5,000', null, null],
    ];
    const dry = await upload(
      staffB01,
      await xlsx([...rows, [randomCompanyName(), null, null, '展会', '五百万', null, null]]),
      'dry-run',
    ).expect(200);
    expect(dry.body.conversions.map((c: { row: number; text: string }) => `${c.row} ${c.text}`)).toEqual([
      '2 5000万 → 5000.00 万元',
      '3 1.2亿 → 12000.00 万元',
      '4 300000元 → 30.00 万元',
      '5 5,000 → 5000.00 万元',
    ]);
    expect(dry.body.errors).toEqual([
      { row: 6, column: '意向投资额（万元）', reason: expect.stringContaining('1.2亿') },
    ]);
    const committed = await upload(staffB01, await xlsx(rows), 'commit').expect(200);
    const amounts = await Promise.all(
      committed.body.rows.map(
        async (row: { leadId: string }) =>
          (await t.http.get(`/api/v1/leads/${row.leadId}`).set(staffB01).expect(200)).body.intendedAmount,
      ),
    );
    expect(amounts).toEqual(['5000.00', '12000.00', '30.00', '5000.00']);
  });

  it('says so when Excel kept a USCC as a number and lost its last digits', async () => {
    // what Excel keeps of 912109001234567893 typed into a column formatted as a number
    const asNumber = Number('912109001234567893');
    const dry = await upload(
      staffB01,
      await xlsx([[randomCompanyName(), asNumber, null, '展会', null, null, null]]),
      'dry-run',
    ).expect(200);
    expect(dry.body.errors).toEqual([
      { row: 2, column: '统一社会信用代码', reason: expect.stringContaining('请把该列设为文本') },
    ]);
  });

  it('adds nothing when a ledger is uploaded twice, reporting 已存在 for every row', async () => {
    const file = await xlsx([
      [randomCompanyName(), randomUscc(), '氟化工', '展会', '100', ahead(18), null],
      [randomCompanyName(), null, '风电', '走访', null, null, '备注'],
      [randomCompanyName(), randomUscc(), null, '网络', '2亿', null, null],
    ]);
    const first = await upload(staffB01, file, 'commit').expect(200);
    expect(first.body).toMatchObject({ newRows: 3, updatedRows: 0, unchangedRows: 0 });
    const leadIds = first.body.rows.map((row: { leadId: string }) => row.leadId);
    for (const [auth, mode] of [
      [staffB01, 'dry-run'],
      [staffB01, 'commit'],
      [colleagueB01, 'commit'],
    ] as const) {
      const again = await upload(auth, file, mode).expect(200);
      expect(again.body).toMatchObject({ newRows: 0, updatedRows: 0, unchangedRows: 3, errors: [], duplicates: [] });
      for (const [i, row] of again.body.rows.entries()) {
        expect(row).toMatchObject({ outcome: 'unchanged', outcomeLabel: '已存在', changes: [], leadId: leadIds[i] });
        expect(row.reason).toContain('台账内容无变化');
      }
    }
    for (const row of first.body.rows as { investorId: string }[]) {
      const leads = await t.http.get('/api/v1/leads').query({ investorId: row.investorId }).set(staffB01).expect(200);
      expect(leads.body.total).toBe(1);
    }
  });

  it('does not register again a company whose lead the bureau dropped, reporting it as 已存在', async () => {
    const file = await xlsx([[randomCompanyName(), randomUscc(), null, '展会', null, null, null]]);
    const first = await upload(staffB01, file, 'commit').expect(200);
    await t.http
      .post(`/api/v1/leads/${first.body.rows[0].leadId}/drop`)
      .set(staffB01)
      .send({ reason: '企业投资计划取消' })
      .expect(200);
    const again = await upload(staffB01, file, 'commit').expect(200);
    expect(again.body).toMatchObject({ newRows: 0, unchangedRows: 1 });
    expect(again.body.rows[0]).toMatchObject({ outcomeLabel: '已存在', leadId: first.body.rows[0].leadId });
    expect(again.body.rows[0].reason).toContain('已放弃');
    const leads = await t.http
      .get('/api/v1/leads')
      .query({ investorId: first.body.rows[0].investorId })
      .set(staffB01)
      .expect(200);
    expect(leads.body.items.map((l: { status: string }) => l.status)).toEqual(['dropped']);
  });

  it('adds only the new rows of a grown ledger and updates the rows whose cells changed, naming the columns', async () => {
    const rows = [
      [randomCompanyName(), randomUscc(), '氟化工', '展会', '100', ahead(18), null],
      [randomCompanyName(), null, '风电', '走访', null, null, '备注'],
    ];
    const first = await upload(staffB01, await xlsx(rows), 'commit').expect(200);
    const grown = [
      rows[0],
      [rows[1][0], null, '风电', '走访', '1.5亿', ahead(26), '备注'],
      [randomCompanyName(), null, null, '其他', null, null, null],
      [randomCompanyName(), randomUscc(), null, '网络', null, null, null],
    ];
    const dry = await upload(staffB01, await xlsx(grown), 'dry-run').expect(200);
    expect(dry.body.rows.map((r: { outcomeLabel: string }) => r.outcomeLabel)).toEqual([
      '已存在',
      '已更新',
      '新增',
      '新增',
    ]);
    const second = await upload(staffB01, await xlsx(grown), 'commit').expect(200);
    expect(second.body).toMatchObject({ newRows: 2, updatedRows: 1, unchangedRows: 1, committed: true });
    expect(second.body.rows[1]).toMatchObject({
      outcome: 'updated',
      leadId: first.body.rows[1].leadId,
      changes: ['意向投资额（万元）', '下次跟进日期'],
    });
    expect(second.body.rows[1].reason).toContain('按台账更新：意向投资额（万元）、下次跟进日期');
    const updated = await t.http.get(`/api/v1/leads/${first.body.rows[1].leadId}`).set(staffB01).expect(200);
    expect(updated.body).toMatchObject({ intendedAmount: '15000.00', nextFollowUpAt: ahead(26), note: '备注' });
    const audited = await t
      .get(DataSource)
      .query(
        `SELECT after->>'intendedAmount' AS amount FROM audit_entry WHERE action = 'lead.import_update' AND entity_id = $1`,
        [first.body.rows[1].leadId],
      );
    expect(audited).toEqual([{ amount: '15000.00' }]);
    const third = await upload(staffB01, await xlsx(grown), 'commit').expect(200);
    expect(third.body).toMatchObject({ newRows: 0, updatedRows: 0, unchangedRows: 4 });
  });

  describe('large ledgers in the background', () => {
    type Job = {
      id: string;
      status: string;
      mode: string;
      totalRows: number;
      processedRows: number;
      report?: {
        committed: boolean;
        rows: { row: number; investorId: string | null; newInvestor: boolean; leadId: string | null }[];
      };
      error?: string;
    };

    /** Data rows of distinct new companies, all clean. */
    const cleanRows = (count: number): string[][] =>
      Array.from({ length: count }, () => [randomCompanyName(), '', '风电', '网络', '100', ahead(18), '']);

    /** Polls the job until it is done or failed; every processedRows seen on the way. */
    async function untilFinished(auth: Auth, location: string): Promise<{ job: Job; seen: number[] }> {
      const seen: number[] = [];
      for (let poll = 0; poll < 2000; poll++) {
        const response = await t.http.get(location).set(auth).expect(200);
        const job = response.body as Job;
        seen.push(job.processedRows);
        if (job.status === 'done' || job.status === 'failed') return { job, seen };
        await sleep(20);
      }
      throw new Error(`import job ${location} did not finish`);
    }

    it('checks a large ledger in the background: 202 with a Location, climbing progress, then the report', async () => {
      const owned = await createInvestor(t, staffB02);
      await createLead(t, staffB02, owned.id);
      const rows = cleanRows(ASYNC_IMPORT_ROWS + 200);
      rows[699] = [randomCompanyName(), '', '风电', '朋友介绍', '', '', '']; // row 701
      rows[1099] = ['任意名称有限公司', owned.uscc as string, '', '网络', '', '', '']; // row 1101
      const file = csv(rows);

      // every progress the job records, however quickly it runs past the polls below
      const progress = jest.spyOn(t.get(LeadImportJobRepository), 'progress');
      const accepted = await upload(staffB01, file, 'dry-run', 'text/csv').expect(202);
      expect(accepted.body).toMatchObject({ status: 'queued', mode: 'dry-run', totalRows: 1200, processedRows: 0 });
      expect(accepted.headers.location).toBe(`/api/v1/imports/leads/${accepted.body.id}`);
      const { job, seen } = await untilFinished(staffB01, accepted.headers.location);
      expect(job).toMatchObject({ status: 'done', processedRows: 1200 });
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.every((rowsChecked) => rowsChecked % IMPORT_PROGRESS_STEP === 0 || rowsChecked === 1200)).toBe(true);
      const recorded = progress.mock.calls.filter(([id]) => id === accepted.body.id).map(([, rows]) => rows);
      expect(recorded).toEqual([IMPORT_PROGRESS_STEP, 2 * IMPORT_PROGRESS_STEP, 1200]);
      progress.mockRestore();
      expect(job.report).toMatchObject({ mode: 'dry-run', totalRows: 1200, validRows: 1198, committed: false });
      const report = job.report as unknown as { errors: object[]; duplicates: object[] };
      expect(report.errors).toEqual([{ row: 701, column: '线索来源', reason: expect.stringContaining('以商招商') }]);
      expect(report.duplicates).toEqual([
        expect.objectContaining({
          row: 1101,
          kind: 'open_lead',
          ownerBureau: expect.objectContaining({ code: 'B02' }),
        }),
      ]);

      // the same file committed: done with the rejection report, and nothing written
      const committed = await upload(staffB01, file, 'commit', 'text/csv').expect(202);
      expect(committed.body.id).not.toBe(accepted.body.id);
      const rejected = (await untilFinished(staffB01, committed.headers.location)).job;
      expect(rejected).toMatchObject({ status: 'done', mode: 'commit', report: { committed: false, validRows: 1198 } });
      expect(rejected.report?.rows.every((row) => row.leadId === null)).toBe(true);
      for (const row of [rows[0], rows[1199]]) {
        const search = await t.http.get('/api/v1/investors').query({ q: row[0] }).set(staffB01).expect(200);
        expect(search.body.total).toBe(0);
      }
    });

    it('commits a clean large ledger in one go, and starts it once per Idempotency-Key', async () => {
      const known = await createInvestor(t, staffB02);
      const rows = cleanRows(ASYNC_IMPORT_ROWS + 1);
      rows[0] = [known.name, known.uscc as string, '', '其他', '5000', ahead(6), '老客户'];
      const file = csv(rows);
      const send = () => upload(staffB01, file, 'commit', 'text/csv').set('Idempotency-Key', 'large-import-1');
      const accepted = await send().expect(202);
      const replay = await send().expect(202);
      expect(replay.body.id).toBe(accepted.body.id);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers.location).toBe(accepted.headers.location);

      const { job } = await untilFinished(staffB01, accepted.headers.location);
      expect(job).toMatchObject({
        status: 'done',
        processedRows: 1001,
        report: { mode: 'commit', committed: true, validRows: 1001, errors: [], duplicates: [] },
      });
      const imported = job.report?.rows ?? [];
      expect(imported).toHaveLength(1001);
      expect(imported[0]).toMatchObject({ row: 2, investorId: known.id, newInvestor: false });
      expect(imported.filter((row) => row.newInvestor)).toHaveLength(1000);
      expect(new Set(imported.map((row) => row.leadId)).size).toBe(1001);

      const leads = await t.http.get('/api/v1/leads').query({ investorId: known.id }).set(staffB01).expect(200);
      expect(leads.body.items).toEqual([
        expect.objectContaining({
          id: imported[0].leadId,
          bureau: expect.objectContaining({ code: 'B01' }),
          source: 'other',
          intendedAmount: '5000.00',
          nextFollowUpAt: ahead(6),
        }),
      ]);
      const last = await t.http.get(`/api/v1/investors/${imported[1000].investorId}`).set(staffB01).expect(200);
      expect(last.body).toMatchObject({ name: rows[1000][0], openLead: { bureau: { code: 'B01' } } });
      const again = await upload(staffB02, csv(rows.slice(0, 5)), 'dry-run', 'text/csv').expect(200);
      expect(again.body.duplicates).toHaveLength(5);
      // every new lead counted for the rankings, in the same transaction
      const year = new Date().getUTCFullYear();
      const consistency = await t.http
        .get('/api/v1/rankings/consistency')
        .query({ from: `${year - 1}-01-01`, to: `${year + 1}-12-31` })
        .set(supervisor)
        .expect(200);
      expect(consistency.body).toMatchObject({ consistent: true, differences: [] });
    });

    it('shows a job to the uploader and the uploader’s bureau only; another bureau gets 404', async () => {
      const b01 = (await t.get(BureauRepository).findByCode('B01'))!;
      const b02 = (await t.get(BureauRepository).findByCode('B02'))!;
      const jobs = t.get(LeadImportJobRepository);
      const own = await jobs.insert({
        bureauId: b01.id,
        createdById: staffB01User.id,
        mode: 'dry-run',
        totalRows: 2000,
      });
      // uploaded by the B01 officer for B02 before a move: the uploader still sees it
      const moved = await jobs.insert({
        bureauId: b02.id,
        createdById: staffB01User.id,
        mode: 'commit',
        totalRows: 2000,
      });
      const read = (auth: Auth, id: string) => t.http.get(`/api/v1/imports/leads/${id}`).set(auth);
      for (const auth of [staffB01, colleagueB01, headB01]) {
        expect((await read(auth, own.id).expect(200)).body).toMatchObject({ id: own.id, totalRows: 2000 });
      }
      for (const auth of [staffB02, headB02]) {
        expect((await read(auth, own.id).expect(404)).body.code).toBe('NOT_FOUND');
        await read(auth, moved.id).expect(200);
      }
      await read(staffB01, moved.id).expect(200);
      await read(colleagueB01, moved.id).expect(404);
      for (const auth of [leader, supervisor, admin]) await read(auth, own.id).expect(403);
      await read(staffB01, '00000000-0000-4000-8000-000000000000').expect(404);
      await read(staffB01, 'not-a-uuid').expect(400);
    });

    it('marks a job failed when its process stopped reporting, and leaves a live one running', async () => {
      const b01 = (await t.get(BureauRepository).findByCode('B01'))!;
      const jobs = t.get(LeadImportJobRepository);
      const job = (mode: 'dry-run' | 'commit') =>
        jobs.insert({ bureauId: b01.id, createdById: staffB01User.id, mode, totalRows: 5000 });
      const abandoned = await job('commit');
      const live = await job('dry-run');
      await t.get(DataSource).query(
        `UPDATE lead_import_job SET status = 'running', processed_rows = 1500,
                updated_at = now() - CASE WHEN id = $1 THEN interval '10 minutes' ELSE interval '10 seconds' END
          WHERE id IN ($1, $2)`,
        [abandoned.id, live.id],
      );
      const failed = await t.http.get(`/api/v1/imports/leads/${abandoned.id}`).set(staffB01).expect(200);
      expect(failed.body).toMatchObject({
        status: 'failed',
        processedRows: 1500,
        error: expect.stringContaining('中断'),
      });
      expect(failed.body.finishedAt).toEqual(expect.any(String));
      expect(failed.body.report).toBeUndefined();
      const running = await t.http.get(`/api/v1/imports/leads/${live.id}`).set(staffB01).expect(200);
      expect(running.body).toMatchObject({ status: 'running', processedRows: 1500 });
      expect(running.body.error).toBeUndefined();
    });
  });

  describe('multipart upload', () => {
    const form = (auth: Auth, mode: string) => t.http.post('/api/v1/imports/leads').query({ mode }).set(auth);

    it('takes the ledger from the form field file, for a dry run and a commit', async () => {
      const name = randomCompanyName();
      const file = await xlsx([[name, randomUscc(), '氟化工', '展会', 800, ahead(3), '']]);
      const dry = await form(staffB01, 'dry-run').attach('file', file, '线索台账.xlsx').expect(200);
      expect(dry.body).toMatchObject({ mode: 'dry-run', totalRows: 1, validRows: 1, committed: false, errors: [] });
      const commit = await form(staffB01, 'commit')
        .field('remark', '十一月台账')
        .attach('file', file, { filename: 'ledger.xlsx', contentType: XLSX })
        .expect(200);
      expect(commit.body).toMatchObject({ mode: 'commit', committed: true, validRows: 1 });
      const created = await t.http.get('/api/v1/investors').query({ q: name }).set(staffB01).expect(200);
      expect(created.body.items[0]).toMatchObject({ name, openLead: { bureau: { code: 'B01' } } });
      // Excel on Windows labels a .csv as application/vnd.ms-excel
      const ledger = csv([[randomCompanyName(), '', '风电', '网络', '', '', '']]);
      const fromExcel = await form(staffB01, 'dry-run')
        .attach('file', ledger, { filename: 'ledger.csv', contentType: 'application/vnd.ms-excel' })
        .expect(200);
      expect(fromExcel.body).toMatchObject({ totalRows: 1, validRows: 1 });
    });

    it('answers 4xx, never 500, to a form without a usable ledger file', async () => {
      const ledger = csv([[randomCompanyName(), '', '风电', '网络', '', '', '']]);
      const refused = async (request: ReturnType<typeof form>, status: number, words: string) => {
        const response = await request.expect(status);
        expect(response.body.message).toContain(words);
        return response;
      };
      const noFile = await refused(form(staffB01, 'dry-run').field('mode', 'commit'), 400, 'file');
      expect(noFile.body.code).toBe('IMPORT_FILE_INVALID');
      await refused(form(staffB01, 'dry-run').attach('ledger', ledger, 'ledger.csv'), 400, '字段');
      await refused(form(staffB01, 'dry-run').attach('file', Buffer.alloc(0), 'empty.csv'), 400, 'CSV');
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      await refused(form(staffB01, 'dry-run').attach('file', png, 'photo.png'), 400, 'XLSX 或 CSV');
      await refused(
        form(staffB01, 'dry-run').attach('file', png, { filename: 'upload', contentType: 'image/png' }),
        400,
        'XLSX 或 CSV',
      );
      await refused(form(staffB01, 'dry-run').attach('file', ledger, '旧台账.xls'), 400, '.xlsx');
      await refused(
        form(staffB01, 'dry-run').attach('file', ledger, 'a.csv').attach('file', ledger, 'b.csv'),
        400,
        '一个',
      );
      await refused(form(staffB01, 'dry-run').set('content-type', 'multipart/form-data').send('file'), 400, 'boundary');
      await form(staffB01, 'dry-run')
        .set('content-type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n企业名称')
        .expect(400);
      const tooLarge = await form(staffB01, 'dry-run')
        .attach('file', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'huge.csv')
        .expect(413);
      expect(tooLarge.body.message).toContain('10 MB');
      await form(staffB01, 'dry-run')
        .attach('file', Buffer.alloc(11 * 1024 * 1024, 0x41), 'huge.csv')
        .expect(413);
      await form(leader, 'dry-run').attach('file', ledger, 'ledger.csv').expect(403);
      // other routes take no forms
      await t.http.post('/api/v1/investors').set(staffB01).attach('file', ledger, 'ledger.csv').expect(415);
    });

    it('documents the form, the job and its 202 in the OpenAPI document', async () => {
      const document = (await t.http.get('/docs/openapi.json').expect(200)).body;
      const post = document.paths['/api/v1/imports/leads'].post;
      expect(Object.keys(post.requestBody.content)).toEqual(expect.arrayContaining(['multipart/form-data', XLSX]));
      expect(post.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
        format: 'binary',
      });
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '413', '422']));
      expect(document.paths['/api/v1/imports/leads/{id}'].get.responses['200']).toBeDefined();
    });
  });
});
