import { Role } from '@app/core';
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createUser, login, TEST_PASSWORD } from '../factories/user.factory';
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

const NEW_PASSWORD = 'Qinghe!Bridge58';

describe('Sign-in and 个人中心 (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp({ SESSION_CACHE_SECONDS: '0' });
    base = await listen(t);
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the API’s message for a wrong password', async () => {
    const staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01' });
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(staff.username);
    await page.getByLabel('密码', { exact: true }).fill('Wrong#Password1');
    await page.getByRole('button', { name: '登录' }).click();
    const refusal = await t.http.post('/api/v1/auth/login').send({ username: staff.username, password: 'x' });
    await page.getByRole('alert').getByText(refusal.body.message).waitFor();
    expect(page.url()).toBe(`${base}/login`);
  });

  it('makes a user whose password someone else chose pick their own before anything else', async () => {
    const staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '刘志强' });
    await t.get(DataSource).query(`UPDATE app_user SET must_change_password = true WHERE id = $1`, [staff.id]);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(staff.username);
    await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('当前密码由管理员设置，请先设置您自己的密码').waitFor();
    // no other page opens until then
    await page.goto(`${base}/workbench`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('当前密码由管理员设置，请先设置您自己的密码').waitFor();
    expect(await unlabelledFields(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login-password-change-1440');

    await page.getByLabel('原密码').fill(TEST_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('12345678');
    await page.getByLabel('再次输入新密码').fill('12345678');
    await page.getByRole('button', { name: '修改密码' }).click();
    // the API's rule, on the field it names
    const weak = await t.http
      .post('/api/v1/auth/password')
      .set({ Authorization: `Bearer ${await login(t.http, staff.username)}` })
      .send({ oldPassword: TEST_PASSWORD, newPassword: '12345678' })
      .expect(400);
    const fieldMessage = weak.body.details.find((d: { field: string }) => d.field === 'newPassword').problems[0];
    await page.locator('.el-form-item', { hasText: '新密码' }).getByText(fieldMessage).first().waitFor();

    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL(`${base}/workbench`);
    await login(t.http, staff.username, NEW_PASSWORD);
    await page.evaluate(() => sessionStorage.clear());
  });

  it('shows my profile, changes my password and signs me out everywhere', async () => {
    const staff = await createUser(t, { role: Role.BureauHead, bureauCode: 'B02', displayName: '赵丽华' });
    const elsewhere = await login(t.http, staff.username);
    await signInAs(page, base, staff.username, TEST_PASSWORD, '/workbench');
    await page.locator('.layout-header').getByRole('link', { name: '赵丽华' }).click();
    await page.waitForURL(`${base}/me`);
    const profile = page.locator('.el-descriptions');
    await profile.getByText(staff.username).waitFor();
    await profile.getByText('局负责人').waitFor();
    await profile.getByText('海州区第二招商局').waitFor();
    expect(await unlabelledFields(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'me-1440');

    await page.getByLabel('原密码').fill('Not#MyPassword9');
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.locator('.form-message').waitFor();
    await page.getByLabel('原密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码已修改').waitFor();
    // the other sessions end with the change; this one goes on
    await t.http
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${elsewhere}` })
      .expect(401);
    const another = await login(t.http, staff.username, NEW_PASSWORD);

    await page.getByRole('button', { name: '在所有设备上退出' }).click();
    await page.getByRole('button', { name: '全部退出' }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByText('已在所有设备上退出登录').waitFor();
    await t.http
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${another}` })
      .expect(401);
    expect(errors).toEqual([]);
  });

  it('shows a phone the same page without overflow', async () => {
    const phone = await launchBrowser({ width: 360, height: 740 });
    try {
      const staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01' });
      await signInAs(phone.page, base, staff.username, TEST_PASSWORD, '/workbench');
      await phone.page.goto(`${base}/me`);
      await phone.page.locator('.el-descriptions').getByText(staff.username).waitFor();
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await screenshot(phone.page, 'me-360');
      await phone.page.goto(`${base}/no-such-page`);
      await phone.page.getByText('页面不存在').waitFor();
      await screenshot(phone.page, 'not-found-360');
    } finally {
      await phone.close();
    }
  });
});
