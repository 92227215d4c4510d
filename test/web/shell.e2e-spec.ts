import { Role } from '@app/core';
import { Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../factories/user.factory';
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
} from './browser';

describe('Application shell (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp();
    base = await listen(t);
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a page opened without a session to sign-in, and back to it afterwards', async () => {
    const staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '王建国' });
    await page.goto(`${base}/me`);
    await page.waitForURL(`${base}/login?redirect=/me`);
    await page.getByLabel('用户名').fill(staff.username);
    await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/me`);
    await page.getByText(staff.username).waitFor();
    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByText('已退出登录').waitFor();
  });

  it('shows staff only their menu, and says so on a page their role may not open', async () => {
    const staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '王建国' });
    await signInAs(page, base, staff.username, TEST_PASSWORD, '/workbench');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    await menu.getByText('我的工作台').waitFor();
    const entries = await menu.locator('.el-menu-item').allTextContents();
    expect(entries.map((e) => e.trim())).toEqual(
      expect.arrayContaining(['驾驶舱', '企业库', '线索', '走访', '项目', '台账导入', '红黄灯', '报告']),
    );
    for (const hidden of ['用户管理', '年度目标', '排名权重', '审计日志', '转交审批', '大屏']) {
      expect(entries.map((e) => e.trim())).not.toContain(hidden);
    }
    await page.locator('.layout-header').getByText('王建国').waitFor();
    await page
      .locator('.layout-header')
      .getByText(/局 · 招商专员/)
      .waitFor();

    await page.goto(`${base}/admin/users`);
    await page.getByText('无权访问此页面').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'forbidden-1440');
    await page.goto(`${base}/dashboard/screen`);
    await page.getByText('无权访问此页面').waitFor();
    await page.goto(`${base}/no-such-page`);
    await page.getByText('页面不存在').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'not-found-1440');
    expect(errors).toEqual([]);
  });

  it('gives an admin every page of the menu, each of which opens', async () => {
    await page.evaluate(() => sessionStorage.clear());
    const admin = await createUser(t, { role: Role.Admin });
    await signInAs(page, base, admin.username, TEST_PASSWORD, '/dashboard');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    const entries = (await menu.locator('.el-menu-item').allTextContents()).map((e) => e.trim());
    expect(entries).toEqual(expect.arrayContaining(['用户管理', '年度目标', '排名权重', '审计日志']));
    expect(entries).not.toContain('我的工作台');
    for (const path of [
      '/investors',
      '/leads',
      '/visits',
      '/projects',
      '/alerts',
      '/reports',
      '/audit',
      '/admin/users',
    ]) {
      await page.goto(`${base}${path}`);
      await page.locator('.layout-main h1, .layout-main .el-result').first().waitFor();
      expect(await page.getByText('无权访问此页面').count()).toBe(0);
    }
    expect(errors).toEqual([]);
  });
});
