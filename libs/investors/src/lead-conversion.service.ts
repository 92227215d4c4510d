import { Actor, AuditService, bureauScopeOf, NotFoundException, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { LeadEntity } from './entities/lead.entity';
import { InvestorClaimService } from './investor-claim.service';
import { InvestorsException, InvestorsExceptionCode as Code } from './investors.exception';
import { LeadStatus } from './lead-source';
import { LeadTransferRepository } from './lead-transfer.repository';
import { LeadRepository } from './lead.repository';

/** What the project made of a lead takes from it. */
export type ConvertingLead = Pick<
  LeadEntity,
  'id' | 'investorId' | 'bureauId' | 'officerId' | 'industry' | 'intendedAmount' | 'status'
>;

/**
 * The lead's side of turning a lead into a project (转化): which leads may convert, and the lead's change.
 * The caller (the pipeline) makes the project inside the same transaction.
 */
@Injectable()
export class LeadConversionService {
  constructor(
    private readonly leads: LeadRepository,
    private readonly transfers: LeadTransferRepository,
    private readonly claims: InvestorClaimService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Converts an open lead within `tx`: only the lead's bureau (or a district role) may, a lead with a transfer
   * waiting for a decision may not, and the lead row is locked against a racing drop or conversion. The lead's
   * claim on the investor becomes the project's (the bureau works the investor before and after); `makeProject`
   * then creates the project from the lead, and the lead becomes converted, audited with the project's id.
   */
  async convert<P extends { id: string }>(
    actor: Actor,
    leadId: string,
    tx: Transaction,
    makeProject: (lead: ConvertingLead) => Promise<P>,
  ): Promise<P> {
    const scope = bureauScopeOf(actor);
    const seen = await this.leads.findById(leadId, scope, tx);
    if (!seen) throw new NotFoundException('线索');
    // the investor before the lead: the order every claim and release locks in
    await this.claims.lock(seen.investorId, tx);
    const lead = await this.leads.lockById(leadId, tx);
    if (!lead || (scope && lead.bureauId !== scope)) throw new NotFoundException('线索');
    if (lead.status !== LeadStatus.Open) {
      const state = lead.status === LeadStatus.Converted ? '已转化为项目' : '已放弃';
      throw new InvestorsException(Code.LeadNotOpen, `线索${state}，不能再转化`, { status: lead.status });
    }
    if (await this.transfers.hasPending(lead.id, tx)) {
      throw new InvestorsException(Code.LeadTransferPending, '线索有待审批的转交申请，审批后再转化为项目');
    }
    await this.claims.claim(lead.investorId, lead.bureauId, tx);
    const project = await makeProject(lead);
    const converted = await this.leads.update(lead.id, { status: LeadStatus.Converted, closedAt: new Date() }, tx);
    await this.audit.record(
      actor,
      {
        action: 'lead.convert',
        entity: 'lead',
        entityId: lead.id,
        before: { status: lead.status },
        after: { status: converted.status, projectId: project.id },
      },
      tx,
    );
    return project;
  }
}
