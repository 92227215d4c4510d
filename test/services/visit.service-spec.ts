import { Role } from '@app/core';
import { InvestorsExceptionCode, InvestorsModule, LeadService, VisitKind, VisitService } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { RankingsModule, RankingService } from '@app/rankings';
import { recordVisit, registerInvestor, registerLead, visitBody } from '../factories/investor.factory';
import { actingUser } from '../factories/user.factory';
import { createServiceTestModule, listQuery, ServiceTest } from '../support/service-test';
import { VisitQueryDto } from '../../libs/investors/src/dto/visit.dto';

describe(VisitService.name, () => {
  let s: ServiceTest;
  let visits: VisitService;

  beforeAll(async () => {
    s = await createServiceTestModule({ imports: [InvestorsModule, PipelineModule, RankingsModule] });
    visits = s.get(VisitService);
  });
  afterAll(async () => {
    await s.close();
  });

  it("records a visit on the bureau's lead and moves the lead's last contact and next follow-up", async () => {
    const { user, actor } = await actingUser(s, { bureauCode: 'B02' });
    const lead = await registerLead(s, actor, (await registerInvestor(s, actor)).id);

    const visit = await recordVisit(s, actor, lead.id, { date: '2026-11-18', nextFollowUpAt: '2026-12-20' });

    expect(visit).toMatchObject({
      leadId: lead.id,
      bureau: { code: 'B02' },
      officer: { id: user.id },
      leaderLed: false,
    });
    await expect(s.get(LeadService).get(actor, lead.id)).resolves.toMatchObject({
      lastContactAt: '2026-11-18',
      nextFollowUpAt: '2026-12-20',
    });
    await expect(visits.get(actor, visit.id)).resolves.toMatchObject({ id: visit.id, kind: VisitKind.Outbound });
  });

  it('marks a visit led by a county leader and counts it in both visit figures of its own date', async () => {
    const { actor } = await actingUser(s, { bureauCode: 'B04' });
    const leader = await actingUser(s, { role: Role.Leader });
    const lead = await registerLead(s, actor, (await registerInvestor(s, actor)).id);

    const visit = await recordVisit(s, actor, lead.id, {
      date: '2026-10-14',
      kind: VisitKind.Inbound,
      leaderIds: [leader.user.id],
    });

    expect(visit.leaderLed).toBe(true);
    expect(visit.leaders.map((l) => l.id)).toEqual([leader.user.id]);
    const october = await s.get(RankingService).ranking('month', '2026-10-31');
    expect(october.rows.find((row) => row.bureau.code === 'B04')?.figures).toMatchObject({
      visits: 1,
      leaderVisits: 1,
    });
    const november = await s.get(RankingService).ranking('month', '2026-11-30');
    expect(november.rows.find((row) => row.bureau.code === 'B04')?.figures).toMatchObject({ visits: 0 });
  });

  it('refuses a county leader list naming someone who is not a leader', async () => {
    const { user, actor } = await actingUser(s, { bureauCode: 'B02' });
    const lead = await registerLead(s, actor, (await registerInvestor(s, actor)).id);

    await expect(recordVisit(s, actor, lead.id, { leaderIds: [user.id] })).rejects.toMatchObject({
      code: InvestorsExceptionCode.InvalidLeader,
      details: { unknown: [user.id] },
    });
    await expect(
      visits.list(actor, listQuery(VisitQueryDto, { page: 1, pageSize: 20, leadId: lead.id })),
    ).resolves.toMatchObject({ total: 0 });
  });

  it("does not let staff record a visit on another bureau's lead", async () => {
    const owner = await actingUser(s, { bureauCode: 'B05' });
    const outsider = await actingUser(s, { bureauCode: 'B06' });
    const lead = await registerLead(s, owner.actor, (await registerInvestor(s, owner.actor)).id);

    await expect(recordVisit(s, outsider.actor, lead.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      visits.list(owner.actor, listQuery(VisitQueryDto, { page: 1, pageSize: 20, leadId: lead.id })),
    ).resolves.toMatchObject({
      total: 0,
    });
  });

  it('refuses a visit tied to neither a lead nor a project', async () => {
    const { actor } = await actingUser(s, { bureauCode: 'B02' });
    const { leadId: _none, ...unattached } = visitBody('');

    await expect(visits.create(actor, unattached)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
