import { AlertService } from '@app/alerts';
import { addDays, districtToday, Role } from '@app/core';
import { Page } from 'playwright-core';
import { createInvestor } from '../factories/investor.factory';
import { advance, createProject, gates, ProjectBody } from '../factories/project.factory';
import { createUser, login } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { consoleErrors, ensureWebBuilt, launchBrowser, listen, screenshot, TestBrowser } from './browser';
import { checkPage, switchUser } from './pages';

type Auth = { Authorization: string };

describe('Milestone chart and plan editor (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];
  let staffAuth: Auth;
  let project: ProjectBody;
  const users: Record<'staff' | 'leader' | 'other', { username: string }> = {} as never;
  const name = '年产5万吨锂电池负极材料项目';
  const today = districtToday();

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp();
    base = await listen(t);
    const leader = await createUser(t, { role: Role.Leader, displayName: '张明远' });
    users.leader = leader;
    users.staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '王建国' });
    users.other = await createUser(t, { role: Role.Staff, bureauCode: 'B02', displayName: '李海燕' });
    staffAuth = { Authorization: `Bearer ${await login(t.http, users.staff.username)}` };
    const investor = await createInvestor(t, staffAuth, { name: '阜新恒泰新能源科技有限公司' });
    project = await createProject(t, staffAuth, investor.id, { name, responsibleLeaderId: leader.id });
    project = await advance(t, staffAuth, project, {
      to: 'registered',
      deal: gates.deal({ signedDate: addDays(today, -200) }),
      registration: gates.registration({ date: addDays(today, -150) }),
    });
    await t.http
      .put(`/api/v1/projects/${project.id}/milestones`)
      .set(staffAuth)
      .send({
        expectedVersion: 0,
        nodes: [
          { key: 'signed', plannedDate: addDays(today, -210) },
          { key: 'procedure:land', plannedDate: addDays(today, -60) },
          { key: 'procedure:planning_permit', plannedDate: addDays(today, -5) },
          { key: 'procedure:construction_permit', plannedDate: addDays(today, -30) },
          { key: 'started', plannedDate: addDays(today, 40) },
        ],
      })
      .expect(200);
    await t.get(AlertService).compute();

    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the district chart with the key project’s nodes and lights, to the bureau and to leaders', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await checkPage(page, base, { path: '/milestones', shows: name, shot: 'milestones' });
    const chart = page.locator('.milestone-chart');
    await chart.getByText('施工许可').first().waitFor();
    expect(await chart.locator('.el-tag--danger').count()).toBeGreaterThan(0);
    expect(await chart.locator('.el-tag--warning').count()).toBeGreaterThan(0);

    await switchUser(page, base, users.leader.username, '/dashboard');
    await checkPage(page, base, { path: '/milestones?status=red', shows: name });
    await switchUser(page, base, users.other.username, '/workbench');
    await checkPage(page, base, { path: '/milestones', shows: '没有符合条件的重点项目' });
    expect(errors).toEqual([]);
  });

  it('lets the bureau mark a 前期手续 done on the project page and save the plan', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await checkPage(page, base, {
      path: `/projects/${project.id}`,
      shows: '节点计划（挂图作战）',
      shot: 'project-milestones',
    });
    const done = addDays(today, -3);
    const input = page.getByLabel('用地完成日期');
    await input.fill(done);
    await input.press('Enter');
    await page.getByRole('button', { name: '保存节点计划' }).click();
    await page.getByText('节点计划已保存').waitFor();
    await screenshot(page, 'project-milestones-saved-1440');
    const plan = await t.http.get(`/api/v1/projects/${project.id}/milestones`).set(staffAuth).expect(200);
    const land = (plan.body.nodes as { key: string; actualDate: string | null; timing: string }[]).find(
      (n) => n.key === 'procedure:land',
    );
    expect(land).toMatchObject({ actualDate: done, timing: 'late' });
    expect(plan.body.version).toBe(2);
    expect(errors).toEqual([]);
  });
});
