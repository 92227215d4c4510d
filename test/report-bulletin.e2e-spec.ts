import { BureauStatsRecorder, Role, TransactionRunner } from '@app/core';
import { BureauRepository } from '@app/identity';
import { AgreementType } from '@app/pipeline';
import { WeeklyReportService } from '@app/reports';
import JSZip from 'jszip';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Response } from 'supertest';
import { createInvestor } from './factories/investor.factory';
import { advance, createProject, gates } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Row = Record<string, string | number | boolean | null>;
type Report = { content: { tables: { key: string; rows: Row[] }[] } };

/** Supertest collects a binary body into a Buffer with this parser. */
function binary(res: Response, done: (error: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The text of a .docx part, its runs joined (Word splits text across runs freely). */
const textOf = (xml: string) =>
  xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));

describe('The 通报 (.docx) of a weekly report', () => {
  let t: TestApp;
  let leader: Auth;
  let staffB02: Auth;
  let projectName: string;
  const WEEK = '2026-W48';

  const record = async (code: string, day: string, visits: number) => {
    const bureau = await t.get(BureauRepository).findByCode(code);
    await t
      .get(TransactionRunner)
      .run((tx) => t.get(BureauStatsRecorder).record(tx, bureau!.id, day, { visits, leaderVisits: 1 }));
  };
  const docx = async (auth: Auth, week = WEEK) =>
    t.http.get(`/api/v1/reports/weekly/${week}/export?format=docx`).set(auth).buffer(true).parse(binary);
  const documentOf = async (body: Buffer) => {
    const zip = await JSZip.loadAsync(body);
    const part = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve('');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/footer\d+\.xml$/.test(name))
        .map((name) => part(name)),
    );
    return { xml: await part('word/document.xml'), footers };
  };
  const tableOf = (report: Report, key: string) => report.content.tables.find((table) => table.key === key)!;
  const sum = (rows: Row[], column: string) => rows.reduce((total, row) => total + Number(row[column] ?? 0), 0);

  beforeAll(async () => {
    t = await createTestApp();
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    const staffB01 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staffB02 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    const investor = await createInvestor(t, staffB01);
    const project = await createProject(t, staffB01, investor.id);
    projectName = project.name as string;
    await advance(t, staffB01, project, {
      to: 'signed',
      deal: gates.deal({ signedDate: '2026-11-25', amount: '5000', agreementType: AgreementType.Formal }),
    });
    // B02 far behind its yearly target, B01 well ahead of its own: the ranking's 时序进度 column differs
    const target = (bureauCode: string, visits: number) => ({
      bureauCode,
      visits,
      newLeads: 0,
      signedCount: 0,
      signedAmount: '0',
      startedCount: 0,
      fundsInPlace: '0',
    });
    const admin = (await signedIn(t, { role: Role.Admin })).auth;
    await t.http
      .put('/api/v1/targets?year=2026')
      .set(admin)
      .send({ items: [target('B01', 10), target('B02', 3650)] })
      .expect(200);
    await record('B01', '2026-11-18', 4);
    await record('B01', '2026-11-24', 7);
    await record('B02', '2026-11-27', 3);
    await t.get(WeeklyReportService).publishDue(new Date('2026-11-30T08:30:00+08:00'));
  });
  afterAll(async () => {
    await t.close();
  });

  it("writes the narrative from the report's own figures, compared with the week before", async () => {
    const response = await docx(leader);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml.document');
    expect(response.headers['content-disposition']).toContain('.docx');
    const [report, previous] = await Promise.all(
      [WEEK, '2026-W47'].map(
        async (week) => (await t.http.get(`/api/v1/reports/weekly/${week}`).set(leader).expect(200)).body as Report,
      ),
    );
    expect(response.headers['x-report-sha256']).toBeDefined();
    const text = textOf((await documentOf(response.body as Buffer)).xml);

    const visits = sum(tableOf(report, 'visits').rows, 'visits');
    const visitsBefore = sum(tableOf(previous, 'visits').rows, 'visits');
    expect([visits, visitsBefore]).toEqual([10, 4]);
    expect(text).toContain('关于2026年第48周招商引资工作情况的通报');
    expect(text).toContain('2026年11月23日至2026年11月29日');
    expect(text).toContain(`共开展走访接洽${visits}次，较上周增加${visits - visitsBefore}次`);
    const signings = tableOf(report, 'signings').rows;
    expect(signings).toHaveLength(1);
    expect(text).toContain(`新签约项目${signings.length}个，较上周增加1个，签约额${sum(signings, 'signedAmount')}万元`);
    expect(text).toContain(projectName);
    // the top bureau named first is the ranking table's first, with its score
    const ranking = [...tableOf(report, 'ranking').rows].sort((a, b) => Number(a.weekRank) - Number(b.weekRank));
    expect(text).toContain(`前3名的是：${String(ranking[0].bureauName)}（${String(ranking[0].weekScore)}分）`);
    const behind = tableOf(report, 'ranking').rows.filter((row) => row.behind === true);
    expect(behind.map((row) => row.bureauCode)).toContain('B02');
    expect(behind.map((row) => row.bureauCode)).not.toContain('B01');
    expect(text).toContain(
      `落后于时序进度的有${behind.length}个招商局：${behind.map((row) => String(row.bureauName)).join('、')}。`,
    );
    // the issuing office and the date, then the ranking attached: every bureau in it
    expect(text).toContain('海州区招商引资工作领导小组办公室');
    expect(text).toContain('各招商局排名情况表');
    for (const row of ranking) expect(text).toContain(String(row.bureauName));
  });

  it('is laid out as an official document: A4, its margins, 仿宋 body, 小标宋 title, page numbers', async () => {
    const { xml, footers } = await documentOf((await docx(leader)).body as Buffer);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098"[^>]* w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    // odd pages' numbers on the right, even pages' on the left: `— PAGE —`
    expect(footers.length).toBe(2);
    for (const footer of footers) {
      expect(footer).toMatch(/PAGE/);
      expect(textOf(footer)).toMatch(/— .*—/);
    }
    expect(footers.map((footer) => /w:jc w:val="(right|end)"/.test(footer)).sort()).toEqual([false, true]);
  });

  it("gives a bureau's reader the narrative of what they may see, and refuses an unknown format", async () => {
    const response = await docx(staffB02);
    expect(response.status).toBe(200);
    expect(response.headers['x-report-scope']).toBe('B02');
    const text = textOf((await documentOf(response.body as Buffer)).xml);
    expect(text).not.toContain(projectName);
    expect(text).toContain('本周无新签约项目');
    expect(text).toContain('共开展走访接洽3次');
    const refused = await t.http.get(`/api/v1/reports/weekly/${WEEK}/export?format=pdf`).set(leader).expect(400);
    expect(JSON.stringify(refused.body)).toContain('导出格式须为 xlsx、csv 或 docx');
  });

  (SOFFICE ? it : it.skip)(
    'opens in LibreOffice (converted to PDF headless)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'crm-bulletin-'));
      try {
        writeFileSync(join(dir, 'bulletin.docx'), (await docx(leader)).body as Buffer);
        await promisify(execFile)(
          SOFFICE as string,
          ['--headless', '--convert-to', 'pdf', '--outdir', dir, 'bulletin.docx'],
          {
            cwd: dir,
            timeout: 120_000,
          },
        );
        expect(readdirSync(dir)).toContain('bulletin.pdf');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
