import { addDays, districtToday, Role } from '@app/core';
import { MonthlyReportService, WeeklyReportService } from '@app/reports';
import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { createInvestor, createLead, visitBody } from '../factories/investor.factory';
import { createUser, login } from '../factories/user.factory';
import { createTestApp, TestApp } from '../support/test-app';
import { consoleErrors, ensureWebBuilt, launchBrowser, listen, screenshot, TestBrowser } from './browser';
import { checkDialog, checkPage, expectRefused, PageCheck, switchUser } from './pages';

type Auth = { Authorization: string };

describe('Reports, targets, weights, users and the audit log (browser)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let errors: string[];
  const users: Record<'staff' | 'head' | 'leader' | 'supervisor' | 'admin', { username: string }> = {} as never;
  let adminAuth: Auth;
  let leaderAuth: Auth;
  let week: string;
  let month: string;
  let weightsFrom: string;
  let auditAction: string;
  const year = Number(districtToday().slice(0, 4));

  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp();
    base = await listen(t);
    users.staff = await createUser(t, { role: Role.Staff, bureauCode: 'B01', displayName: '王建国' });
    users.head = await createUser(t, { role: Role.BureauHead, bureauCode: 'B01', displayName: '赵立新' });
    users.leader = await createUser(t, { role: Role.Leader, displayName: '张明远' });
    users.supervisor = await createUser(t, { role: Role.Supervisor, displayName: '孙督查' });
    users.admin = await createUser(t, { role: Role.Admin, displayName: '系统管理员' });
    const staffAuth = { Authorization: `Bearer ${await login(t.http, users.staff.username)}` };
    leaderAuth = { Authorization: `Bearer ${await login(t.http, users.leader.username)}` };
    adminAuth = { Authorization: `Bearer ${await login(t.http, users.admin.username)}` };

    const investor = await createInvestor(t, staffAuth, { name: '阜新华氟新材料有限公司' });
    const lead = await createLead(t, staffAuth, investor.id);
    await t.http
      .post('/api/v1/visits')
      .set(staffAuth)
      .send(visitBody(lead.id, { date: addDays(districtToday(), -8), nextFollowUpAt: addDays(districtToday(), 7) }))
      .expect(201);
    await t.get(WeeklyReportService).publishDue();
    const reports = await t.http.get('/api/v1/reports/weekly').set(leaderAuth).expect(200);
    week = reports.body.items[0].week as string;
    await t.get(MonthlyReportService).publishDue();
    const months = await t.http.get('/api/v1/reports/monthly').set(leaderAuth).expect(200);
    month = months.body.items[0].period as string;
    weightsFrom = (await t.http.get('/api/v1/ranking-weights').set(leaderAuth).expect(200)).body.current.effectiveFrom;
    auditAction = (await t.http.get('/api/v1/audit').set(adminAuth).expect(200)).body.items[0].action;

    browser = await launchBrowser({ width: 1440, height: 900 });
    page = browser.page;
    errors = consoleErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const reportPages = (shots: boolean): PageCheck[] => [
    { path: '/reports', shows: week, shot: shots ? 'reports' : undefined },
    { path: `/reports/${week}`, shows: '完整性校验通过', shot: shots ? 'report' : undefined },
    { path: '/reports?kind=monthly', shows: month },
    { path: `/reports/monthly/${month}`, shows: '本月名次', shot: shots ? 'report-monthly' : undefined },
  ];
  const cases: [keyof typeof users, string, () => PageCheck[]][] = [
    ['staff', '/workbench', () => reportPages(false)],
    ['head', '/workbench', () => reportPages(false)],
    [
      'leader',
      '/dashboard',
      () => [
        ...reportPages(true),
        { path: '/admin/targets', shows: '海州区第一招商局' },
        { path: '/admin/weights', shows: weightsFrom },
      ],
    ],
    ['supervisor', '/dashboard', () => [...reportPages(false), { path: '/audit', shows: auditAction }]],
    [
      'admin',
      '/dashboard',
      () => [
        ...reportPages(false),
        { path: '/admin/users', shows: users.staff.username, shot: 'admin-users' },
        { path: '/admin/targets', shows: '海州区第一招商局', shot: 'admin-targets' },
        { path: '/admin/weights', shows: weightsFrom, shot: 'admin-weights' },
        { path: '/audit', shows: auditAction, shot: 'audit' },
      ],
    ],
  ];

  it.each(cases)(
    'opens every page %s may open, with the API’s data and no accessibility problem',
    async (role, lands, checks) => {
      await switchUser(page, base, users[role].username, lands);
      for (const check of checks()) await checkPage(page, base, check);
      expect(errors).toEqual([]);
    },
  );

  it('labels every field of the user dialogs, which read without a serious accessibility problem', async () => {
    await switchUser(page, base, users.admin.username, '/dashboard');
    await page.goto(`${base}/admin/users`);
    const row = page.locator('.el-table__row', { hasText: users.staff.username });
    await row.waitFor();
    await checkDialog(page, '新建用户', () => page.getByRole('button', { name: '新建用户' }).click());
    await checkDialog(page, /^重置 .* 的密码$/, () => row.getByRole('button', { name: '重置密码' }).click());
    expect(errors).toEqual([]);
  });

  it('tells a role a page it may not open says so', async () => {
    const refused: [keyof typeof users, string, string[]][] = [
      ['staff', '/workbench', ['/transfers', '/audit', '/admin/users', '/admin/targets', '/admin/weights']],
      ['head', '/workbench', ['/audit', '/admin/users', '/admin/targets']],
      ['leader', '/dashboard', ['/imports', '/audit', '/admin/users']],
      ['supervisor', '/dashboard', ['/imports', '/transfers', '/admin/users', '/admin/weights']],
      ['admin', '/dashboard', ['/imports', '/transfers']],
    ];
    for (const [role, lands, paths] of refused) {
      await switchUser(page, base, users[role].username, lands);
      for (const path of paths) await expectRefused(page, base, path);
    }
    expect(errors).toEqual([]);
  });

  it('lets a leader open the report archive, read a report and download it as XLSX, CSV and a 通报', async () => {
    await switchUser(page, base, users.leader.username, '/dashboard');
    await page.goto(`${base}/reports`);
    await page.getByText('报告哈希链完整').waitFor();
    await page.getByRole('link', { name: week }).click();
    await page.waitForURL(`${base}/reports/${week}`);
    await page.getByText('完整性校验通过').waitFor();
    const { body } = await t.http.get(`/api/v1/reports/weekly/${week}`).set(leaderAuth).expect(200);
    await page.getByText(body.sha256 as string).waitFor();

    const xlsx = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 XLSX（全部表）' }).click();
    const file = await xlsx;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync((await file.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载当前表 CSV' }).click();
    const sheet = await csv;
    expect(sheet.suggestedFilename()).toMatch(/\.csv$/);
    const firstTable = (body.content.tables as { columns: { header: string }[] }[])[0];
    expect(readFileSync((await sheet.path())!, 'utf8')).toContain(firstTable.columns[0].header);

    const docx = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载通报（Word）' }).click();
    const bulletin = await docx;
    expect(bulletin.suggestedFilename()).toMatch(/\.docx$/);
    expect(
      readFileSync((await bulletin.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(errors).toEqual([]);
  });

  it('lets a reader switch the archive to the 月报 and open a month, written in the month’s words', async () => {
    await switchUser(page, base, users.staff.username, '/workbench');
    await page.goto(`${base}/reports`);
    await page.getByRole('link', { name: week }).waitFor();
    await page.getByRole('radio', { name: '月报' }).check({ force: true });
    await page.waitForURL(`${base}/reports?kind=monthly`);
    await page.getByRole('columnheader', { name: '月份' }).waitFor();
    await page.getByRole('link', { name: month }).click();
    await page.waitForURL(`${base}/reports/monthly/${month}`);
    await page.getByRole('heading', { name: `月报 ${month}` }).waitFor();
    await page.getByText('完整性校验通过').waitFor();
    // a staff reader sees the whole ranking, its other tables only for the own bureau
    await page.getByText('B01（排名表为全区）').waitFor();
    const docx = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载通报（Word）' }).click();
    expect((await docx).suggestedFilename()).toBe(`海州区招商引资月报通报-${month}-v1.docx`);
    expect(errors).toEqual([]);
  });

  it('lets an admin set a year’s targets, showing the API’s message on the cell it names', async () => {
    await switchUser(page, base, users.admin.username, '/dashboard');
    await page.goto(`${base}/admin/targets?year=${year}`);
    await page.getByRole('rowheader', { name: /海州区第一招商局/ }).waitFor();
    await page.locator('#tg-B01-visits').fill('240');
    await page.locator('#tg-B01-newLeads').fill('60');
    await page.locator('#tg-B01-signedCount').fill('8');
    await page.locator('#tg-B01-signedAmount').fill('12万');
    await page.locator('#tg-B01-startedCount').fill('5');
    await page.locator('#tg-B01-fundsInPlace').fill('60000');
    await page.getByRole('button', { name: '保存目标' }).click();
    await page.getByRole('alert').filter({ hasText: '金额' }).first().waitFor();
    await screenshot(page, 'admin-targets-error-1440');
    const unchanged = await t.http.get('/api/v1/targets').query({ year }).set(adminAuth).expect(200);
    expect(unchanged.body.find((row: { bureau: { code: string } }) => row.bureau.code === 'B01').set).toBe(false);

    await page.locator('#tg-B01-signedAmount').fill('150000.00');
    await page.getByRole('button', { name: '保存目标' }).click();
    await page.getByText(`${year} 年度目标已保存`).waitFor();
    const saved = await t.http.get('/api/v1/targets').query({ year }).set(adminAuth).expect(200);
    expect(saved.body.find((row: { bureau: { code: string } }) => row.bureau.code === 'B01')).toMatchObject({
      set: true,
      visits: 240,
      newLeads: 60,
      signedCount: 8,
      signedAmount: '150000.00',
      startedCount: 5,
      fundsInPlace: '60000.00',
    });
    await page.reload();
    expect(await page.locator('#tg-B01-visits').inputValue()).toBe('240');
    expect(errors).toEqual([]);
  });

  it('lets a supervisor verify the audit chain and see the API’s verdict', async () => {
    await switchUser(page, base, users.supervisor.username, '/dashboard');
    await page.goto(`${base}/audit`);
    await page.getByText(auditAction).first().waitFor();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await page.getByText('审计链完整：没有记录被修改、删除或截断').waitFor();
    const verdict = await t.http.get('/api/v1/audit/verify').set(adminAuth).expect(200);
    expect(verdict.body.valid).toBe(true);
    expect(await page.locator('.el-descriptions code.hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'audit-verified-1440');
    expect(errors).toEqual([]);
  });
});
