import { addDays, districtToday, Role } from '@app/core';
import { Page } from 'playwright-core';
import { createInvestor } from '../factories/investor.factory';
import { registeredProject } from '../factories/project.factory';
import { createUser, login } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { consoleErrors, ensureWebBuilt, launchBrowser, listen, screenshot, TestBrowser } from './browser';
import { checkDialog, checkPage, expectRefused, switchUser } from './pages';

describe('企业诉求 pages (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];
  let users: Record<'staff' | 'leader' | 'other' | 'admin', { username: string }>;
  let staffAuth: { Authorization: string };
  let landed: { id: string; projectId: string };
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
      admin: await createUser(t, { role: Role.Admin, displayName: '系统管理员' }),
    };
    const staff = { Authorization: `Bearer ${await login(t.http, users.staff.username)}` };
    staffAuth = staff;
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

  it('lets an admin add a handling department, rename it and stop routing to it', async () => {
    await switchUser(page, base, users.admin.username, '/dashboard');
    await page.getByRole('navigation', { name: '主菜单' }).getByText('办理部门').waitFor();
    await checkPage(page, base, { path: '/admin/departments', shows: '区住建局', shot: 'admin-departments' });
    await checkDialog(page, '新增办理部门', () => page.getByRole('button', { name: '新增部门' }).click());

    await page.getByRole('button', { name: '新增部门' }).click();
    const dialog = page.getByRole('dialog', { name: '新增办理部门' });
    await dialog.getByLabel('部门名称').fill('区住建局');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.locator('.el-form-item__error', { hasText: '已有名为「区住建局」的办理部门' }).waitFor();
    await dialog.getByLabel('部门名称').fill('区应急管理局');
    await dialog.getByRole('button', { name: '保存' }).click();
    const row = page.locator('.el-table__row', { hasText: '区应急管理局' });
    await row.waitFor();

    await row.getByRole('button', { name: '修改' }).click();
    const edit = page.getByRole('dialog', { name: '修改“区应急管理局”' });
    await edit.getByLabel('部门名称').fill('区应急局');
    await edit.getByRole('button', { name: '保存' }).click();
    const renamed = page.locator('.el-table__row', { hasText: '区应急局' });
    await renamed.getByText('启用').waitFor();
    await renamed.getByRole('button', { name: '停用' }).click();
    await renamed.locator('.el-tag', { hasText: '停用' }).waitFor();

    const { body } = await t.http.get('/api/v1/service-departments').set(staffAuth).expect(200);
    expect(body.items).toContainEqual(expect.objectContaining({ name: '区应急局', isActive: false }));
    expect(body.items.some((d: { name: string }) => d.name === '区应急管理局')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('keeps the departments page to the admin, and the intake form to a bureau', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await expectRefused(page, base, '/admin/departments');
    await switchUser(page, base, users.leader.username, '/dashboard');
    await expectRefused(page, base, '/service-requests/new');
    await page.goto(`${base}/service-requests`);
    await page.locator('.layout-main').getByText('阜新华氟新材料有限公司').first().waitFor();
    expect(await page.getByRole('button', { name: '登记诉求' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lets staff receive a request for a landed company of their bureau and open it', async () => {
    const investor = await createInvestor(t, staffAuth, { name: '阜新德尔汽车部件股份有限公司' });
    landed = { id: investor.id, projectId: (await registeredProject(t, staffAuth, investor.id)).id };
    await createInvestor(t, staffAuth, { name: '阜新海州粮油食品有限公司' });
    await switchUser(page, base, users.staff.username, '/workbench');
    await page.locator('[data-card=requests]').getByRole('button', { name: '登记诉求' }).waitFor();
    await page.goto(`${base}/service-requests`);
    await page.getByRole('button', { name: '登记诉求' }).click();
    await page.waitForURL(`${base}/service-requests/new`);
    await checkPage(page, base, { path: '/service-requests/new', shows: '首办责任制', shot: 'service-request-new' });

    const main = page.locator('.layout-main');
    await main.getByLabel('搜索企业名称或信用代码').fill('海州粮油');
    await main.locator('button.result', { hasText: '阜新海州粮油食品有限公司' }).click();
    await main.getByText('已选：阜新海州粮油食品有限公司').waitFor();
    await main.locator('label', { hasText: '水电气暖' }).click();
    await main.locator('label', { hasText: '12345 热线' }).click();
    await main.getByRole('button', { name: '受理诉求' }).click();
    await main.locator('.el-form-item__error', { hasText: '诉求内容不能为空' }).waitFor();

    const need = '二期厂房 10 千伏双回路供电尚未落实';
    await main.getByLabel('诉求内容').fill(need);
    await main.getByRole('button', { name: '受理诉求' }).click();
    await main.locator('.el-form-item__error', { hasText: '只能为有注册落地' }).waitFor();
    await screenshot(page, 'service-request-new-refused-1440');
    expect(page.url()).toBe(`${base}/service-requests/new`);

    await main.getByLabel('搜索企业名称或信用代码').fill('德尔汽车');
    await main.locator('button.result', { hasText: '阜新德尔汽车部件股份有限公司' }).click();
    await main.getByRole('button', { name: '受理诉求' }).click();
    await page.waitForURL(/\/service-requests\/[0-9a-f-]{36}$/);
    await main.getByText(`阜新德尔汽车部件股份有限公司：水电气暖诉求`).waitFor();
    await main.getByText(need).first().waitFor();
    await main.getByRole('button', { name: '交办' }).waitFor();

    const id = page.url().split('/').pop() as string;
    const { body } = await t.http.get(`/api/v1/service-requests/${id}`).set(staffAuth).expect(200);
    expect(body).toMatchObject({
      investor: { id: landed.id },
      kind: 'utilities',
      channel: 'hotline_12345',
      content: need,
      status: 'received',
      bureau: { code: 'B01' },
    });
    expect(errors).toEqual([]);
  });

  it('receives a request heard on a visit, from the company’s page and one of its visits', async () => {
    const today = districtToday();
    const summary = '企业反映新招工人员社保关系接续办理慢';
    const visit = await t.http
      .post('/api/v1/visits')
      .set(staffAuth)
      .send({ projectId: landed.projectId, date: today, kind: 'outbound', summary, nextFollowUpAt: addDays(today, 14) })
      .expect(201);
    await page.goto(`${base}/investors/${landed.id}`);
    await page.getByRole('button', { name: '登记诉求' }).click();
    await page.waitForURL(`${base}/service-requests/new?investorId=${landed.id}`);
    await page.locator('.layout-main').getByText('已选：阜新德尔汽车部件股份有限公司').waitFor();
    await page.goBack();
    await page.getByRole('link', { name: '据此登记诉求' }).click();
    await page.waitForURL(`${base}/service-requests/new?investorId=${landed.id}&visitId=${visit.body.id}`);
    const main = page.locator('.layout-main');
    await main.getByText('已选：阜新德尔汽车部件股份有限公司').waitFor();
    expect(await main.getByRole('radio', { name: '走访' }).isChecked()).toBe(true);
    await main
      .locator('.el-select', { has: page.locator('#rq-visit') })
      .getByText(today)
      .waitFor();
    await main.locator('label', { hasText: '用工' }).click();
    await main.getByLabel('诉求内容').fill('新招工人员社保关系接续请区人社局协调');
    await main.getByRole('button', { name: '受理诉求' }).click();
    await page.waitForURL(/\/service-requests\/[0-9a-f-]{36}$/);
    await main.getByText('阜新德尔汽车部件股份有限公司：用工诉求').waitFor();

    const id = page.url().split('/').pop() as string;
    const { body } = await t.http.get(`/api/v1/service-requests/${id}`).set(staffAuth).expect(200);
    expect(body).toMatchObject({ channel: 'visit', visitId: visit.body.id, kind: 'labour' });
    expect(errors).toEqual([]);
  });
});
