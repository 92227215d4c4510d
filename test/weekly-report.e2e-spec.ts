import { BureauStatsRecorder, Role, TransactionRunner } from '@app/core';
import { BureauRepository } from '@app/identity';
import { WeeklyReportService } from '@app/reports';
import ExcelJS from 'exceljs';
import { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createInvestor, createLead } from './factories/investor.factory';
import { actorOf, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

/** Supertest collects a binary body into a Buffer with this parser. */
function binary(res: Response, done: (error: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('Weekly report', () => {
  let t: TestApp;
  let reports: WeeklyReportService;
  let staff: { Authorization: string };
  let leader: { Authorization: string };
  const mondayMorning = new Date('2026-11-30T08:30:00+08:00');

  const record = async (code: string, day: string, visits: number, signedAmount = '0') => {
    const bureau = await t.get(BureauRepository).findByCode(code);
    await t
      .get(TransactionRunner)
      .run((tx) => t.get(BureauStatsRecorder).record(tx, bureau!.id, day, { visits, leaderVisits: 1, signedAmount }));
  };
  const count = async (week: string) =>
    Number(
      (await t.get(DataSource).query('SELECT count(*)::int AS n FROM weekly_report WHERE week = $1', [week]))[0].n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    reports = t.get(WeeklyReportService);
    staff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    const admin = (await signedIn(t, { role: Role.Admin })).auth;
    await t.http
      .put('/api/v1/targets?year=2026')
      .set(admin)
      .send({
        items: [
          {
            bureauCode: 'B01',
            visits: 365,
            newLeads: 0,
            signedCount: 0,
            signedAmount: '36500',
            startedCount: 0,
            fundsInPlace: '0',
          },
        ],
      })
      .expect(200);
    await record('B01', '2026-11-24', 7, '1234.56');
    await record('B02', '2026-11-29', 3);
    // a lead registered in September and never visited: a light in the report, whose 起算日期 is a date cell
    const investor = await createInvestor(t, staff);
    const lead = await createLead(t, staff, investor.id);
    await t
      .get(DataSource)
      .query(`UPDATE lead SET created_at = '2026-09-01T10:00:00+08:00', registered_at = '2026-09-01' WHERE id = $1`, [
        lead.id,
      ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is due at Monday 08:00 Asia/Shanghai for the week just ended', () => {
    expect(reports.lastDueWeek(new Date('2026-11-30T07:59:00+08:00'))).toBe('2026-W47');
    expect(reports.lastDueWeek(new Date('2026-11-30T08:00:00+08:00'))).toBe('2026-W48');
    expect(reports.lastDueWeek(new Date('2026-11-29T23:59:00+08:00'))).toBe('2026-W47');
  });

  it('publishes a week exactly once, however often and however concurrently the job runs', async () => {
    const runs = await Promise.all([
      reports.publishDue(mondayMorning),
      reports.publishDue(mondayMorning),
      reports.publishDue(mondayMorning),
    ]);
    expect(runs.flat()).toEqual(['2026-W48']);
    expect(await reports.publishDue(mondayMorning)).toEqual([]);
    expect(await count('2026-W48')).toBe(1);
  });

  it('catches up every missed week, oldest first', async () => {
    const published = await reports.publishDue(new Date('2026-12-21T09:00:00+08:00'));
    expect(published).toEqual(['2026-W49', '2026-W50', '2026-W51']);
  });

  it('serves a frozen snapshot whose hash and export do not change when records do', async () => {
    const before = await t.http.get('/api/v1/reports/weekly/2026-W48').set(staff).expect(200);
    expect(before.body).toMatchObject({ week: '2026-W48', version: 1, intact: true });
    const ranking = before.body.content.tables.find((table: { key: string }) => table.key === 'ranking');
    expect(ranking.title).toBe('排名');
    expect(ranking.rows[0]).toMatchObject({ bureauCode: 'B01', weekRank: 1 });
    const csvBefore = await t.http
      .get('/api/v1/reports/weekly/2026-W48/export?format=csv&table=visits')
      .set(staff)
      .buffer(true)
      .parse(binary)
      .expect(200);

    await record('B03', '2026-11-25', 50, '99999.00'); // an edit after publication
    const after = await t.http.get('/api/v1/reports/weekly/2026-W48').set(staff).expect(200);
    expect(after.body.sha256).toBe(before.body.sha256);
    expect(after.body.content).toEqual(before.body.content);
    const csvAfter = await t.http
      .get('/api/v1/reports/weekly/2026-W48/export?format=csv&table=visits')
      .set(staff)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(csvAfter.body, csvBefore.body)).toBe(0);
    expect(csvBefore.headers['x-report-sha256']).toBe(before.body.sha256);
  });

  it('chains each report to the one published before it', async () => {
    const list = await t.http.get('/api/v1/reports/weekly').set(staff).expect(200);
    const weeks = list.body.items as { week: string; sha256: string; prevSha256: string | null }[];
    expect(weeks.map((w) => w.week)).toEqual(['2026-W51', '2026-W50', '2026-W49', '2026-W48']);
    for (let i = 0; i < weeks.length - 1; i++) expect(weeks[i].prevSha256).toBe(weeks[i + 1].sha256);
    expect(weeks[3].prevSha256).toBeNull();
  });

  it('regenerates on demand as a new version and keeps the old one', async () => {
    const { user } = await signedIn(t, { role: Role.Leader });
    const actor = actorOf(user);
    const regenerated = await reports.publish('2026-W48', actor, mondayMorning);
    expect(regenerated).toMatchObject({ period: '2026-W48', version: 2 });
    // a leader reads every bureau's rows (a B02 user's view keeps only B02's outside the ranking)
    const latest = await t.http.get('/api/v1/reports/weekly/2026-W48').set(leader).expect(200);
    const first = await t.http.get('/api/v1/reports/weekly/2026-W48?version=1').set(leader).expect(200);
    expect([first.body.version, latest.body.version]).toEqual([1, 2]);
    // the regenerated version sees the later edit; the first does not
    const b03 = (body: { content: { tables: { key: string; rows: { bureauCode: string; visits: number }[] }[] } }) =>
      body.content.tables.find((table) => table.key === 'visits')!.rows.find((row) => row.bureauCode === 'B03')!.visits;
    expect([b03(first.body), b03(latest.body)]).toEqual([0, 50]);
    // the schedule does not add a version for a week that has one
    expect(await reports.publishDue(mondayMorning)).toEqual([]);
    expect(await count('2026-W48')).toBe(2);
  });

  it('lets a leader generate a finished week over HTTP, a version each time, each linked to the one before', async () => {
    const first = await t.http.post('/api/v1/reports/weekly/2026-W48/generate').set(leader).expect(201);
    const second = await t.http.post('/api/v1/reports/weekly/2026-W48/generate').set(leader).expect(201);
    expect([first.body.version, second.body.version]).toEqual([3, 4]);
    expect(second.body.prevSha256).toBe(first.body.sha256);
  });

  it('refuses to add a never-published week older than the chain: it would break the week order', async () => {
    await t.http.get('/api/v1/reports/weekly/2026-W47').set(staff).expect(404);
    const refused = await t.http.post('/api/v1/reports/weekly/2026-W47/generate').set(leader).expect(422);
    expect(refused.body.code).toBe('WEEK_OUT_OF_ORDER');
    expect(await count('2026-W47')).toBe(0);
  });

  it('exports an XLSX whose cells equal the report', async () => {
    // read as a leader, who sees every bureau's rows (a B02 reader's view is filtered: test/bureau-scope)
    const report = await t.http.get('/api/v1/reports/weekly/2026-W48?version=1').set(leader).expect(200);
    const response = await t.http
      .get('/api/v1/reports/weekly/2026-W48/export?format=xlsx&version=1')
      .set(leader)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const tables = report.body.content.tables as {
      title: string;
      columns: { key: string; header: string; type: string }[];
      rows: Record<string, unknown>[];
    }[];
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(tables.map((table) => table.title));
    let dateCells = 0;
    for (const table of tables as ((typeof tables)[number] & { note?: string })[]) {
      const sheet = workbook.getWorksheet(table.title)!;
      // a title row naming the report, its week and its days; the table's note under it when it has one
      expect(sheet.getCell(1, 1).value).toBe(`海州区招商引资周报 2026-W48（2026-11-23 至 2026-11-29）${table.title}`);
      const headerRow = table.note ? 3 : 2;
      if (table.note) expect(sheet.getCell(2, 1).value).toBe(table.note);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
      expect((sheet.getRow(headerRow).values as unknown[]).slice(1)).toEqual(table.columns.map((c) => c.header));
      table.rows.forEach((row, r) => {
        table.columns.forEach((column, c) => {
          const cell = sheet.getRow(headerRow + 1 + r).getCell(c + 1);
          const expected = row[column.key];
          if (expected === null || expected === undefined) expect(cell.value).toBeNull();
          else if (['amount', 'int', 'change', 'percent'].includes(column.type))
            expect(cell.value).toBe(Number(expected));
          else if (column.type === 'date') {
            // a real Excel date: a date cell with a date format, not a text
            expect(cell.type).toBe(ExcelJS.ValueType.Date);
            expect((cell.value as Date).toISOString().slice(0, 10)).toBe(expected);
            expect(cell.numFmt).toBe('yyyy-mm-dd');
            dateCells++;
          } else if (typeof expected === 'boolean') expect(cell.value).toBe(expected ? '是' : '否');
          else expect(cell.value).toBe(expected);
          if (column.type === 'amount') expect(cell.numFmt).toBe('#,##0.00');
        });
      });
    }
    expect(dateCells).toBeGreaterThan(0);
    const visits = workbook.getWorksheet('走访情况')!;
    expect(visits.getColumn(2).width).toBeGreaterThanOrEqual(16); // 海州区第一招商局 is 16 columns wide
  });

  it('exports CSV in UTF-8 with a byte-order mark', async () => {
    const response = await t.http
      .get('/api/v1/reports/weekly/2026-W48/export?format=csv&table=ranking&version=1')
      .set(staff)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    // one table per file: its title line, its note (the score's formula), then the headers and rows
    expect(lines[0]).toBe('海州区招商引资周报 2026-W48（2026-11-23 至 2026-11-29）排名');
    expect(lines[1]).toContain('min(实际ₖ ÷ 期间目标ₖ, 1.5)');
    expect(lines[2].split(',').slice(0, 3)).toEqual(['编码', '招商局', '本周名次']);
    expect(lines[3].startsWith('B01,海州区第一招商局,1,')).toBe(true);
    // the file is named after the table, in UTF-8 (RFC 5987) with a plain fallback
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="weekly-2026-W48-v1-ranking.csv"; filename*=UTF-8''${encodeURIComponent(
        '海州区招商引资周报-2026-W48-v1-排名.csv',
      )}`,
    );
  });

  it('asks for a table when a CSV export names none, listing the tables', async () => {
    const response = await t.http.get('/api/v1/reports/weekly/2026-W48/export?format=csv').set(staff).expect(400);
    expect(response.body.code).toBe('TABLE_REQUIRED');
    expect(response.body.message).toContain('ranking（排名）');
    expect(response.body.details.tables.map((table: { key: string }) => table.key)).toEqual(
      expect.arrayContaining(['ranking', 'scoring', 'alerts', 'visits']),
    );
  });

  it('answers bad weeks and unauthorised generation clearly', async () => {
    await t.http.get('/api/v1/reports/weekly/2026-48').set(staff).expect(400);
    await t.http.get('/api/v1/reports/weekly/2025-W53').set(staff).expect(400);
    await t.http.get('/api/v1/reports/weekly/2026-W48/export?format=pdf').set(staff).expect(400);
    await t.http.get('/api/v1/reports/weekly/2026-W48/export?format=csv&table=nothing').set(staff).expect(404);
    await t.http.post('/api/v1/reports/weekly/2026-W47/generate').set(staff).expect(403);
    const future = await t.http.post('/api/v1/reports/weekly/2030-W10/generate').set(leader).expect(422);
    expect(future.body.code).toBe('WEEK_NOT_OVER');
  });
});
