import { addDays, daysBetween, loadConfig, QueueDriver } from '@app/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../apps/api/src/bootstrap';
import { login } from './factories/user.factory';
import { TEST_ADMIN_PASSWORD } from './support/test-app';

type Table = { key: string; rows: Record<string, string | number | boolean | null>[] };
type Report = { week: string; content: { from: string; to: string; tables: Table[] } };

/**
 * The first start of `npm start`: the embedded database on an empty folder, demo data on (DEMO_DATA auto),
 * schedules on, so that the report catch-up runs at start as it does for a user.
 */
describe('First start on an empty data folder', () => {
  let app: NestFastifyApplication;
  let http: TestAgent;
  let leader: { Authorization: string };

  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crm-first-start-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: join(dataDir, 'data'),
      DEMO_DATA: 'auto',
      SCHEDULES_ENABLED: 'true',
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    });
    app = await createApiApp(config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = request(app.getHttpServer());
    // the catch-up queued at start (once the demo data is in): let it run to its end, as its schedule row tells
    const driver = app.get(QueueDriver) as unknown as { running: Set<Promise<void>> };
    const catchUpEnded = async () => {
      const [row] = (await app
        .get(DataSource)
        .query(
          `SELECT last_finished_at IS NOT NULL OR last_failed_at IS NOT NULL AS ended FROM job_schedule WHERE name = $1`,
          ['WeeklyReportCatchUpJob'],
        )) as { ended: boolean }[];
      return row?.ended === true;
    };
    while (!(await catchUpEnded())) await Promise.race([Promise.allSettled([...driver.running]), pause(50)]);
    while (driver.running.size > 0) await Promise.allSettled([...driver.running]);
    leader = { Authorization: `Bearer ${await login(http, 'leader1', 'Haizhou@2026')}` };
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const reports = async (): Promise<Report[]> => {
    const list = await http.get('/api/v1/reports/weekly?pageSize=100').set(leader).expect(200);
    const weeks = (list.body.items as { week: string }[]).map((item) => item.week).reverse();
    const out: Report[] = [];
    for (const week of weeks) out.push((await http.get(`/api/v1/reports/weekly/${week}`).set(leader).expect(200)).body);
    return out;
  };

  it('publishes no report before the demo data is in: every report shows it', async () => {
    const all = await reports();
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const report of all) {
      const table = (key: string) => report.content.tables.find((t) => t.key === key)!;
      const ytdVisits = table('visits').rows.reduce((sum, row) => sum + Number(row.ytdVisits), 0);
      const ytdScores = table('ranking').rows.reduce((sum, row) => sum + Number(row.ytdScore), 0);
      expect({ week: report.week, ytdVisits: ytdVisits > 0, ytdScores: ytdScores > 0 }).toEqual({
        week: report.week,
        ytdVisits: true,
        ytdScores: true,
      });
    }
  });

  it('chains the reports in week order, and GET /reports/verify finds the chain intact', async () => {
    const verified = await http.get('/api/v1/reports/verify').set(leader).expect(200);
    expect(verified.body.intact).toBe(true);
    const all = await reports();
    expect(verified.body.chains[0]).toMatchObject({ reports: all.length, first: all[0].week, breaks: [] });
    for (let i = 1; i < all.length; i++) expect(all[i].content.from).toBe(addDays(all[i - 1].content.from, 7));
  });

  it('lists in each report the alerts of its own week’s end, not today’s', async () => {
    let idle = 0;
    for (const report of await reports()) {
      const lastDay = addDays(report.content.to, -1);
      for (const row of report.content.tables.find((t) => t.key === 'alerts')!.rows) {
        expect(String(row.since) <= lastDay).toBe(true);
        if (row.kind === '线索久未走访') {
          expect(row.overdue).toBe(daysBetween(String(row.since), lastDay));
          idle++;
        }
      }
    }
    expect(idle).toBeGreaterThan(0);
  });
});
