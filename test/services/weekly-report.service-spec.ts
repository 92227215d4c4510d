import { AlertsModule } from '@app/alerts';
import { Role } from '@app/core';
import { InvestorsModule } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { RankingsModule } from '@app/rankings';
import { ReportsModule, WeeklyReportService } from '@app/reports';
import { recordVisit, registerInvestor, registerLead } from '../factories/investor.factory';
import { actingUser } from '../factories/user.factory';
import { createServiceTestModule, listQuery, ServiceTest } from '../support/service-test';
import { PageQueryDto } from '@app/core';

// Monday 2026-11-30 09:00 in the district: week 2026-W48 (23–30 November) has ended and is due
const AFTER_W48 = new Date('2026-11-30T09:00:00+08:00');

describe(WeeklyReportService.name, () => {
  let s: ServiceTest;
  let reports: WeeklyReportService;

  beforeAll(async () => {
    s = await createServiceTestModule({
      imports: [InvestorsModule, PipelineModule, RankingsModule, AlertsModule, ReportsModule],
    });
    reports = s.get(WeeklyReportService);
    const staff = await actingUser(s, { bureauCode: 'B02' });
    const lead = await registerLead(s, staff.actor, (await registerInvestor(s, staff.actor)).id);
    await recordVisit(s, staff.actor, lead.id, { date: '2026-11-25' });
  });
  afterAll(async () => {
    await s.close();
  });

  it('publishes a due week once, however many times the schedule asks at once', async () => {
    const runs = await Promise.all([
      reports.publish('2026-W48', null, AFTER_W48),
      reports.publish('2026-W48', null, AFTER_W48),
    ]);

    expect(runs.filter((run) => run !== null)).toHaveLength(1);
    await expect(reports.publish('2026-W48', null, AFTER_W48)).resolves.toBeNull();
    const listed = await reports.list(listQuery(PageQueryDto, { page: 1, pageSize: 20 }));
    expect(listed.items.filter((report) => report.period === '2026-W48')).toHaveLength(1);
  });

  it("freezes the week's figures: a visit recorded later for that week does not change the published report", async () => {
    const published = await reports.get('2026-W48');
    const staff = await actingUser(s, { bureauCode: 'B02' });
    const lead = await registerLead(s, staff.actor, (await registerInvestor(s, staff.actor)).id);
    await recordVisit(s, staff.actor, lead.id, { date: '2026-11-26' });

    const again = await reports.get('2026-W48');
    expect(again.content).toEqual(published.content);
    expect(again.sha256).toBe(published.sha256);
    expect(reports.verify(again)).toBe(true);
  });

  it("regenerates on a leader's demand as the next version, chained to the report before it", async () => {
    const leader = await actingUser(s, { role: Role.Leader });
    const first = await reports.get('2026-W48');

    const second = await reports.publish('2026-W48', leader.actor, AFTER_W48);

    expect(second).toMatchObject({ period: '2026-W48', version: 2 });
    const stored = await reports.get('2026-W48', 2);
    expect(stored.prevSha256).toBe(first.sha256);
    expect(stored.sha256).not.toBe(first.sha256);
    expect(reports.verify(stored)).toBe(true);
  });

  it('refuses a week that has not ended yet', async () => {
    await expect(reports.publish('2026-W49', null, AFTER_W48)).rejects.toMatchObject({ code: 'WEEK_NOT_OVER' });
  });
});
