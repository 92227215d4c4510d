import { Role } from '@app/core';
import { InvestorsModule } from '@app/investors';
import { AgreementType, PipelineModule, Stage } from '@app/pipeline';
import { RankingsModule, RankingService } from '@app/rankings';
import { TargetsService } from '../../libs/rankings/src/targets.service';
import { recordVisit, registerInvestor, registerLead } from '../factories/investor.factory';
import { changeStage, gates, openProject } from '../factories/project.factory';
import { actingUser } from '../factories/user.factory';
import { createServiceTestModule, ServiceTest } from '../support/service-test';

describe(RankingService.name, () => {
  let s: ServiceTest;
  let rankings: RankingService;

  beforeAll(async () => {
    s = await createServiceTestModule({ imports: [InvestorsModule, PipelineModule, RankingsModule] });
    rankings = s.get(RankingService);
    // B03: two visits in November (one in week 47), one signing in November; B07: one larger signing in October
    const b03 = await actingUser(s, { bureauCode: 'B03' });
    const b07 = await actingUser(s, { bureauCode: 'B07' });
    const lead = await registerLead(s, b03.actor, (await registerInvestor(s, b03.actor)).id);
    await recordVisit(s, b03.actor, lead.id, { date: '2026-11-04' });
    await recordVisit(s, b03.actor, lead.id, { date: '2026-11-18' });
    const signedIn = async (who: typeof b03, signedDate: string, amount: string) => {
      const project = await openProject(s, who.actor, (await registerInvestor(s, who.actor)).id);
      await changeStage(s, who.actor, project, {
        to: Stage.Signed,
        deal: gates.deal({ signedDate, amount, agreementType: AgreementType.Formal }),
      });
    };
    await signedIn(b03, '2026-11-10', '3000.00');
    await signedIn(b07, '2026-10-20', '5000.00');
  });
  afterAll(async () => {
    await s.close();
  });

  const rowOf = (ranking: Awaited<ReturnType<RankingService['ranking']>>, code: string) => {
    const row = ranking.rows.find((r) => r.bureau.code === code);
    if (!row) throw new Error(`no row for ${code}`);
    return row;
  };

  it('counts each record in the period of its own business date, from the rollups', async () => {
    const november = await rankings.ranking('month', '2026-11-30');
    expect(november.period).toMatchObject({ kind: 'month', from: '2026-11-01', to: '2026-12-01' });
    expect(rowOf(november, 'B03').figures).toMatchObject({ visits: 2, signedCount: 1, signedAmount: '3000.00' });
    expect(rowOf(november, 'B07').figures).toMatchObject({ visits: 0, signedCount: 0, signedAmount: '0.00' });

    const week47 = await rankings.ranking('week', '2026-11-18');
    expect(week47.period.label).toBe('2026-W47');
    expect(rowOf(week47, 'B03').figures).toMatchObject({ visits: 1, signedCount: 0 });

    const ytd = await rankings.ranking('ytd', '2026-11-30');
    expect(rowOf(ytd, 'B07').figures).toMatchObject({ signedCount: 1, signedAmount: '5000.00' });
  });

  it('ranks by score, then signed amount, with bureaus equal on both sharing a rank listed by code', async () => {
    const october = await rankings.ranking('month', '2026-10-31');
    expect(rowOf(october, 'B07').rank).toBe(1);
    const rest = october.rows.filter((row) => row.bureau.code !== 'B07');
    expect(new Set(rest.map((row) => row.rank))).toEqual(new Set([2]));
    expect(rest.map((row) => row.bureau.code)).toEqual([...rest.map((row) => row.bureau.code)].sort());
  });

  it('shows the rank change against the previous period of the same kind', async () => {
    const november = await rankings.ranking('month', '2026-11-30');
    // B07 led October alone and has nothing in November: it falls from 1 to the shared rank behind B03
    expect(rowOf(november, 'B03')).toMatchObject({ rank: 1, rankChange: 1 });
    expect(rowOf(november, 'B07')).toMatchObject({ rank: 2, rankChange: -1 });
  });

  it("measures completion against the bureau's annual targets set through TargetsService", async () => {
    const admin = await actingUser(s, { role: Role.Admin });
    await s.get(TargetsService).put(admin.actor, 2026, [
      {
        bureauCode: 'B03',
        visits: 8,
        newLeads: 10,
        signedCount: 4,
        signedAmount: '30000.00',
        startedCount: 2,
        fundsInPlace: '10000.00',
      },
    ]);

    const ytd = await rankings.ranking('ytd', '2026-11-30');
    expect(rowOf(ytd, 'B03').completion).toMatchObject({ visits: 0.25, signedCount: 0.25, signedAmount: 0.1 });
    expect(rowOf(ytd, 'B03').behind).toBe(true);
  });

  it('refuses a date that is not a calendar date', async () => {
    await expect(rankings.ranking('month', '2026-02-30')).rejects.toMatchObject({ code: 'INVALID_DATE' });
  });
});
