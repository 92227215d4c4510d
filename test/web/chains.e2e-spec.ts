import { Role } from '@app/core';
import { Page } from 'playwright-core';
import { createUser, login } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { consoleErrors, ensureWebBuilt, launchBrowser, listen, TestBrowser } from './browser';
import { checkPage, switchUser } from './pages';

type Auth = { Authorization: string };

describe('The chain map (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];
  const users = {} as Record<'leader' | 'staffB02', { username: string }>;

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp();
    base = await listen(t);
    users.leader = await createUser(t, { role: Role.Leader, displayName: '张明远' });
    users.staffB02 = await createUser(t, { role: Role.Staff, bureauCode: 'B02', displayName: '李春燕' });
    const leader: Auth = { Authorization: `Bearer ${await login(t.http, users.leader.username)}` };
    const chain = await t.http
      .post('/api/v1/industry-chains')
      .set(leader)
      .send({ name: '氟化工', description: '补齐电子化学品' })
      .expect(201);
    const links = `/api/v1/industry-chains/${chain.body.id}/links`;
    const upstream = await t.http
      .post(links)
      .set(leader)
      .send({ name: '萤石和无水氟化氢', segment: 'upstream', status: 'strong' })
      .expect(201);
    const electronic = await t.http
      .post(links)
      .set(leader)
      .send({ name: '电子化学品', segment: 'downstream', status: 'missing', parentId: upstream.body.id })
      .expect(201);
    for (const [name, bureau] of [
      ['江苏氟源电子材料股份有限公司', 'B01'],
      ['浙江锂氟新能源科技有限公司', 'B02'],
    ]) {
      await t.http
        .post('/api/v1/chain-targets')
        .set(leader)
        .send({ linkId: electronic.body.id, name, tier: 'listed', region: '江苏省苏州市', bureau })
        .expect(201);
    }
    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a leader the chain as a tree and table coloured by status, with the gaps and the targets of a link', async () => {
    await switchUser(page, base, users.leader.username, '/dashboard');
    await checkPage(page, base, { path: '/chains', shows: '电子化学品', shot: 'chains' });
    await page.getByText('缺口：萤石和无水氟化氢、电子化学品').first().waitFor();
    await page.locator('.el-table__row', { hasText: '电子化学品' }).first().click();
    const drawer = page.locator('.el-drawer');
    await drawer.getByText('江苏氟源电子材料股份有限公司').waitFor();
    await drawer.getByText('浙江锂氟新能源科技有限公司').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows a bureau the same map, and only its own targets behind a link', async () => {
    await switchUser(page, base, users.staffB02.username, '/workbench');
    await checkPage(page, base, { path: '/chains', shows: '电子化学品' });
    await page.locator('.el-table__row', { hasText: '电子化学品' }).first().click();
    const drawer = page.locator('.el-drawer');
    await drawer.getByText('浙江锂氟新能源科技有限公司').waitFor();
    expect(await drawer.getByText('江苏氟源电子材料股份有限公司').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
