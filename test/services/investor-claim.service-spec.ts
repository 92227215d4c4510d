import { TransactionRunner } from '@app/core';
import { InvestorClaimService, InvestorsExceptionCode, InvestorsModule, LeadService } from '@app/investors';
import { PipelineModule, Stage } from '@app/pipeline';
import { RankingsModule } from '@app/rankings';
import { BureauRepository } from '@app/identity';
import { registerInvestor, registerLead } from '../factories/investor.factory';
import { changeStage, openProject } from '../factories/project.factory';
import { actingUser } from '../factories/user.factory';
import { createServiceTestModule, ServiceTest } from '../support/service-test';

describe(InvestorClaimService.name, () => {
  let s: ServiceTest;
  let claims: InvestorClaimService;
  let inTransaction: TransactionRunner['run'];
  let bureauId: (code: string) => Promise<string>;

  beforeAll(async () => {
    s = await createServiceTestModule({ imports: [InvestorsModule, PipelineModule, RankingsModule] });
    claims = s.get(InvestorClaimService);
    const transactions = s.get(TransactionRunner);
    inTransaction = (work) => transactions.run(work);
    bureauId = async (code) => (await s.get(BureauRepository).findByCode(code))!.id;
  });
  afterAll(async () => {
    await s.close();
  });

  it('gives an unclaimed investor to the first bureau and keeps it there on a second claim of the same bureau', async () => {
    const { actor } = await actingUser(s, { bureauCode: 'B01' });
    const investor = await registerInvestor(s, actor);
    const b01 = await bureauId('B01');

    await inTransaction((tx) => claims.claim(investor.id, b01, tx));
    await inTransaction((tx) => claims.claim(investor.id, b01, tx));

    await expect(claims.ownerOf(investor.id)).resolves.toMatchObject({ bureau: { code: 'B01' }, leadId: null });
  });

  it("refuses another bureau's claim, whatever the path, naming the owner", async () => {
    const { actor } = await actingUser(s, { bureauCode: 'B02' });
    const other = await actingUser(s, { bureauCode: 'B03' });
    const investor = await registerInvestor(s, actor);
    await openProject(s, actor, investor.id);

    // a project holds the claim as a lead does: neither a lead nor a project of another bureau may take it
    await expect(registerLead(s, other.actor, investor.id)).rejects.toMatchObject({
      code: InvestorsExceptionCode.DuplicateLead,
      details: { bureau: { code: 'B02' }, leadId: null },
    });
    await expect(openProject(s, other.actor, investor.id)).rejects.toMatchObject({
      code: InvestorsExceptionCode.DuplicateLead,
    });
    const b03 = await bureauId('B03');
    await expect(inTransaction((tx) => claims.claim(investor.id, b03, tx))).rejects.toMatchObject({
      code: InvestorsExceptionCode.DuplicateLead,
    });
  });

  it('keeps the claim while the bureau still has a live project, and releases it when nothing rests on it', async () => {
    const { actor } = await actingUser(s, { bureauCode: 'B04' });
    const investor = await registerInvestor(s, actor);
    const lead = await registerLead(s, actor, investor.id);
    const project = await openProject(s, actor, investor.id);
    const b04 = await bureauId('B04');

    await s.get(LeadService).drop(actor, lead.id, { reason: '改以项目推进' });
    await expect(claims.ownerOf(investor.id)).resolves.toMatchObject({ bureau: { code: 'B04' } });

    await changeStage(s, actor, project, { to: Stage.Terminated, reason: '企业投资计划取消' });
    await inTransaction((tx) => claims.release(investor.id, b04, tx));
    await expect(claims.ownerOf(investor.id)).resolves.toBeNull();
  });

  it('refuses to move the claim away from a bureau that still has a live project on the investor', async () => {
    const { actor } = await actingUser(s, { bureauCode: 'B05' });
    const investor = await registerInvestor(s, actor);
    await openProject(s, actor, investor.id);
    const [b05, b06] = [await bureauId('B05'), await bureauId('B06')];

    await expect(inTransaction((tx) => claims.move(investor.id, b05, b06, tx))).rejects.toMatchObject({
      code: InvestorsExceptionCode.TransferNotPending,
    });
    await expect(claims.ownerOf(investor.id)).resolves.toMatchObject({ bureau: { code: 'B05' } });
  });
});
