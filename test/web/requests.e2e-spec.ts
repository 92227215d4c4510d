import { Role } from '@app/core';
import { Page } from 'playwright-core';
import { createInvestor } from '../factories/investor.factory';
import { registeredProject } from '../factories/project.factory';
import { createUser, login } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { consoleErrors, ensureWebBuilt, launchBrowser, listen, TestBrowser } from './browser';
import { checkPage, switchUser } from './pages';

describe('企业诉求 pages (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];
  let users: Record<'staff' | 'leader' | 'other', { username: string }>;
  let requestId: string;
  const content = '新建车间 10 千伏专线接电迟迟未完成';

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp();
    base = await listen(t);
    users = {
      staff: await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '王建国' }),
      leader: await createUser(t, { role: Role.Leader, displayName: '张明远' }),
      other: await createUser(t, { role: Role.Staff, bureauCode: 'B02', displayName: '李海燕' }),
    };
    const staff = { Authorization: `Bearer ${await login(t.http, users.staff.username)}` };
    const investor = await createInvestor(t, staff, { name: '阜新华氟新材料有限公司' });
    await registeredProject(t, staff, investor.id);
    const request = await t.http
      .post('/api/v1/service-requests')
      .set(staff)
      .send({ investorId: investor.id, kind: 'utilities', channel: 'hotline_12345', content, receivedOn: '2026-11-01' })
      .expect(201);
    requestId = request.body.id;
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the bureau its requests, overdue ones marked, and routes one from its detail page', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await checkPage(page, base, {
      path: '/service-requests',
      shows: '阜新华氟新材料有限公司',
      shot: 'service-requests',
    });
    await page.locator('.layout-main').getByText('已超期').first().waitFor();
    await checkPage(page, base, { path: `/service-requests/${requestId}`, shows: content, shot: 'service-request' });
    await page.getByRole('button', { name: '交办' }).click();
    await page.locator('.el-select', { has: page.locator('#rq-department') }).click();
    await page.getByRole('option', { name: '区住建局' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.el-timeline').getByText('→ 区住建局').waitFor();
    await page.getByRole('button', { name: '办结' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a leader the request without the handling buttons, and another bureau nothing', async () => {
    await switchUser(page, base, users.leader.username, '/dashboard');
    await checkPage(page, base, { path: `/service-requests/${requestId}`, shows: content });
    expect(await page.getByRole('button', { name: '办结' }).count()).toBe(0);
    await switchUser(page, base, users.other.username, '/workbench');
    await page.goto(`${base}/service-requests/${requestId}`);
    await page.getByText('诉求不存在或无权访问').waitFor();
    expect(errors).toEqual([]);
  });
});
