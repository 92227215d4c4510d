import { Role } from '@app/core';
import { Page } from 'playwright-core';
import { createInvestor, createLead, followUpDueSince } from '../factories/investor.factory';
import { advance, createProject } from '../factories/project.factory';
import { createUser, login, TEST_PASSWORD } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import {
  consoleErrors,
  ensureWebBuilt,
  launchBrowser,
  listen,
  screenshot,
  seriousViolations,
  TestBrowser,
  unlabelledFields,
} from './browser';
import { switchUser } from './pages';

type Auth = { Authorization: string };

describe('Workbench on a phone (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let staff: { id: string; username: string };
  let staffAuth: Auth;
  let myInvestor: { id: string; name: string };
  let theirInvestor: { id: string; name: string; uscc: string | null };
  const idempotencyKeys: string[] = [];
  let errors: string[];
  const card = (name: string) => page.locator(`[data-card=${name}]`);

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp();
    base = await listen(t);
    staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '王建国' });
    staffAuth = { Authorization: `Bearer ${await login(t.http, staff.username)}` };
    const other = await createUser(t, { role: Role.Staff, bureauCode: 'B02', displayName: '李海燕' });
    const otherAuth = { Authorization: `Bearer ${await login(t.http, other.username)}` };
    await createUser(t, { role: Role.Leader, displayName: '张明远' });

    myInvestor = await createInvestor(t, staffAuth, { name: '阜新华氟新材料有限公司' });
    await followUpDueSince(t, (await createLead(t, staffAuth, myInvestor.id)).id, '2026-11-20');
    const later = await createInvestor(t, staffAuth, { name: '阜新硅谷光伏科技有限公司' });
    await createLead(t, staffAuth, later.id, { nextFollowUpAt: '2027-01-15' });
    theirInvestor = await createInvestor(t, otherAuth, { name: '辽宁金山氟化工有限公司' });
    await createLead(t, otherAuth, theirInvestor.id);
    const project = await createProject(t, staffAuth, myInvestor.id, { name: '年产2万吨电子级氢氟酸项目' });
    await advance(t, staffAuth, project, { to: 'negotiating' });

    browser = await launchBrowser({ width: 360, height: 740 });
    page = browser.page;
    errors = consoleErrors(page);
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/visits')) {
        idempotencyKeys.push(request.headers()['idempotency-key'] ?? '');
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends staff to their page, with overdue follow-ups first', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(staff.username);
    await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
    await screenshot(page, 'login-360');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/workbench`);
    await page.waitForSelector('[data-lead]');
    const leads = await page.$$eval('[data-lead] strong', (list) => list.map((e) => e.textContent));
    expect(leads).toEqual(['阜新华氟新材料有限公司', '阜新硅谷光伏科技有限公司']);
    await page
      .locator('[data-lead]')
      .first()
      .getByText(/已逾期/)
      .waitFor();
    // on a phone the menu is a drawer
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('navigation', { name: '主菜单' }).getByText('驾驶舱').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: '主菜单' }).waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'workbench-360');
  });

  it('logs a visit in a few taps, once, and lists it', async () => {
    await page.locator('[data-lead]').first().getByRole('button', { name: '记走访' }).click();
    await page.getByText('✓ 阜新华氟新材料有限公司').waitFor();
    await card('visit-form').locator('label', { hasText: '请进来接待' }).click();
    expect(await card('visit-form').getByRole('radio', { name: '请进来接待' }).isChecked()).toBe(true);
    // GET /users is scoped to the caller's bureau, so staff may not be shown the district's leaders
    const leaders = await t.http.get('/api/v1/users').query({ role: 'leader' }).set(staffAuth).expect(200);
    const leaderShown = leaders.body.total > 0;
    if (leaderShown) await card('visit-form').locator('label', { hasText: '张明远' }).click();
    else await page.locator('.leaders-none').waitFor();
    await page.getByLabel('洽谈内容').fill('企业董事长来阜考察氟产业园，确认用地需求');
    await screenshot(page, 'workbench-visit-form-360');
    // a flaky mobile network: the server saves the first send but its answer never arrives
    let sends = 0;
    await page.route('**/api/v1/visits', async (route) => {
      if (route.request().method() !== 'POST' || sends++ > 0) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '保存走访' }).click();
    await page.getByText('走访已保存').waitFor();
    await card('visits').locator('.visit-item').getByText('企业董事长来阜考察氟产业园，确认用地需求').waitFor();

    await page.unroute('**/api/v1/visits');
    // the dropped answer is the one console error, and it is the test's own doing
    expect(errors).toEqual(['Failed to load resource: net::ERR_CONNECTION_RESET']);
    errors.length = 0;

    // the page sent again by itself, with the same key, and the server answered with the visit it had saved
    expect(sends).toBe(2);
    expect(idempotencyKeys).toHaveLength(2);
    expect(idempotencyKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(idempotencyKeys[1]).toBe(idempotencyKeys[0]);
    const visits = await t.http.get('/api/v1/visits').set(staffAuth).expect(200);
    expect(visits.body.total).toBe(1);
    expect(visits.body.items[0]).toMatchObject({ kind: 'inbound', leaderLed: leaderShown });
    expect(visits.body.items[0].leaders.map((l: { displayName: string }) => l.displayName)).toEqual(
      leaderShown ? ['张明远'] : [],
    );
  });

  it('warns before registering an investor another bureau follows', async () => {
    const leadCard = card('lead-form');
    await leadCard.locator('summary').click();
    await leadCard.locator('input[name=investorName]').fill('辽宁金山氟化工股份公司');
    await leadCard.locator('input[name=uscc]').fill(theirInvestor.uscc!);
    await leadCard.getByRole('button', { name: '登记新企业' }).click();
    const warning = leadCard.locator('.duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('B02');
    expect(await warning.textContent()).toContain('李海燕');

    // going ahead anyway is refused by the server, which names the bureau that has it
    await leadCard.getByRole('button', { name: '登记线索' }).click();
    const refusal = leadCard.locator('.notice-error', { hasText: '撞单' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/撞单.*B02/);
    await warning.scrollIntoViewIfNeeded();
    await screenshot(page, 'workbench-duplicate-360', false);
    const leads = await t.http.get('/api/v1/leads').query({ investorId: theirInvestor.id }).set(staffAuth).expect(200);
    expect(leads.body.total).toBe(0);
  });

  it('asks for a confirmation when a new company’s name is close to a registered one', async () => {
    const leadCard = card('lead-form');
    // a name that normalises equal is the same company (not confirmable); a close one asks
    await leadCard.locator('input[name=investorName]').fill('辽宁金山氟化工材料有限公司');
    await leadCard.locator('input[name=uscc]').fill('');
    await leadCard.getByRole('button', { name: '登记新企业' }).click();
    await leadCard.locator('.notice-error', { hasText: '疑似重复' }).waitFor();
    await leadCard.getByText('已核实，不是同一家企业').waitFor();
  });

  it('warns on a search hit that another bureau follows', async () => {
    const visitCard = card('visit-form');
    await visitCard.getByLabel('搜索企业名称或信用代码').fill('金山氟化工');
    await visitCard.locator('button.result', { hasText: '辽宁金山氟化工有限公司' }).click();
    await visitCard.locator('.duplicate-warning', { hasText: 'B02' }).waitFor();
  });

  it('asks for the company to be handed over, from the 撞单 warning', async () => {
    const visitCard = card('visit-form');
    await visitCard.locator('.duplicate-warning').getByRole('button', { name: '申请转交' }).click();
    const dialog = page.getByRole('dialog', { name: '申请转交' });
    await dialog.getByText(/辽宁金山氟化工有限公司/).waitFor();
    expect(await unlabelledFields(page)).toEqual([]);
    await dialog.getByLabel('申请理由').fill('企业拟在本局辖区内的氟产业园落地');
    await screenshot(page, 'workbench-transfer-360', false);
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('转交申请已提交，等待审批').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const transfers = await t.http.get('/api/v1/lead-transfers').set(staffAuth).expect(200);
    expect(transfers.body.items).toHaveLength(1);
    expect(transfers.body.items[0]).toMatchObject({
      status: 'pending',
      reason: '企业拟在本局辖区内的氟产业园落地',
      fromBureau: { code: 'B02' },
      toBureau: { code: 'B01' },
      investor: { id: theirInvestor.id },
    });
  });

  it('opens the dashboard from the menu drawer, which reads well on a phone', async () => {
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('navigation', { name: '主菜单' }).getByText('驾驶舱').click();
    await page.waitForURL(`${base}/dashboard`);
    await page.waitForSelector('.ranking-table .el-table__body tr.el-table__row');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-360');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('navigation', { name: '主菜单' }).getByText('我的工作台').click();
    await page.waitForURL(`${base}/workbench`);
    await page.waitForSelector('[data-lead]');
  });

  it('moves my project to its next stage through the gate form', async () => {
    const projectRow = page.locator('[data-project]', { hasText: '年产2万吨电子级氢氟酸项目' });
    await projectRow.getByRole('button', { name: '推进至签约' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name=amount]').fill('12500');
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'workbench-stage-360', false);
    await dialog.getByRole('button', { name: '确认推进至签约' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await projectRow.getByRole('button', { name: '推进至注册落地' }).waitFor();
    const projects = await t.http.get('/api/v1/projects').set(staffAuth).expect(200);
    expect(projects.body.items[0]).toMatchObject({
      stage: 'signed',
      signedAmount: '12500.00',
      agreementType: 'framework',
    });
  });

  it('keeps a visit logged offline, opens offline, and sends the visit once when the network returns', async () => {
    const summary = '离线记录：企业负责人在展会现场确认来阜考察时间';
    const keysBefore = idempotencyKeys.length;
    // the service worker keeps the application shell once it is in charge of the page
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.waitForSelector('[data-lead]');
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await browser.context.setOffline(true);
    await page.locator('[data-lead]').first().getByRole('button', { name: '记走访' }).click();
    await page.getByText('✓ 阜新华氟新材料有限公司').waitFor();
    await page.getByLabel('洽谈内容').fill(summary);
    await page.getByRole('button', { name: '保存走访' }).click();
    const pending = card('visits').locator('.pending-visit', { hasText: summary });
    await pending.getByText('待同步').waitFor();
    expect(idempotencyKeys).toHaveLength(keysBefore);

    // the page opens again without a network: the shell from the service worker, the visit from IndexedDB
    await page.reload();
    await card('visits').locator('.pending-visit', { hasText: summary }).getByText('待同步').waitFor();
    await page.locator('[data-lead]').first().waitFor();
    await page.getByText('当前没有网络').waitFor();
    await screenshot(page, 'workbench-offline-360');
    expect(errors.every((e) => /net::ERR_INTERNET_DISCONNECTED/.test(e))).toBe(true);
    errors.length = 0;

    // the network returns, but the answers to the first sends are lost after the server saved the visit
    let dropAnswers = true;
    let sends = 0;
    let thirdSendDropped: () => void = () => undefined;
    const threeSendsDropped = new Promise<void>((resolve) => (thirdSendDropped = resolve));
    await page.route('**/api/v1/visits', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      if (!dropAnswers) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
      if (++sends === 3) thirdSendDropped();
    });
    await browser.context.setOffline(false);
    // the send and its two retries, all with the visit's key, then the round gives up until the next chance
    await threeSendsDropped;
    await card('visits').locator('.syncing').waitFor({ state: 'detached' });
    await pending.getByText('待同步').waitFor();
    const onServer = await t.http.get('/api/v1/visits').set(staffAuth).expect(200);
    expect(onServer.body.items.filter((v: { summary: string }) => v.summary === summary)).toHaveLength(1);

    // once answers arrive again, the visit goes out with its own key and the server answers with the one it saved
    dropAnswers = false;
    await browser.context.setOffline(true);
    await browser.context.setOffline(false);
    await page.getByText('离线保存的 1 条走访已同步').waitFor();
    await pending.waitFor({ state: 'detached' });
    await card('visits').locator('.visit-item', { hasText: summary }).waitFor();
    await page.unroute('**/api/v1/visits');

    const keys = idempotencyKeys.slice(keysBefore);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    const saved = await t.http.get('/api/v1/visits').set(staffAuth).expect(200);
    expect(saved.body.items.filter((v: { summary: string }) => v.summary === summary)).toHaveLength(1);
    expect(errors.every((e) => /net::ERR_(CONNECTION_RESET|INTERNET_DISCONNECTED)/.test(e))).toBe(true);
    errors.length = 0;
  });

  it('logs a visit with the keyboard alone', async () => {
    const summary = '键盘记录：电话确认企业下周来阜考察';
    /** Presses Tab until the focused element is the one asked for (at most 80 presses). */
    const tabTo = async (describe: string, found: () => Promise<boolean>) => {
      for (let presses = 0; presses < 80; presses++) {
        if (await found()) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${describe}`);
    };
    await page.reload();
    await page.waitForSelector('[data-lead]');
    await tabTo('the first lead’s 记走访', () =>
      page.evaluate(
        () =>
          document.activeElement?.textContent?.trim() === '记走访' &&
          document.activeElement.closest('[data-lead]') === document.querySelector('[data-lead]'),
      ),
    );
    await page.keyboard.press('Enter');
    await page.getByText('✓ 阜新华氟新材料有限公司').waitFor();
    await tabTo('洽谈内容', () => page.evaluate(() => document.activeElement?.id === 'visit-summary'));
    await page.keyboard.type(summary);
    await tabTo('保存走访', () => page.evaluate(() => document.activeElement?.textContent?.trim() === '保存走访'));
    await page.keyboard.press('Enter');
    await page.getByText('走访已保存').waitFor();
    const saved = await t.http.get('/api/v1/visits').set(staffAuth).expect(200);
    expect(saved.body.items.filter((v: { summary: string }) => v.summary === summary)).toHaveLength(1);
  });

  it('signs out: the session ends on the server and the page forgets it', async () => {
    const refreshToken = await page.evaluate(() => sessionStorage.getItem('haizhou.refreshToken'));
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByText('已退出登录').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('haizhou.refreshToken'))).toBeNull();
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
    expect(errors).toEqual([]);
  });

  it('lets a bureau head register a lead on the workbench for one of the bureau’s officers', async () => {
    const head = await createUser(t, { role: Role.BureauHead, bureauCode: 'B01', displayName: '赵立新' });
    const company = await createInvestor(t, staffAuth, { name: '阜新恒泰新材料有限公司' });
    await switchUser(page, base, head.username, '/workbench');
    const leadCard = card('lead-form');
    // the workbench on a desk too: no serious accessibility problem, every field labelled
    await page.setViewportSize({ width: 1440, height: 900 });
    await leadCard.locator('#lead-officer').waitFor();
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    expect(await seriousViolations(page)).toEqual([]);
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'workbench-1440', false);
    await page.setViewportSize({ width: 360, height: 740 });
    await leadCard.getByLabel('先搜索企业，避免重复登记').fill('恒泰新材料');
    await leadCard.locator('button.result', { hasText: company.name }).click();
    await leadCard.locator('.el-select', { has: page.locator('#lead-officer') }).click();
    await page.getByRole('option', { name: /王建国/ }).click();
    await page.getByRole('option', { name: /王建国/ }).waitFor({ state: 'hidden' });
    expect(await unlabelledFields(page)).toEqual([]);
    await leadCard.getByRole('button', { name: '登记线索' }).click();
    await page.getByText('线索已登记').waitFor();
    const leads = await t.http.get('/api/v1/leads').query({ investorId: company.id }).set(staffAuth).expect(200);
    expect(leads.body.items).toHaveLength(1);
    expect(leads.body.items[0]).toMatchObject({ bureau: { code: 'B01' }, officer: { id: staff.id } });
    expect(errors).toEqual([]);
  });
});
