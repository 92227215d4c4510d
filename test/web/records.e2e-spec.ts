import { AlertService } from '@app/alerts';
import { addDays, districtToday, Role } from '@app/core';
import { Page } from 'playwright-core';
import {
  createInvestor,
  createLead,
  followUpDueSince,
  randomCompanyName,
  visitBody,
} from '../factories/investor.factory';
import { advance, createProject, ProjectBody } from '../factories/project.factory';
import { createUser, login } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { consoleErrors, ensureWebBuilt, launchBrowser, listen, screenshot, TestBrowser } from './browser';
import { checkPage, PageCheck, switchUser } from './pages';

type Auth = { Authorization: string };
const HEADERS = ['企业名称', '统一社会信用代码', '所属行业', '线索来源', '意向投资额（万元）', '下次跟进日期', '备注'];

describe('Registry, leads, visits, projects, transfers, imports and alerts (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];
  const users: Record<'staff' | 'head' | 'leader' | 'supervisor' | 'admin' | 'other', { username: string }> =
    {} as never;
  let staffAuth: Auth;
  let leaderAuth: Auth;
  let investor: { id: string; name: string };
  let lead: { id: string };
  let project: ProjectBody;
  let projectName: string;
  let transferred: { name: string; leadId: string };
  let overdue: { name: string };
  const summary = '介绍氟产业园配套条件，企业有意扩产电子级氢氟酸';

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp();
    base = await listen(t);
    users.staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '王建国' });
    users.head = await createUser(t, { role: Role.BureauHead, bureauCode: 'B01', displayName: '赵立新' });
    users.leader = await createUser(t, { role: Role.Leader, displayName: '张明远' });
    users.supervisor = await createUser(t, { role: Role.Supervisor, displayName: '孙督查' });
    users.admin = await createUser(t, { role: Role.Admin, displayName: '系统管理员' });
    users.other = await createUser(t, { role: Role.Staff, bureauCode: 'B02', displayName: '李海燕' });
    staffAuth = { Authorization: `Bearer ${await login(t.http, users.staff.username)}` };
    leaderAuth = { Authorization: `Bearer ${await login(t.http, users.leader.username)}` };
    const otherAuth = { Authorization: `Bearer ${await login(t.http, users.other.username)}` };

    investor = await createInvestor(t, staffAuth, { name: '阜新华氟新材料有限公司', isChainLeader: true });
    await t.http
      .post(`/api/v1/investors/${investor.id}/contacts`)
      .set(staffAuth)
      .send({ name: '刘振华', title: '董事长', phone: '13904180001' })
      .expect(201);
    lead = await createLead(t, staffAuth, investor.id);
    const inFuture = addDays(districtToday(), 10);
    await t.http
      .post('/api/v1/visits')
      .set(staffAuth)
      .send(visitBody(lead.id, { summary, nextFollowUpAt: inFuture }))
      .expect(201);
    const projectInvestor = await createInvestor(t, staffAuth, { name: '阜新硅谷光伏科技有限公司' });
    const created = await createProject(t, staffAuth, projectInvestor.id, { name: '年产2万吨电子级氢氟酸项目' });
    project = await advance(t, staffAuth, created, { to: 'negotiating' });
    projectName = '年产2万吨电子级氢氟酸项目';

    const toTransfer = await createInvestor(t, staffAuth, { name: '阜新金山氟化工有限公司' });
    const transferLead = await createLead(t, staffAuth, toTransfer.id);
    await t.http
      .post(`/api/v1/leads/${transferLead.id}/transfers`)
      .set(otherAuth)
      .send({ reason: '企业负责人与我局已有合作，便于对接', toBureauCode: 'B02' })
      .expect(201);
    transferred = { name: toTransfer.name, leadId: transferLead.id };

    const late = await createInvestor(t, staffAuth, { name: '阜新德瑞化工有限公司' });
    await followUpDueSince(t, (await createLead(t, staffAuth, late.id)).id, addDays(districtToday(), -20));
    await t.get(AlertService).compute();
    overdue = { name: late.name };

    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const everyone = (): PageCheck[] => [
    { path: '/investors', shows: investor.name, shot: 'investors' },
    { path: `/investors/${investor.id}`, shows: '刘振华', shot: 'investor' },
    { path: '/leads', shows: investor.name, shot: 'leads' },
    { path: `/leads/${lead.id}`, shows: summary, shot: 'lead' },
    { path: '/visits', shows: summary, shot: 'visits' },
    { path: '/projects', shows: projectName, shot: 'projects' },
    { path: '/projects/board', shows: projectName, shot: 'project-board' },
    { path: `/projects/${project.id}`, shows: '各阶段停留', shot: 'project' },
    { path: '/alerts', shows: overdue.name, shot: 'alerts' },
  ];

  const cases: [keyof typeof users, string, () => PageCheck[]][] = [
    ['staff', '/workbench', () => [...everyone(), { path: '/imports', shows: '下载导入模板', shot: 'imports' }]],
    [
      'head',
      '/workbench',
      () => [
        ...everyone().map(({ path, shows }) => ({ path, shows })),
        { path: '/imports', shows: '下载导入模板' },
        { path: '/transfers', shows: transferred.name, shot: 'transfers' },
      ],
    ],
    [
      'leader',
      '/dashboard',
      () => [
        ...everyone().map(({ path, shows }) => ({ path, shows })),
        { path: '/transfers', shows: transferred.name },
      ],
    ],
    ['supervisor', '/dashboard', () => everyone().map(({ path, shows }) => ({ path, shows }))],
    ['admin', '/dashboard', () => everyone().map(({ path, shows }) => ({ path, shows }))],
  ];

  it.each(cases)(
    'opens every page %s may open, with the API’s data and no accessibility problem',
    async (role, lands, checks) => {
      await switchUser(page, base, users[role].username, lands);
      for (const check of checks()) await checkPage(page, base, check);
      expect(errors).toEqual([]);
    },
  );

  it('keeps a list’s filters in the URL: a reload shows the same list', async () => {
    await switchUser(page, base, users.leader.username, '/dashboard');
    await page.goto(`${base}/leads`);
    await page.getByText(investor.name).first().waitFor();
    await page.getByLabel('企业', { exact: true }).fill('华氟');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/\/leads\?q=/);
    expect(decodeURIComponent(new URL(page.url()).search)).toBe('?q=华氟');
    await page.reload();
    await page.locator('.el-table').getByText(investor.name).waitFor();
    expect(await page.locator('.el-table').getByText(transferred.name).count()).toBe(0);
    expect(await page.getByLabel('企业', { exact: true }).inputValue()).toBe('华氟');
    await page.getByLabel('企业', { exact: true }).fill('没有这家企业');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('没有符合条件的线索').waitFor();
    expect(errors).toEqual([]);
  });

  it('lets a clerk check a ledger with a dry run, read the report per row, then import it', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await page.goto(`${base}/imports`);
    const names = [randomCompanyName(), randomCompanyName()];
    const ledger = [
      HEADERS,
      [names[0], '', '风电', '网络', '3亿', '', ''],
      [names[1], '', '氟化工', '展会', '', '', ''],
    ]
      .map((row) => row.join(','))
      .join('\r\n');
    const template = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载导入模板' }).click();
    expect((await template).suggestedFilename()).toMatch(/\.xlsx$/);

    await page.locator('.el-upload input[type=file]').setInputFiles({
      name: '线索台账.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ledger, 'utf8'),
    });
    await page.getByText('已选择：').waitFor();
    expect(await page.getByRole('button', { name: '正式导入' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '试导入（只检查）' }).click();
    await page.getByText('检查通过：2 行可导入').waitFor();
    await page.getByText('逐行结果').waitFor();
    await page.getByText('30000').first().waitFor(); // 3亿 read as 30000 万元
    await screenshot(page, 'imports-dry-run-1440');
    const before = await t.http.get('/api/v1/leads').query({ q: names[0] }).set(staffAuth).expect(200);
    expect(before.body.total).toBe(0);

    await page.getByRole('button', { name: '正式导入' }).click();
    await page.getByText('已导入：新增 2 条').waitFor();
    for (const name of names) {
      const after = await t.http.get('/api/v1/leads').query({ q: name }).set(staffAuth).expect(200);
      expect(after.body.items.map((l: { investor: { name: string } }) => l.investor.name)).toEqual([name]);
    }
    expect(errors).toEqual([]);
  });

  it('lets a bureau head approve a transfer with a note, after which the lead is the other bureau’s', async () => {
    await switchUser(page, base, users.head.username, '/workbench');
    await page.goto(`${base}/transfers`);
    const row = page.locator('.el-table__row', { hasText: transferred.name });
    await row.getByRole('button', { name: '同意' }).click();
    await page.getByLabel('审批意见').fill('同意转交，请第二招商局做好对接');
    await page.getByRole('button', { name: '确认同意' }).click();
    await page.getByText('已同意转交').waitFor();
    await page.getByText('没有待审批的转交申请').waitFor();
    await page.locator('.el-radio-button', { hasText: '已同意' }).click();
    await page.waitForURL(/status=approved/);
    await page.locator('.el-table').getByText(transferred.name).waitFor();
    await screenshot(page, 'transfers-decided-1440');
    const moved = await t.http.get(`/api/v1/leads/${transferred.leadId}`).set(leaderAuth).expect(200);
    expect(moved.body.bureau.code).toBe('B02');
    expect(errors).toEqual([]);
  });

  it('lets another bureau’s officer see who follows a company and ask for its lead', async () => {
    await switchUser(page, base, users.other.username, '/workbench');
    await page.goto(`${base}/investors/${investor.id}`);
    await page.getByText('本企业由海州区第一招商局（王建国）').waitFor();
    await page.getByRole('button', { name: '申请转交' }).click();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('dialog').locator('.el-form-item__error').waitFor(); // the API's message on 申请理由
    await page.getByLabel('申请理由').fill('企业在我局园区已有在建项目，便于统一服务');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('已申请转交给海州区第二招商局，等待审批。').waitFor();
    const pending = await t.http.get('/api/v1/lead-transfers').query({ status: 'pending' }).set(leaderAuth).expect(200);
    expect(pending.body.items.map((x: { leadId: string }) => x.leadId)).toContain(lead.id);
    expect(errors).toEqual([]);
  });

  it('explains a stage change refused because someone else changed the project first, and reloads it', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await page.goto(`${base}/projects/${project.id}`);
    await page.getByText('变更阶段', { exact: true }).first().waitFor();
    // the bureau head edits the project after this page has read it
    const headAuth = { Authorization: `Bearer ${await login(t.http, users.head.username)}` };
    await t.http
      .patch(`/api/v1/projects/${project.id}`)
      .set(headAuth)
      .send({ expectedVersion: project.version, location: '阜新氟化工产业开发区' })
      .expect(200);
    await page.locator('.el-select', { has: page.locator('#sc-to') }).click();
    await page.getByRole('option', { name: '终止' }).click();
    await page.getByLabel('原因（终止、回退、重新启动必填）').fill('企业暂停投资计划');
    await page.getByRole('button', { name: '变更阶段' }).click();
    await page.getByText('项目已被他人修改').first().waitFor();
    await page.getByText(/为避免覆盖对方的修改/).waitFor();
    await screenshot(page, 'project-stale-1440');
    await page.getByRole('button', { name: '重新载入项目' }).click();
    await page.locator('.el-descriptions').getByText('阜新氟化工产业开发区').waitFor();
    const kept = await t.http.get(`/api/v1/projects/${project.id}`).set(leaderAuth).expect(200);
    expect(kept.body.stage).toBe('negotiating');
    expect(errors).toEqual([]);
  });
});
