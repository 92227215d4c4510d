import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { login } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { consoleErrors, ensureWebBuilt, launchBrowser, listen, screenshot, SCREENSHOTS, TestBrowser } from './browser';

const RANKING_ROWS = '.ranking-table .el-table__body tr.el-table__row';

/**
 * The 驾驶舱 on the demo data set, as a leader opens it after signing in. The time from pressing 登录 to the
 * ranking shown is written to test/screenshots/dashboard-timing.json (the README reports it; no test asserts
 * a time).
 */
describe('Leaders’ dashboard on the demo data (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp({ DEMO_DATA: 'true' });
    base = await listen(t);
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows this week's ranking of the ten bureaus in the API's order, soon after signing in", async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('leader1');
    await page.getByLabel('密码', { exact: true }).fill('Haizhou@2026');
    // both moments on the page's own clock: when the button is pressed and when the ten rows are drawn
    await page.evaluate(() => {
      const w = window as unknown as { pressedAt?: number };
      document.addEventListener('click', () => (w.pressedAt ??= performance.now()), { capture: true });
    });
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/dashboard`);
    const shown = await page.waitForFunction(
      (selector) =>
        document.querySelectorAll(selector).length === 10 &&
        performance.now() - (window as unknown as { pressedAt: number }).pressedAt,
      RANKING_ROWS,
    );
    const shownAfterMs = Math.round(Number(await shown.jsonValue()));

    const token = await login(t.http, 'leader1', 'Haizhou@2026');
    const shownCodes = await page.$$eval(RANKING_ROWS, (rows) =>
      rows.map((row) => [...row.classList].find((c) => c.startsWith('bureau-'))?.slice('bureau-'.length)),
    );
    // the page opens on this week's ranking, in the API's order
    const ranking = await t.http
      .get('/api/v1/rankings')
      .query({ period: 'week' })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(shownCodes).toEqual((ranking.body.rows as { bureau: { code: string } }[]).map((row) => row.bureau.code));
    expect(errors).toEqual([]);

    await screenshot(page, 'dashboard-demo-1440');
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(
      join(SCREENSHOTS, 'dashboard-timing.json'),
      JSON.stringify({ shownAfterMs, measuredAt: new Date().toISOString() }, null, 2),
    );
  });
});
