import { DomainException, Role } from '@app/core';
import {
  InvestorClaimService,
  InvestorsExceptionCode,
  InvestorsModule,
  LeadRepository,
  LeadService,
  LeadStatus,
} from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { RankingsModule } from '@app/rankings';
import { LeadTransferService } from '../../libs/investors/src/lead-transfer.service';
import { registerInvestor, registerLead } from '../factories/investor.factory';
import { actingUser } from '../factories/user.factory';
import { createServiceTestModule, listQuery, ServiceTest } from '../support/service-test';
import { LeadQueryDto } from '../../libs/investors/src/dto/lead.dto';

describe(LeadService.name, () => {
  let s: ServiceTest;
  let leads: LeadService;

  beforeAll(async () => {
    s = await createServiceTestModule({ imports: [InvestorsModule, PipelineModule, RankingsModule] });
    leads = s.get(LeadService);
  });
  afterAll(async () => {
    await s.close();
  });

  it("registers an open lead as the staff member's own and gives the bureau the investor's claim", async () => {
    const { user, actor } = await actingUser(s, { bureauCode: 'B03' });
    const investor = await registerInvestor(s, actor);

    const lead = await registerLead(s, actor, investor.id, { intendedAmount: '800' });

    expect(lead).toMatchObject({ status: LeadStatus.Open, bureau: { code: 'B03' }, intendedAmount: '800.00' });
    expect(lead.officer.id).toBe(user.id);
    const owner = await s.get(InvestorClaimService).ownerOf(investor.id);
    expect(owner).toMatchObject({ bureau: { code: 'B03' }, leadId: lead.id });
    const stored = await s.get(LeadRepository).findById(lead.id, null);
    expect(stored?.bureauId).toBe(user.bureauId);
  });

  it('refuses a second bureau the same investor (撞单), naming the owner bureau and the date', async () => {
    const first = await actingUser(s, { bureauCode: 'B01' });
    const second = await actingUser(s, { bureauCode: 'B02' });
    const investor = await registerInvestor(s, first.actor);
    const lead = await registerLead(s, first.actor, investor.id);

    const refused = registerLead(s, second.actor, investor.id);

    await expect(refused).rejects.toBeInstanceOf(DomainException);
    await expect(refused).rejects.toMatchObject({
      code: InvestorsExceptionCode.DuplicateLead,
      message: expect.stringContaining(`B01`),
      details: { leadId: lead.id, bureau: { code: 'B01' }, since: lead.registeredAt },
    });
    const open = await leads.list(
      second.actor,
      listQuery(LeadQueryDto, { page: 1, pageSize: 20, investorId: investor.id }),
    );
    expect(open.total).toBe(0);
  });

  it('lets a staff member register only leads they follow themselves', async () => {
    const staff = await actingUser(s, { bureauCode: 'B01' });
    const colleague = await actingUser(s, { bureauCode: 'B01' });
    const investor = await registerInvestor(s, staff.actor);

    await expect(registerLead(s, staff.actor, investor.id, { officerId: colleague.user.id })).rejects.toMatchObject({
      code: InvestorsExceptionCode.InvalidOfficer,
    });
  });

  it('drops an open lead with its reason, releases the claim, and refuses to drop it again', async () => {
    const first = await actingUser(s, { bureauCode: 'B04' });
    const second = await actingUser(s, { bureauCode: 'B05' });
    const investor = await registerInvestor(s, first.actor);
    const lead = await registerLead(s, first.actor, investor.id);

    const dropped = await leads.drop(first.actor, lead.id, { reason: '企业投资计划取消' });

    expect(dropped).toMatchObject({ status: LeadStatus.Dropped, dropReason: '企业投资计划取消' });
    await expect(s.get(InvestorClaimService).ownerOf(investor.id)).resolves.toBeNull();
    await expect(leads.drop(first.actor, lead.id, { reason: '再次放弃' })).rejects.toMatchObject({
      code: InvestorsExceptionCode.LeadNotOpen,
    });
    // the investor is free: another bureau may take it up now
    await expect(registerLead(s, second.actor, investor.id)).resolves.toMatchObject({ bureau: { code: 'B05' } });
  });

  it("hides another bureau's lead from staff: dropping it is not found", async () => {
    const owner = await actingUser(s, { bureauCode: 'B06' });
    const outsider = await actingUser(s, { bureauCode: 'B07' });
    const lead = await registerLead(s, owner.actor, (await registerInvestor(s, owner.actor)).id);

    await expect(leads.drop(outsider.actor, lead.id, { reason: '越权' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(leads.get(owner.actor, lead.id)).resolves.toMatchObject({ status: LeadStatus.Open });
  });

  it("moves a lead and the investor's claim to the requesting bureau once the owner's head approves", async () => {
    const transfers = s.get(LeadTransferService);
    const owner = await actingUser(s, { bureauCode: 'B08' });
    const ownerHead = await actingUser(s, { bureauCode: 'B08', role: Role.BureauHead });
    const requester = await actingUser(s, { bureauCode: 'B09' });
    const investor = await registerInvestor(s, owner.actor);
    const lead = await registerLead(s, owner.actor, investor.id);

    const request = await transfers.request(requester.actor, lead.id, {
      toBureauCode: 'B09',
      reason: '企业拟落户本局园区',
    });
    await expect(
      transfers.request(requester.actor, lead.id, { toBureauCode: 'B09', reason: '再次申请' }),
    ).rejects.toMatchObject({ code: InvestorsExceptionCode.TransferPending });
    const approved = await transfers.approve(ownerHead.actor, request.id, { note: '同意' });

    expect(approved).toMatchObject({ status: 'approved', toBureau: { code: 'B09' } });
    await expect(leads.get(requester.actor, lead.id)).resolves.toMatchObject({
      bureau: { code: 'B09' },
      officer: { id: requester.user.id },
    });
    await expect(s.get(InvestorClaimService).ownerOf(investor.id)).resolves.toMatchObject({ bureau: { code: 'B09' } });
    await expect(transfers.approve(ownerHead.actor, request.id, {})).rejects.toBeInstanceOf(DomainException);
  });
});
