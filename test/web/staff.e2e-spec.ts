import { Role } from '@app/core';
import { Page } from 'playwright-core';
import { createInvestor, createLead, followUpDueSince } from '../factories/investor.factory';
import { advance, createProject } from '../factories/project.factory';
import { createUser, login, TEST_PASSWORD } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { ensureWebBuilt, launchBrowser, listen, screenshot, TestBrowser } from './browser';

type Auth = { Authorization: string };

describe('Staff page on a phone (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let staff: { id: string; username: string };
  let staffAuth: Auth;
  let myInvestor: { id: string; name: string };
  let theirInvestor: { id: string; name: string; uscc: string | null };
  const idempotencyKeys: string[] = [];

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
    await page.fill('input[name=username]', staff.username);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/staff`);
    await page.waitForSelector('[data-lead]');
    const leads = await page.$$eval('[data-lead] strong', (list) => list.map((e) => e.textContent));
    expect(leads).toEqual(['阜新华氟新材料有限公司', '阜新硅谷光伏科技有限公司']);
    await page
      .locator('[data-lead]')
      .first()
      .getByText(/已逾期/)
      .waitFor();
    await page.getByRole('link', { name: '驾驶舱' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'staff-360');
  });

  it('logs a visit in a few taps, once, and lists it', async () => {
    await page.locator('[data-lead]').first().getByRole('button', { name: '记走访' }).click();
    await page.getByText('✓ 阜新华氟新材料有限公司').waitFor();
    await page.click('button[data-kind=inbound]');
    // GET /users is scoped to the caller's bureau, so staff may not be shown the district's leaders
    const leaders = await t.http.get('/api/v1/users').query({ role: 'leader' }).set(staffAuth).expect(200);
    const leaderShown = leaders.body.total > 0;
    if (leaderShown) await page.getByRole('button', { name: '张明远' }).click();
    else await page.locator('.leaders-none').waitFor();
    await page.fill('textarea[name=summary]', '企业董事长来阜考察氟产业园，确认用地需求');
    await screenshot(page, 'staff-visit-form-360');
    // a flaky mobile network: the server saves the first send but its answer never arrives
    let sends = 0;
    await page.route('**/api/v1/visits', async (route) => {
      if (route.request().method() !== 'POST' || sends++ > 0) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '保存走访' }).click();
    await page.getByText('走访已保存').waitFor();
    await page.locator('.visit-item').getByText('企业董事长来阜考察氟产业园，确认用地需求').waitFor();

    await page.unroute('**/api/v1/visits');

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
    const leadCard = page.locator('section.card', { hasText: '登记线索' });
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
    const refusal = leadCard.locator('p.notice-error', { hasText: '撞单' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/撞单.*B02/);
    await warning.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-duplicate-360', false);
    const leads = await t.http.get('/api/v1/leads').query({ investorId: theirInvestor.id }).set(staffAuth).expect(200);
    expect(leads.body.total).toBe(0);
  });

  it('asks for a confirmation when a new company’s name is close to a registered one', async () => {
    const leadCard = page.locator('section.card', { hasText: '登记线索' });
    // a name that normalises equal is the same company (not confirmable); a close one asks
    await leadCard.locator('input[name=investorName]').fill('辽宁金山氟化工材料有限公司');
    await leadCard.locator('input[name=uscc]').fill('');
    await leadCard.getByRole('button', { name: '登记新企业' }).click();
    await leadCard.locator('p.notice-error', { hasText: '疑似重复' }).waitFor();
    await leadCard.getByText('已核实，不是同一家企业').waitFor();
  });

  it('warns on a search hit that another bureau follows', async () => {
    const visitCard = page.locator('section.card', { hasText: '记录走访' });
    await visitCard.locator('input[type=search]').fill('金山氟化工');
    await visitCard.locator('button.result', { hasText: '辽宁金山氟化工有限公司' }).click();
    await visitCard.locator('.duplicate-warning', { hasText: 'B02' }).waitFor();
  });

  it('links to the dashboard, which reads well on a phone', async () => {
    await page.getByRole('link', { name: '驾驶舱' }).click();
    await page.waitForURL(`${base}/`);
    await page.waitForSelector('table.ranking-table tbody tr');
    await page.getByRole('link', { name: '我的工作台' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.waitForTimeout(600);
    await screenshot(page, 'dashboard-360');
    await page.getByRole('link', { name: '我的工作台' }).click();
    await page.waitForSelector('[data-lead]');
  });

  it('moves my project to its next stage through the gate form', async () => {
    const projectRow = page.locator('[data-project]', { hasText: '年产2万吨电子级氢氟酸项目' });
    await projectRow.getByRole('button', { name: '推进至签约' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('input[name=amount]').fill('12500');
    await screenshot(page, 'staff-stage-360', false);
    await dialog.getByRole('button', { name: '确认推进至签约' }).click();
    await dialog.waitFor({ state: 'detached' });
    await projectRow.getByRole('button', { name: '推进至注册落地' }).waitFor();
    const projects = await t.http.get('/api/v1/projects').set(staffAuth).expect(200);
    expect(projects.body.items[0]).toMatchObject({
      stage: 'signed',
      signedAmount: '12500.00',
      agreementType: 'framework',
    });
  });

  it('signs out: the session ends on the server and the page forgets it', async () => {
    const refreshToken = await page.evaluate(() => sessionStorage.getItem('haizhou.refreshToken'));
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByText('已退出登录').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('haizhou.refreshToken'))).toBeNull();
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
  });
});
