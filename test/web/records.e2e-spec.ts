// the callbacks of page.evaluate run in the browser, with its globals
/// <reference lib="dom" />
import { AlertService } from '@app/alerts';
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
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
import { checkDialog, checkPage, PageCheck, switchUser } from './pages';

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
      // every role also opens the 驾驶舱 (the ranking names each bureau) and its own 个人中心
      const shared: PageCheck[] = [
        { path: '/dashboard', shows: '海州区第一招商局' },
        { path: '/me', shows: users[role].username },
      ];
      for (const check of [...checks(), ...shared]) await checkPage(page, base, check);
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
    // the export holds every row the URL's filters select, not only this page
    const exported = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const file = await exported;
    expect(file.suggestedFilename()).toMatch(/^线索-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path()) as string, 'utf8');
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header.split(',').slice(0, 4)).toEqual(['企业', '状态', '来源', '招商局']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(investor.name);
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

  it('takes a ledger built from the template by drag and drop, and shows the dry run’s report per row', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await page.goto(`${base}/imports`);
    await page.locator('.el-upload-dragger').waitFor();
    const template = await t.http
      .get('/api/v1/imports/leads/template')
      .set(staffAuth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.body as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const names = [randomCompanyName(), randomCompanyName()];
    const rows: Record<string, string>[] = [
      { 企业名称: names[0], 所属行业: '氟化工', 线索来源: '展会', '意向投资额（万元）': '2亿' },
      { 企业名称: names[1], 所属行业: '新能源', 线索来源: '网络', 备注: '拖入的台账' },
    ];
    rows.forEach((row, i) => {
      for (const [header, value] of Object.entries(row))
        sheet.getCell(i + 2, headers.indexOf(header) + 1).value = value;
    });
    const ledger = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');

    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const file = new File([bytes], '拖入的线索台账.xlsx', {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      const transfer = new DataTransfer();
      transfer.items.add(file);
      const target = document.querySelector('.el-upload-dragger') as HTMLElement;
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    }, ledger);
    await page.getByText('已选择：拖入的线索台账.xlsx').waitFor();
    await page.getByRole('button', { name: '试导入（只检查）' }).click();
    await page.getByText('检查通过：2 行可导入').waitFor();
    const perRow = page.locator('.import-report .el-table').last();
    await perRow.getByText('新增').first().waitFor();
    expect(await perRow.locator('.el-table__body tr.el-table__row').count()).toBe(2);
    await page.locator('.import-report').getByText('20000').first().waitFor(); // 2亿 read as 20000 万元
    await screenshot(page, 'imports-drop-1440');
    const none = await t.http.get('/api/v1/leads').query({ q: names[0] }).set(staffAuth).expect(200);
    expect(none.body.total).toBe(0); // a dry run writes nothing
    expect(errors).toEqual([]);
  });

  it('shows a company’s own projects and visits on its page, to its bureau and the district only', async () => {
    const company = await createInvestor(t, staffAuth, { name: '阜新云峰氟材料有限公司' });
    const own = await createProject(t, staffAuth, company.id, { name: '云峰含氟精细化学品项目' });
    const onProject = '云峰项目推进会：协调用地与电力接入';
    await t.http
      .post('/api/v1/visits')
      .set(staffAuth)
      .send({ projectId: own.id, date: districtToday(), kind: 'inbound', summary: onProject })
      .expect(201);

    await switchUser(page, base, users.leader.username, '/dashboard');
    await page.goto(`${base}/investors/${company.id}`);
    const main = page.locator('.layout-main');
    await main.getByText('云峰含氟精细化学品项目').waitFor();
    await main.getByText(onProject).waitFor();
    expect(await main.getByText(projectName).count()).toBe(0); // another company's project is not listed

    await switchUser(page, base, users.other.username, '/workbench');
    await page.goto(`${base}/investors/${company.id}`);
    await main.getByText('暂无项目').waitFor();
    await main.getByText('暂无走访记录').waitFor();
    expect(await main.getByText(onProject).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lets a leader register a lead for an officer picked from the chosen bureau', async () => {
    const company = await createInvestor(t, staffAuth, { name: '阜新恒远精细化工有限公司' });
    await switchUser(page, base, users.leader.username, '/dashboard');
    await page.goto(`${base}/leads`);
    await page.getByRole('button', { name: '登记线索' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#lf-investor').fill('恒远精细');
    await page.getByRole('option', { name: company.name }).click();
    // no officer until a bureau is chosen; then only that bureau's serving officers
    expect(await dialog.locator('#lf-officer').isDisabled()).toBe(true);
    await dialog.locator('.el-select', { has: page.locator('#lf-bureau') }).click();
    await page.getByRole('option', { name: '海州区第一招商局' }).click();
    await dialog.locator('.el-select', { has: page.locator('#lf-officer') }).click();
    await page.getByRole('option', { name: /王建国/ }).waitFor();
    expect(await page.getByRole('option', { name: /李海燕/ }).count()).toBe(0); // B02's officer
    // the list opens with a transition: an option clicked while it moves may not take
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.getByRole('option', { name: /王建国/ }).click();
    // the closing list fades out: axe reads the form once it has gone
    await page.getByRole('option', { name: /王建国/ }).waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    expect(await seriousViolations(page)).toEqual([]);
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'lead-create-leader-1440');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('线索已登记').waitFor();
    const saved = await t.http.get('/api/v1/leads').query({ investorId: company.id }).set(leaderAuth).expect(200);
    expect(saved.body.items).toHaveLength(1);
    expect(saved.body.items[0]).toMatchObject({ bureau: { code: 'B01' }, officer: { displayName: '王建国' } });
    expect(errors).toEqual([]);
  });

  it('labels every field of the forms in dialogs, which read without a serious accessibility problem', async () => {
    await switchUser(page, base, users.head.username, '/workbench');
    await page.goto(`${base}/leads`);
    await page.getByText(investor.name).first().waitFor();
    await checkDialog(page, '登记线索', () => page.getByRole('button', { name: '登记线索' }).click());
    await page.goto(`${base}/leads/${lead.id}`);
    await page.getByText(summary).first().waitFor();
    await checkDialog(page, '编辑线索', () => page.getByRole('button', { name: '编辑' }).click());
    await checkDialog(page, '转为项目', () => page.getByRole('button', { name: '转为项目' }).click());
    await checkDialog(page, '放弃线索', () => page.getByRole('button', { name: '放弃' }).click());
    await page.goto(`${base}/visits`);
    await page.getByText(summary).first().waitFor();
    await checkDialog(page, '记录走访', () => page.getByRole('button', { name: '记录走访' }).click());
    await checkDialog(page, '修改走访', () => page.getByRole('button', { name: '修改' }).first().click());
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
