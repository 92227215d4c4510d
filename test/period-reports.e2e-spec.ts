import { BureauStatsRecorder, Role, TransactionRunner } from '@app/core';
import { BureauRepository } from '@app/identity';
import { MonthlyReportService, QuarterlyReportService } from '@app/reports';
import JSZip from 'jszip';
import { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { actorOf, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

function binary(res: Response, done: (error: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of a .docx's body, its runs joined. */
async function documentText(docx: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
}

type Table = {
  key: string;
  title: string;
  columns: { key: string; header: string }[];
  rows: Record<string, unknown>[];
};

/**
 * 月报 and 季报 (月度监测): the weekly report's guarantees over a month and a quarter — published once on their
 * schedule (Asia/Shanghai), caught up in order, frozen, each kind its own hash chain, regenerated as versions,
 * exported as XLSX, CSV and the 通报, and read within the reader's scope.
 */
describe('Monthly and quarterly reports', () => {
  let t: TestApp;
  let monthly: MonthlyReportService;
  let quarterly: QuarterlyReportService;
  let staff: { Authorization: string };
  let leader: { Authorization: string };
  const decemberFirst = new Date('2026-12-01T08:30:00+08:00');

  const record = async (code: string, day: string, visits: number, signedAmount = '0') => {
    const bureau = await t.get(BureauRepository).findByCode(code);
    await t
      .get(TransactionRunner)
      .run((tx) => t.get(BureauStatsRecorder).record(tx, bureau!.id, day, { visits, leaderVisits: 0, signedAmount }));
  };
  const tableOf = (body: { content: { tables: Table[] } }, key: string) =>
    body.content.tables.find((table) => table.key === key)!;
  const rows = async (kind: string) =>
    (await t
      .get(DataSource)
      .query('SELECT period, version, sha256, prev_sha256 FROM period_report WHERE kind = $1 ORDER BY published_at', [
        kind,
      ])) as { period: string; version: number; sha256: string; prev_sha256: string | null }[];

  beforeAll(async () => {
    t = await createTestApp();
    monthly = t.get(MonthlyReportService);
    quarterly = t.get(QuarterlyReportService);
    staff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    // the data starts in October: the chains start there
    await record('B01', '2026-10-12', 4, '500.00');
    await record('B01', '2026-11-03', 9, '1200.00');
    await record('B02', '2026-11-30', 2);
    await record('B03', '2026-12-01', 30); // after November: not in November's report
  });
  afterAll(async () => {
    await t.close();
  });

  it('is due on the 1st at 08:00 (a month) and on the first day of a quarter at 08:00 (a quarter), Asia/Shanghai', () => {
    expect(monthly.lastDue(new Date('2026-12-01T07:59:00+08:00'))).toBe('2026-10');
    expect(monthly.lastDue(new Date('2026-12-01T08:00:00+08:00'))).toBe('2026-11');
    // 00:30 on 1 December in 阜新 is still 30 November in UTC: the district's clock decides
    expect(monthly.lastDue(new Date('2026-11-30T16:30:00Z'))).toBe('2026-10');
    expect(quarterly.lastDue(new Date('2026-10-01T07:59:00+08:00'))).toBe('2026-Q2');
    expect(quarterly.lastDue(new Date('2026-10-01T08:00:00+08:00'))).toBe('2026-Q3');
    expect(quarterly.lastDue(new Date('2027-01-01T08:00:00+08:00'))).toBe('2026-Q4');
  });

  it('publishes each due month exactly once from the data’s first month, however concurrently the job runs', async () => {
    const runs = await Promise.all([
      monthly.publishDue(decemberFirst),
      monthly.publishDue(decemberFirst),
      monthly.publishDue(decemberFirst),
    ]);
    expect(runs.flat().sort()).toEqual(['2026-10', '2026-11']);
    expect(await monthly.publishDue(decemberFirst)).toEqual([]);
    const chain = await rows('monthly');
    expect(chain.map((row) => [row.period, row.version])).toEqual([
      ['2026-10', 1],
      ['2026-11', 1],
    ]);
    expect(chain[0].prev_sha256).toBeNull();
    expect(chain[1].prev_sha256).toBe(chain[0].sha256);
  });

  it("counts the month's figures in its own period words, frozen against later edits", async () => {
    const before = await t.http.get('/api/v1/reports/monthly/2026-11').set(leader).expect(200);
    expect(before.body).toMatchObject({ kind: 'monthly', period: '2026-11', version: 1, intact: true });
    expect(before.body.content).toMatchObject({
      kind: 'monthly',
      period: '2026-11',
      from: '2026-11-01',
      to: '2026-12-01',
    });
    const ranking = tableOf(before.body, 'ranking');
    expect(ranking.columns.slice(2, 5).map((column) => column.header)).toEqual(['本月名次', '较上月', '本月得分']);
    const visits = tableOf(before.body, 'visits');
    expect(visits.columns.find((column) => column.key === 'visits')!.header).toBe('本月走访接洽');
    const visitsOf = (code: string) => visits.rows.find((row) => row.bureauCode === code)!.visits;
    // November's visits only: October's and December's are in their own months
    expect([visitsOf('B01'), visitsOf('B02'), visitsOf('B03')]).toEqual([9, 2, 0]);
    // the same figures as the month's ranking of the district
    const live = await t.http.get('/api/v1/rankings?period=month&date=2026-11-30').set(leader).expect(200);
    for (const row of live.body.rows as { bureau: { code: string }; rank: number; figures: { visits: number } }[]) {
      expect(visitsOf(row.bureau.code)).toBe(row.figures.visits);
      expect(ranking.rows.find((r) => r.bureauCode === row.bureau.code)!.weekRank).toBe(row.rank);
    }
    // the monthly report carries what the weekly one does not: the chain map's figures
    expect(before.body.content.tables.map((table: Table) => table.key)).toEqual(
      expect.arrayContaining(['ranking', 'scoring', 'funds', 'milestoneSlips', 'supervision', 'requests', 'chains']),
    );

    await record('B02', '2026-11-20', 40); // an edit after publication
    const after = await t.http.get('/api/v1/reports/monthly/2026-11').set(leader).expect(200);
    expect(after.body.sha256).toBe(before.body.sha256);
    expect(after.body.content).toEqual(before.body.content);
  });

  it('keeps a bureau reader to its own rows outside the public tables', async () => {
    const report = await t.http.get('/api/v1/reports/monthly/2026-11').set(staff).expect(200);
    expect(report.body.scope).toEqual({ bureau: 'B02', filtered: true });
    expect(tableOf(report.body, 'ranking').rows.length).toBeGreaterThan(1);
    const visits = tableOf(report.body, 'visits').rows;
    expect(visits.map((row) => row.bureauCode)).toEqual(['B02']);
  });

  it('regenerates a month as a new version at the head of the monthly chain, leaders only', async () => {
    await t.http.post('/api/v1/reports/monthly/2026-11/generate').set(staff).expect(403);
    const second = await t.http.post('/api/v1/reports/monthly/2026-11/generate').set(leader).expect(201);
    expect(second.body).toMatchObject({ kind: 'monthly', period: '2026-11', version: 2 });
    const chain = await rows('monthly');
    expect(second.body.prevSha256).toBe(chain[1].sha256);
    const latest = await t.http.get('/api/v1/reports/monthly/2026-11').set(leader).expect(200);
    const b02 = tableOf(latest.body, 'visits').rows.find((row) => row.bureauCode === 'B02')!;
    expect(b02.visits).toBe(42); // the regenerated version sees the later edit
    const first = await t.http.get('/api/v1/reports/monthly/2026-11?version=1').set(leader).expect(200);
    expect(tableOf(first.body, 'visits').rows.find((row) => row.bureauCode === 'B02')!.visits).toBe(2);
    const list = await t.http.get('/api/v1/reports/monthly').set(staff).expect(200);
    expect(list.body.items.map((item: { period: string; version: number }) => [item.period, item.version])).toEqual([
      ['2026-11', 2],
      ['2026-10', 1],
    ]);
  });

  it('answers bad months and quarters, unfinished periods and an out-of-order month clearly', async () => {
    for (const bad of ['2026-13', '2026-1', '202611', '2026-W48']) {
      const response = await t.http.get(`/api/v1/reports/monthly/${bad}`).set(staff).expect(400);
      expect(response.body.code).toBe('INVALID_PERIOD');
    }
    for (const bad of ['2026-Q5', '2026-Q0', '2026-11']) {
      await t.http.get(`/api/v1/reports/quarterly/${bad}`).set(staff).expect(400);
    }
    await t.http.get('/api/v1/reports/monthly/2026-09').set(staff).expect(404);
    const notOver = await t.http.post('/api/v1/reports/monthly/2026-12/generate').set(leader).expect(422);
    expect(notOver.body.code).toBe('PERIOD_NOT_OVER');
    const quarter = await t.http.post('/api/v1/reports/quarterly/2026-Q4/generate').set(leader).expect(422);
    expect(quarter.body.code).toBe('PERIOD_NOT_OVER');
    expect(quarter.body.message).toContain('季报于下一季度首日 08:00 生成');
    const older = await t.http.post('/api/v1/reports/monthly/2026-09/generate').set(leader).expect(422);
    expect(older.body.code).toBe('PERIOD_OUT_OF_ORDER');
    await t.http.get('/api/v1/reports/monthly/2026-11/export?format=pdf').set(staff).expect(400);
  });

  it('publishes a quarter in its own chain, with the quarter’s funds and ranking', async () => {
    expect(await quarterly.publishDue(new Date('2027-01-01T09:00:00+08:00'))).toEqual(['2026-Q4']);
    expect(await quarterly.publishDue(new Date('2027-01-01T09:00:00+08:00'))).toEqual([]);
    const report = await t.http.get('/api/v1/reports/quarterly/2026-Q4').set(leader).expect(200);
    expect(report.body.content).toMatchObject({ kind: 'quarterly', from: '2026-10-01', to: '2027-01-01' });
    const ranking = tableOf(report.body, 'ranking');
    expect(ranking.columns[2].header).toBe('本季度名次');
    const visits = tableOf(report.body, 'visits');
    // October, November (with the later edit) and December
    expect(visits.rows.find((row) => row.bureauCode === 'B01')!.visits).toBe(13);
    expect(visits.rows.find((row) => row.bureauCode === 'B03')!.visits).toBe(30);
    expect(tableOf(report.body, 'funds').columns.find((c) => c.key === 'monthAmount')!.header).toBe(
      '本季度到位（万元）',
    );
    // a catch-up of months does not touch the quarterly chain, nor the other way round
    expect((await rows('quarterly')).map((row) => row.prev_sha256)).toEqual([null]);
  });

  it('exports the month as CSV and XLSX named as a 月报, and as a 通报 written for a month', async () => {
    const csv = await t.http
      .get('/api/v1/reports/monthly/2026-11/export?format=csv&table=ranking&version=1')
      .set(leader)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const lines = (csv.body as Buffer).toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('海州区招商引资月报 2026-11（2026-11-01 至 2026-11-30）排名');
    expect(csv.headers['content-disposition']).toContain('filename="monthly-2026-11-v1-ranking.csv"');
    const xlsx = await t.http
      .get('/api/v1/reports/quarterly/2026-Q4/export?format=xlsx')
      .set(leader)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('filename="quarterly-2026-Q4-v1.xlsx"');

    const docx = await t.http
      .get('/api/v1/reports/monthly/2026-11/export?format=docx&version=1')
      .set(leader)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = await documentText(docx.body as Buffer);
    expect(text).toContain('关于2026年11月招商引资工作情况的通报');
    expect(text).toContain('现将本月全区招商引资工作情况通报如下');
    // November's visits (9 + 2) against October's newest report (4): the change from the month before
    expect(text).toContain('2026年11月1日至2026年11月30日，全区各招商局共开展走访接洽11次，较上月增加7次');
    const quarterDocx = await t.http
      .get('/api/v1/reports/quarterly/2026-Q4/export?format=docx')
      .set(leader)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(await documentText(quarterDocx.body as Buffer)).toContain('关于2026年第四季度招商引资工作情况的通报');
  });

  it('verifies each kind’s chain and refuses to export a month edited in SQL', async () => {
    const intact = await t.http.get('/api/v1/reports/verify').set(leader).expect(200);
    expect(intact.body.chains.map((chain: { kind: string; intact: boolean }) => [chain.kind, chain.intact])).toEqual([
      ['weekly', true],
      ['monthly', true],
      ['quarterly', true],
    ]);
    await t.get(DataSource).query(
      `UPDATE period_report SET content = jsonb_set(content, '{generatedAt}', '"2026-12-01T00:00:00.000Z"')
          WHERE kind = 'monthly' AND period = '2026-10'`,
    );
    const refused = await t.http.get('/api/v1/reports/monthly/2026-10/export?format=xlsx').set(leader).expect(409);
    expect(refused.body.code).toBe('REPORT_TAMPERED');
    const broken = await t.http.get('/api/v1/reports/verify').set(leader).expect(200);
    expect(broken.body.intact).toBe(false);
    const monthlyChain = broken.body.chains.find((chain: { kind: string }) => chain.kind === 'monthly');
    expect(monthlyChain.breaks).toEqual([expect.objectContaining({ period: '2026-10', problem: 'content_hash' })]);
    expect(broken.body.chains.find((chain: { kind: string }) => chain.kind === 'quarterly').intact).toBe(true);
  });

  it('records who regenerated a report in the audit log', async () => {
    const { user } = await signedIn(t, { role: Role.Admin });
    const summary = await quarterly.publish('2026-Q4', actorOf(user), new Date('2027-01-02T09:00:00+08:00'));
    expect(summary).toMatchObject({ period: '2026-Q4', version: 2, generatedBy: user.id });
    const [audit] = (await t
      .get(DataSource)
      .query(`SELECT action, entity_id FROM audit_entry WHERE action = 'quarterly_report.generate'`)) as {
      action: string;
      entity_id: string;
    }[];
    expect(audit).toEqual({ action: 'quarterly_report.generate', entity_id: '2026-Q4' });
  });
});
