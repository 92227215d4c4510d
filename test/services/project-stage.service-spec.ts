import { BusinessClock, Role } from '@app/core';
import { InvestorClaimService, InvestorsExceptionCode, InvestorsModule, LeadStatus, LeadService } from '@app/investors';
import {
  AgreementType,
  PipelineExceptionCode,
  PipelineModule,
  ProjectService,
  Stage,
  StageService,
} from '@app/pipeline';
import { RankingsModule } from '@app/rankings';
import { registerInvestor, registerLead } from '../factories/investor.factory';
import { changeStage, gates, openProject } from '../factories/project.factory';
import { actingUser } from '../factories/user.factory';
import { createServiceTestModule, ServiceTest } from '../support/service-test';

describe(`${ProjectService.name} and ${StageService.name}`, () => {
  let s: ServiceTest;

  beforeAll(async () => {
    s = await createServiceTestModule({ imports: [InvestorsModule, PipelineModule, RankingsModule] });
  });
  afterAll(async () => {
    await s.close();
  });

  async function reserveProject(bureauCode = 'B01') {
    const staff = await actingUser(s, { bureauCode });
    const project = await openProject(s, staff.actor, (await registerInvestor(s, staff.actor)).id);
    return { ...staff, project };
  }

  it("creates a reserve project of the staff member's bureau at version 1, claiming its investor", async () => {
    const { user, actor, project } = await reserveProject('B02');

    expect(project).toMatchObject({
      stage: Stage.Reserve,
      version: 1,
      bureau: { code: 'B02' },
      officer: { id: user.id },
    });
    await expect(s.get(InvestorClaimService).ownerOf(project.investor.id)).resolves.toMatchObject({
      bureau: { code: 'B02' },
    });
    await expect(s.get(ProjectService).get(actor, project.id)).resolves.toMatchObject({ id: project.id });
  });

  it('enters signed only with its deal, and records the deal, the version and the stage event', async () => {
    const { actor, project } = await reserveProject();

    await expect(changeStage(s, actor, project, { to: Stage.Signed })).rejects.toMatchObject({
      code: PipelineExceptionCode.GateDataRequired,
    });
    const signed = await changeStage(s, actor, project, {
      to: Stage.Signed,
      deal: gates.deal({ amount: '12500', agreementType: AgreementType.Formal }),
    });

    expect(signed).toMatchObject({
      stage: Stage.Signed,
      version: 2,
      signedAmount: '12500.00',
      agreementType: 'formal',
    });
    const timeline = await s.get(StageService).timeline(actor, project.id);
    const events = timeline.items.flatMap((item) => (item.stageEvent ? [item.stageEvent] : []));
    // the event is dated by the deal's signing, not by the day it was entered (the timeline runs by date)
    expect(events.map((event) => [event.fromStage, event.toStage, event.businessDate])).toEqual([
      [Stage.Reserve, Stage.Signed, '2026-03-18'],
      [null, Stage.Reserve, s.get(BusinessClock).today()],
    ]);
    expect(timeline).toMatchObject({ stage: Stage.Signed, version: 2 });
  });

  it('skips stages forward only when every skipped gate is given', async () => {
    const { actor, project } = await reserveProject();

    await expect(
      changeStage(s, actor, project, { to: Stage.Started, deal: gates.deal(), start: gates.start() }),
    ).rejects.toMatchObject({ code: PipelineExceptionCode.GateDataRequired });
    const started = await changeStage(s, actor, project, {
      to: Stage.Started,
      deal: gates.deal(),
      registration: gates.registration(),
      start: gates.start(),
    });

    expect(started).toMatchObject({ stage: Stage.Started, registeredAt: '2026-05-12', startedAt: '2026-07-01' });
  });

  it('refuses a change against a stale version and leaves the project as the first change made it', async () => {
    const { actor, project } = await reserveProject();
    await changeStage(s, actor, project, { to: Stage.Negotiating });

    await expect(
      changeStage(s, actor, project, { to: Stage.Terminated, reason: '企业战略调整' }),
    ).rejects.toMatchObject({ code: PipelineExceptionCode.StaleVersion });
    await expect(s.get(ProjectService).get(actor, project.id)).resolves.toMatchObject({
      stage: Stage.Negotiating,
      version: 2,
    });
  });

  it('lets only a leader or admin move a project backwards, with a reason', async () => {
    const { actor, project } = await reserveProject();
    const negotiating = await changeStage(s, actor, project, { to: Stage.Negotiating });
    const leader = await actingUser(s, { role: Role.Leader });

    await expect(changeStage(s, actor, negotiating, { to: Stage.Reserve, reason: '退回' })).rejects.toMatchObject({
      code: PipelineExceptionCode.CorrectionNotAllowed,
    });
    await expect(changeStage(s, leader.actor, negotiating, { to: Stage.Reserve })).rejects.toMatchObject({
      code: PipelineExceptionCode.ReasonRequired,
    });
    await expect(
      changeStage(s, leader.actor, negotiating, { to: Stage.Reserve, reason: '前期论证不充分，退回储备' }),
    ).resolves.toMatchObject({ stage: Stage.Reserve, version: 3 });
  });

  it('converts an open lead into a negotiating project of the same bureau and closes the lead', async () => {
    const { actor } = await actingUser(s, { bureauCode: 'B03' });
    const lead = await registerLead(s, actor, (await registerInvestor(s, actor)).id);

    const project = await s.get(ProjectService).convert(actor, lead.id, { name: '六氟磷酸锂扩产项目' });

    expect(project).toMatchObject({ stage: Stage.Negotiating, leadId: lead.id, bureau: { code: 'B03' } });
    await expect(s.get(LeadService).get(actor, lead.id)).resolves.toMatchObject({ status: LeadStatus.Converted });
    await expect(s.get(ProjectService).convert(actor, lead.id, { name: '再次转化' })).rejects.toMatchObject({
      code: InvestorsExceptionCode.LeadNotOpen,
    });
  });
});
