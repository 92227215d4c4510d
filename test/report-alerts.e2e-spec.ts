import { AlertService } from '@app/alerts';
import { Role } from '@app/core';
import { WeeklyReportService } from '@app/reports';
import { DataSource } from 'typeorm';
import { createInvestor, createLead, visitBody } from './factories/investor.factory';
import { advance, createProject, gates } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Row = {
  bureauCode: string;
  level: string;
  kind: string;
  count: number;
  subject: string;
  since: string;
  overdue: number;
};

/** 2026-W41 ends on Sunday 2026-10-11: its report shows the lights standing that day. */
describe('A weekly report’s alerts are those at the end of its week, by bureau', () => {
  let t: TestApp;
  let staff: Auth;
  let leader: Auth;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    const data = t.get(DataSource);
    const lead = async (key: string) => {
      const investor = await createInvestor(t, staff);
      names[key] = investor.name;
      const created = await createLead(t, staff, investor.id);
      // registered on 1 August with a follow-up due on the 20th: a past the API no longer lets anyone write
      await data.query(
        `UPDATE lead SET created_at = '2026-08-01T10:00:00+08:00', registered_at = '2026-08-01',
                         next_follow_up_at = '2026-08-20' WHERE id = $1`,
        [created.id],
      );
      return created;
    };
    const visited = await lead('visitedLater');
    for (const [date, nextFollowUpAt] of [
      ['2026-09-01', '2026-09-20'],
      ['2026-11-25', '2026-12-20'], // after the week: not seen by its report
    ]) {
      await t.http.post('/api/v1/visits').set(staff).send(visitBody(visited.id, { date, nextFollowUpAt })).expect(201);
    }
    const dropped = await lead('droppedLater');
    // its follow-up falls after the week: the week's only passed follow-up is the one a visit set (below)
    await data.query(`UPDATE lead SET next_follow_up_at = '2026-10-20' WHERE id = $1`, [dropped.id]);
    await t.http.post(`/api/v1/leads/${dropped.id}/drop`).set(staff).send({ reason: '企业投资计划取消' }).expect(200);
    // another red idle lead of the bureau, four days younger: counted in the same row, not shown as the longest
    // (its follow-up falls after the week, so it has no other light then)
    const younger = await lead('idleYounger');
    await data.query(
      `UPDATE lead SET created_at = '2026-08-05T10:00:00+08:00', registered_at = '2026-08-05',
                       next_follow_up_at = '2026-10-20' WHERE id = $1`,
      [younger.id],
    );

    const investor = await createInvestor(t, staff);
    const project = await createProject(t, staff, investor.id, { name: `月底注册项目${investor.name.slice(0, 6)}` });
    names.registeredLater = project.name as string;
    await advance(t, staff, project, {
      to: 'registered',
      deal: gates.deal({ signedDate: '2026-03-18' }),
      registration: gates.registration({ date: '2026-10-20' }),
    });
    await t.get(AlertService).compute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts idle days and follow-ups to the week’s last day, ignoring visits, closings and stage changes after it', async () => {
    const published = await t.get(WeeklyReportService).publish('2026-W41', null);
    expect(published).toMatchObject({ period: '2026-W41', version: 1 });
    const report = await t.http.get('/api/v1/reports/weekly/2026-W41').set(leader).expect(200);
    const rows = (report.body.content.tables as { key: string; rows: Row[] }[]).find((x) => x.key === 'alerts')!.rows;
    const find = (kind: string, key: string) => rows.find((r) => r.kind === kind && r.subject === names[key]);
    // last visit 2026-09-01, 40 days before 2026-10-11 (the visit of 2026-11-25 is after the week)
    expect(find('线索久未走访', 'visitedLater')).toMatchObject({ level: '黄灯', since: '2026-09-01', overdue: 40 });
    // the follow-up date set by that visit, passed by 21 days
    expect(find('跟进日期已过', 'visitedLater')).toMatchObject({ since: '2026-09-20', overdue: 21, count: 1 });
    // registered on 2026-08-01, never visited, dropped only today: open and red at the week's end, the longest of
    // the bureau's two red idle leads (one row per bureau, light and kind, with its count)
    expect(find('线索久未走访', 'droppedLater')).toMatchObject({
      level: '红灯',
      count: 2,
      since: '2026-08-01',
      overdue: 71,
    });
    expect(find('线索久未走访', 'idleYounger')).toBeUndefined();
    expect(find('线索久未走访', 'visitedLater')).toMatchObject({ count: 1 });
    // signed on 2026-03-18 and registered only on 2026-10-20: signed, not registered, at the week's end
    expect(find('签约未注册落地', 'registeredLater')).toMatchObject({ since: '2026-03-18', overdue: 207 });
    for (const row of rows) {
      expect(row.since <= '2026-10-11').toBe(true);
      expect(row.bureauCode).toBe('B01');
    }
  });

  it('leaves the daily alerts (GET /alerts) as of today', async () => {
    const today = await t.http.get('/api/v1/alerts?pageSize=200').set(leader).expect(200);
    const subjects = (today.body.items as { subject: string; kind: string }[]).map((a) => `${a.kind}:${a.subject}`);
    expect(subjects).not.toContain(`lead_idle:${names.visitedLater}`);
    expect(subjects).not.toContain(`lead_idle:${names.droppedLater}`);
    expect(subjects).not.toContain(`signed_not_registered:${names.registeredLater}`);
  });
});
