import { Role } from '@app/core';
import { WeeklyReportService } from '@app/reports';
import ExcelJS from 'exceljs';
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createInvestor, createLead, visitBody } from '../factories/investor.factory';
import { advance, createProject, gates } from '../factories/project.factory';
import { createUser, signedIn, TEST_PASSWORD } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import {
  consoleErrors,
  ensureWebBuilt,
  launchBrowser,
  listen,
  screenshot,
  seriousViolations,
  signInAs,
  TestBrowser,
  unlabelledFields,
} from './browser';

interface RankingBody {
  rows: { bureau: { code: string }; rank: number; score: number }[];
}

/** The dashboard is pointed at a fixed day (a Thursday of week 2026-W48), so the data below rank the same on any run. */
const DAY = '2026-11-26';
const RANKING_ROWS = '.ranking-table .el-table__body tr.el-table__row';

describe('Leaders’ dashboard (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let leader: { username: string };
  let leaderAuth: { Authorization: string };
  let errors: string[];

  /** A bureau's officer with one lead, logging visits on the given days and optionally signing a project. */
  const bureauActivity = async (
    bureauCode: string,
    visitDays: string[],
    signing?: { date: string; amount: string },
  ) => {
    const { auth } = await signedIn(t, { role: Role.Staff, bureauCode });
    const investor = await createInvestor(t, auth);
    const lead = await createLead(t, auth, investor.id);
    for (const date of visitDays) {
      await t.http
        .post('/api/v1/visits')
        .set(auth)
        .send(visitBody(lead.id, { date, nextFollowUpAt: '2026-12-10' }))
        .expect(201);
    }
    if (signing) {
      const project = await createProject(t, auth, investor.id);
      await advance(t, auth, project, {
        to: 'signed',
        deal: gates.deal({ signedDate: signing.date, amount: signing.amount }),
      });
    }
  };

  const apiRanking = async (period: string): Promise<RankingBody> =>
    (await t.http.get('/api/v1/rankings').query({ period, date: DAY }).set(leaderAuth).expect(200)).body as RankingBody;

  /** The ranking as the page shows it: bureau codes in row order with their scores. */
  const shownRanking = (p: Page) =>
    p.$$eval(RANKING_ROWS, (rows) =>
      rows.map((row) => ({
        code: [...row.classList].find((c) => c.startsWith('bureau-'))?.slice('bureau-'.length) ?? null,
        rank: Number(row.querySelector('.rank')?.textContent),
        score: Number(row.querySelector('.score')?.textContent),
      })),
    );
  const firstShownBureau = (p: Page) =>
    p.$eval(RANKING_ROWS, (row) => [...row.classList].find((c) => c.startsWith('bureau-')));

  beforeAll(async () => {
    await ensureWebBuilt();
    // one test ends the session in the database directly, so the app reads it on every request
    t = await createTestApp({ SESSION_CACHE_SECONDS: '0' });
    base = await listen(t);
    const admin = (await signedIn(t, { role: Role.Admin })).auth;
    const targets = ['B01', 'B02', 'B03'].map((bureauCode, i) => ({
      bureauCode,
      visits: 200,
      newLeads: 40,
      signedCount: 10,
      signedAmount: String(50000 * (i + 1)),
      startedCount: 5,
      fundsInPlace: '20000',
    }));
    await t.http.put('/api/v1/targets?year=2026').set(admin).send({ items: targets }).expect(200);
    // this week and earlier in the month, so the week and month rankings differ
    await bureauActivity('B01', ['2026-11-24', '2026-11-24', '2026-11-25'], { date: '2026-11-25', amount: '3000.00' });
    await bureauActivity('B02', ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-25']);
    await bureauActivity('B03', ['2026-11-03', '2026-11-04', '2026-11-04', '2026-11-05', '2026-11-05', '2026-11-06'], {
      date: '2026-11-04',
      amount: '40000.00',
    });
    await t.get(WeeklyReportService).publishDue(new Date('2026-11-30T08:30:00+08:00'));

    leader = await createUser(t, { role: Role.Leader, displayName: '张明远' });
    leaderAuth = (await signedIn(t, { role: Role.Leader })).auth;
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('keeps /api, /docs and /health answering for themselves', async () => {
    const unknown = await t.http.get('/api/v1/no-such-route').set(leaderAuth).expect(404);
    expect(unknown.body.statusCode).toBe(404);
    await t.http.get('/health').expect(200);
    const docs = await t.http.get('/docs/openapi.json').expect(200);
    expect(docs.body.info.title).toBe('海州招商 CRM API');
    const html = await t.http.get('/workbench').expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    const sw = await t.http.get('/sw.js').expect(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.text).toMatch(/\/assets\/index-[\w-]+\.js/);
  });

  it('sends a leader to the dashboard after signing in', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/login`);
    await page.getByLabel('用户名').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'login-1440');
    await page.getByLabel('用户名').fill(leader.username);
    await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/dashboard`);
    await page.waitForSelector(RANKING_ROWS);
    expect(await page.evaluate(() => sessionStorage.getItem('haizhou.refreshToken'))).toBeTruthy();
    expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe('{}');
  });

  it('stays signed in across a reload, on a rotated refresh token', async () => {
    const before = await page.evaluate(() => sessionStorage.getItem('haizhou.refreshToken'));
    await page.reload();
    await page.waitForSelector(RANKING_ROWS);
    expect(page.url()).toBe(`${base}/dashboard`);
    const after = await page.evaluate(() => sessionStorage.getItem('haizhou.refreshToken'));
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('shows the ranking the API gives, for each period', async () => {
    const week = page.waitForResponse((r) => r.url().includes(`period=week&date=${DAY}`));
    const dateInput = page.getByLabel('统计日期');
    await dateInput.fill(DAY);
    await dateInput.press('Enter');
    await week;
    await page.waitForFunction(() => !document.querySelector('.loading-dim'));
    expect(await shownRanking(page)).toEqual(
      (await apiRanking('week')).rows.map((r) => ({
        code: r.bureau.code,
        rank: r.rank,
        score: Number(r.score.toFixed(1)),
      })),
    );

    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/rankings?period=month'));
    await page.getByRole('radio', { name: '本月' }).click({ force: true });
    await answered;
    expect(await page.getByRole('radio', { name: '本月' }).isChecked()).toBe(true);
    const month = await apiRanking('month');
    await page.waitForFunction(
      ({ rows, first }) => [...(document.querySelector(rows)?.classList ?? [])].includes(`bureau-${first}`),
      { rows: RANKING_ROWS, first: month.rows[0].bureau.code },
    );
    expect(await firstShownBureau(page)).toBe(`bureau-${month.rows[0].bureau.code}`);
    expect(await shownRanking(page)).toEqual(
      month.rows.map((r) => ({ code: r.bureau.code, rank: r.rank, score: Number(r.score.toFixed(1)) })),
    );
    expect(month.rows.map((r) => r.bureau.code)).not.toEqual((await apiRanking('week')).rows.map((r) => r.bureau.code));
    // charts drew on canvases of a real size
    const canvases = await page.$$eval('.chart canvas', (list) => list.map((c) => (c as HTMLCanvasElement).width));
    expect(canvases.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...canvases)).toBeGreaterThan(100);
    // 企业诉求 beside the ranking, for the same period and day as the API counts them
    const requests = await t.http
      .get(`/api/v1/service-requests/figures?period=month&date=${DAY}`)
      .set(leaderAuth)
      .expect(200);
    await page.waitForFunction(
      (received) => document.querySelector('[data-request-district]')?.textContent?.includes(`全区受理 ${received} 件`),
      requests.body.district.received as number,
    );
    expect(await page.locator('.request-figures .el-table__body tr').count()).toBe(requests.body.bureaus.length);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'dashboard-1440');
  });

  it('opens the records behind a figure, or says the detail is not open yet', async () => {
    const route = await t.http
      .get('/api/v1/rankings/drilldown')
      .query({ bureau: 'B03', metric: 'visits', period: 'month', date: DAY })
      .set(leaderAuth);
    await page.click(`${RANKING_ROWS}.bureau-B03 button[data-metric=visits]`);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (route.status === 404) {
      await dialog.getByText('明细接口暂未开放').waitFor();
    } else {
      expect(route.status).toBe(200);
      expect(route.body.total).toBe(6);
      await dialog.getByText(/共\s*6\s*条/).waitFor();
      expect(await dialog.locator('tbody tr').count()).toBe(6);
      // each record links to its page
      const links = await dialog.locator('tbody tr a').evaluateAll((list) => list.map((a) => a.getAttribute('href')));
      expect(links).toHaveLength(6);
      for (const link of links) expect(link).toMatch(/^\/visits\?id=[0-9a-f-]{36}$/);
    }
    await screenshot(page, 'dashboard-drilldown-1440', false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('lands each kind of drill-down link on the record it counts: a visit, a lead, a project', async () => {
    /** Opens a figure's records, follows the first one's link and answers where it went. */
    const follow = async (bureau: string, metric: string): Promise<string> => {
      await page.click(`${RANKING_ROWS}.bureau-${bureau} button[data-metric=${metric}]`);
      const first = page.getByRole('dialog').locator('tbody tr a').first();
      await first.waitFor();
      const href = (await first.getAttribute('href')) as string;
      await first.click();
      await page.waitForURL(`${base}${href}`);
      return href;
    };
    const main = page.locator('.layout-main');
    const rows = main.locator('.el-table__body tr.el-table__row');

    // the ranking of the year to date counts every record made above
    const openYear = async () => {
      await page.goto(`${base}/dashboard`);
      await page.locator(RANKING_ROWS).first().waitFor();
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/rankings?period=ytd'));
      await page.getByRole('radio', { name: '年度累计' }).click({ force: true });
      await answered;
      await page.waitForFunction(() => !document.querySelector('.loading-dim'));
    };

    await openYear();
    const visit = await follow('B03', 'visits');
    expect(visit).toMatch(/^\/visits\?id=[0-9a-f-]{36}$/);
    const visitId = visit.slice('/visits?id='.length);
    const shown = await t.http.get(`/api/v1/visits/${visitId}`).set(leaderAuth).expect(200);
    await main.getByText('只显示驾驶舱明细中的这一条走访').waitFor();
    await main.getByText(shown.body.investor.name).first().waitFor();
    expect(await rows.count()).toBe(1);
    await screenshot(page, 'visits-drilldown-1440', false);
    await main.getByRole('button', { name: '显示全部走访' }).click();
    await page.waitForURL(`${base}/visits`);
    await page.waitForFunction(
      (selector) => document.querySelectorAll(selector).length > 1,
      '.layout-main .el-table__body tr.el-table__row',
    );

    await openYear();
    const lead = await follow('B01', 'newLeads');
    expect(lead).toMatch(/^\/leads\/[0-9a-f-]{36}$/);
    const leadBody = await t.http.get(`/api/v1${lead}`).set(leaderAuth).expect(200);
    await main.getByText(leadBody.body.investor.name).first().waitFor();

    await openYear();
    const project = await follow('B01', 'signedAmount');
    expect(project).toMatch(/^\/projects\/[0-9a-f-]{36}$/);
    const projectBody = await t.http.get(`/api/v1${project}`).set(leaderAuth).expect(200);
    await main.getByText(projectBody.body.name).first().waitFor();
    expect(await page.getByText('无权访问此页面').count()).toBe(0);
    expect(errors).toEqual([]);
    // back where the next tests start
    await page.goto(`${base}/dashboard`);
    await page.locator(RANKING_ROWS).first().waitFor();
  });

  it('downloads the latest weekly report as a workbook', async () => {
    const downloaded = page.waitForEvent('download');
    await page.click('text=下载最新周报');
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/2026-W48.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    const text = workbook.worksheets.map((sheet) => sheet.name).join(' ');
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows leaders the meeting-room screen at 1920×1080, which refreshes by itself', async () => {
    const room = await launchBrowser({ width: 1920, height: 1080 });
    try {
      const screenErrors = consoleErrors(room.page);
      await signInAs(room.page, base, leader.username, TEST_PASSWORD, '/dashboard');
      await room.page.getByRole('link', { name: '大屏模式' }).waitFor();
      await room.page.goto(`${base}/dashboard/screen?refresh=10`);
      await room.page.locator('.rank-row').first().waitFor();
      const today = (await t.http.get('/api/v1/rankings').query({ period: 'week' }).set(leaderAuth).expect(200))
        .body as RankingBody;
      expect(await room.page.$$eval('.rank-row', (rows) => rows.map((r) => r.getAttribute('data-bureau')))).toEqual(
        today.rows.map((r) => r.bureau.code),
      );
      expect(await room.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
      // the charts come with a component of their own, after the figures
      await room.page.waitForFunction(() => document.querySelectorAll('.chart canvas').length >= 3);
      expect(await seriousViolations(room.page)).toEqual([]);
      await screenshot(room.page, 'dashboard-screen-1920', false);
      // the next round, without a click: the time of the last update changes
      const before = await room.page.locator('[data-updated]').textContent();
      await room.page.waitForFunction(
        (shown) => document.querySelector('[data-updated]')?.textContent !== shown,
        before,
      );
      expect(screenErrors).toEqual([]);
    } finally {
      await room.close();
    }
  });

  it('returns to sign-in with the idle message when the server ends an idle session', async () => {
    await t
      .get(DataSource)
      .query(`UPDATE auth_session SET last_seen_at = now() - interval '31 minutes' WHERE revoked_at IS NULL`);
    // the access token may still be fresh in memory: the next call is what the server refuses
    await page.getByRole('radio', { name: '本季度' }).click({ force: true });
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('长时间未操作，请重新登录').waitFor();
    await screenshot(page, 'login-idle-1440', false);
    expect(await page.evaluate(() => sessionStorage.getItem('haizhou.refreshToken'))).toBeNull();
    expect(errors).toEqual([]);
  });
});
