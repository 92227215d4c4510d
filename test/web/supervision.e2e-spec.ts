import { addDays, districtToday, Role } from '@app/core';
import { Page } from 'playwright-core';
import { createUser, login } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { consoleErrors, ensureWebBuilt, launchBrowser, listen, TestBrowser } from './browser';
import { checkPage, switchUser } from './pages';

type Auth = { Authorization: string };

describe('Supervision orders (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];
  const users: Record<'staff' | 'head' | 'supervisor' | 'other', { username: string; id: string }> = {} as never;
  let orderId: string;
  const matter = '推动阜新华氟新材料项目完成注册落地';

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp();
    base = await listen(t);
    users.staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '王建国' });
    users.head = await createUser(t, { role: Role.BureauHead, bureauCode: 'B01', displayName: '赵立新' });
    users.supervisor = await createUser(t, { role: Role.Supervisor, displayName: '孙督查' });
    users.other = await createUser(t, { role: Role.Staff, bureauCode: 'B02', displayName: '李其他' });
    const auth = async (username: string): Promise<Auth> => ({
      Authorization: `Bearer ${await login(t.http, username)}`,
    });
    const created = await t.http
      .post('/api/v1/supervision-orders')
      .set(await auth(users.supervisor.username))
      .send({ matter, requirement: '请于期限内书面反馈', dueDate: addDays(districtToday(), 10), bureau: 'B01' })
      .expect(201);
    orderId = created.body.id;
    await t.http
      .post(`/api/v1/supervision-orders/${orderId}/assign`)
      .set(await auth(users.head.username))
      .send({ expectedVersion: 1, handlerId: users.staff.id })
      .expect(200);

    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the orders and shows one with its events, with no accessibility problem', async () => {
    await switchUser(page, base, users.supervisor.username, '/dashboard');
    await checkPage(page, base, { path: '/supervision', shows: matter, shot: 'supervision-list' });
    await page.getByRole('link', { name: matter }).click();
    await page.waitForURL(`${base}/supervision/${orderId}`);
    await checkPage(page, base, { path: `/supervision/${orderId}`, shows: '办理记录', shot: 'supervision-order' });
    await page.getByText('交办').first().waitFor();
    expect(errors).toEqual([]);
  });

  it('lets the handler reply and the issuer close the order', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await page.goto(`${base}/supervision/${orderId}`);
    await page.getByLabel('说明（反馈、理由或意见）').fill('已约谈企业负责人，材料已报送');
    await page.getByRole('button', { name: '提交反馈' }).click();
    await page.getByText('已约谈企业负责人，材料已报送').waitFor();
    // the bureau cannot close its own order
    expect(await page.getByRole('button', { name: '办结' }).count()).toBe(0);

    await switchUser(page, base, users.supervisor.username, '/dashboard');
    await page.goto(`${base}/supervision/${orderId}`);
    await page.getByRole('button', { name: '办结' }).click();
    await page.locator('.el-card__header').getByText('已办结').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows another bureau nothing of it', async () => {
    await switchUser(page, base, users.other.username, '/workbench');
    await page.goto(`${base}/supervision`);
    await page.getByText('没有督办单').waitFor();
    await page.goto(`${base}/supervision/${orderId}`);
    await page.getByText('督办单不存在或无权访问').waitFor();
    expect(await page.getByText(matter).count()).toBe(0);
  });
});
