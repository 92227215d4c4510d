import {
  Actor,
  AuditService,
  bureauScopeOf,
  BUREAU_ROLES,
  ForbiddenException,
  NotFoundException,
  Page,
  pageOf,
  Role,
  TransactionRunner,
} from '@app/core';
import { BureauRepository } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { CreateTransferDto, DecideTransferDto, TransferDto, TransferQueryDto } from './dto/lead.dto';
import { LeadTransferEntity, PENDING_TRANSFER_INDEX } from './entities/lead-transfer.entity';
import { InvestorsException, InvestorsExceptionCode as Code, UniqueIndexViolation } from './investors.exception';
import { toTransferDto } from './investors.mapper';
import { LeadStatus, TransferStatus } from './lead-source';
import { InvestorClaimService } from './investor-claim.service';
import { LeadTransferRepository } from './lead-transfer.repository';
import { LeadEntity } from './entities/lead.entity';
import { LeadRepository } from './lead.repository';

/**
 * Ownership of a lead moves only by transfer: a user of another bureau asks for it, and the owner
 * bureau's head or a county leader decides. On approval the requester becomes the officer.
 */
@Injectable()
export class LeadTransferService {
  constructor(
    private readonly transfers: LeadTransferRepository,
    private readonly leads: LeadRepository,
    private readonly claims: InvestorClaimService,
    private readonly bureaus: BureauRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: TransferQueryDto): Promise<Page<TransferDto>> {
    const [rows, total] = await this.transfers.list(bureauScopeOf(actor), query.status, query.skip, query.pageSize);
    return pageOf(rows.map(toTransferDto), total, query);
  }

  /**
   * Any bureau user may ask for another bureau's open lead, for their own bureau: the 撞单 answer named
   * the lead, so the lead is looked up district-wide here.
   */
  async request(actor: Actor, leadId: string, dto: CreateTransferDto): Promise<TransferDto> {
    if (!BUREAU_ROLES.includes(actor.role) || !actor.bureauId) throw new ForbiddenException();
    if (dto.toBureauCode.toUpperCase() !== actor.bureauCode) {
      throw new InvestorsException(Code.NotOwnBureau, '只能申请把线索转交到本人所在的招商局');
    }
    const toBureau = await this.bureaus.findByCode(dto.toBureauCode);
    if (!toBureau) throw new InvestorsException(Code.UnknownBureau, `招商局 ${dto.toBureauCode} 不存在`);
    const lead = await this.leads.findById(leadId, null);
    if (!lead) throw new NotFoundException('线索');
    if (lead.status !== LeadStatus.Open) throw new InvestorsException(Code.LeadNotOpen, '只有跟进中的线索可以转交');
    if (lead.bureauId === toBureau.id) {
      throw new InvestorsException(Code.TransferToOwner, '线索已属于本局，无需申请转交');
    }
    try {
      const transfer = await this.transactions.run(async (tx) => {
        const created = await this.transfers.insert(
          {
            leadId: lead.id,
            fromBureauId: lead.bureauId,
            toBureauId: toBureau.id,
            requestedById: actor.userId,
            reason: dto.reason,
          },
          tx,
        );
        await this.audit.record(
          actor,
          {
            action: 'lead_transfer.request',
            entity: 'lead_transfer',
            entityId: created.id,
            after: { leadId: lead.id, from: lead.bureau?.code, to: toBureau.code, reason: dto.reason },
          },
          tx,
        );
        return created;
      });
      return toTransferDto(transfer);
    } catch (error) {
      if (error instanceof UniqueIndexViolation && error.index === PENDING_TRANSFER_INDEX) {
        throw new InvestorsException(Code.TransferPending, '该线索已有待审批的转交申请');
      }
      throw error;
    }
  }

  async approve(actor: Actor, id: string, dto: DecideTransferDto): Promise<TransferDto> {
    const transfer = await this.findDecidable(actor, id);
    const decided = await this.transactions.run(async (tx) => {
      await this.claims.lock((transfer.lead as LeadEntity).investorId, tx);
      const lead = await this.leads.lockById(transfer.leadId, tx);
      if (!lead || lead.status !== LeadStatus.Open || lead.bureauId !== transfer.fromBureauId) {
        throw new InvestorsException(Code.TransferNotPending, '线索已变化（已转化、放弃或已转交），该申请不能再批准');
      }
      const ok = await this.transfers.decide(
        id,
        { status: TransferStatus.Approved, decidedById: actor.userId, decisionNote: dto.note ?? null },
        tx,
      );
      if (!ok) throw new InvestorsException(Code.TransferNotPending, '该转交申请已处理');
      await this.claims.move(lead.investorId, lead.bureauId, transfer.toBureauId, tx);
      await this.leads.update(lead.id, { bureauId: transfer.toBureauId, officerId: transfer.requestedById }, tx);
      await this.audit.record(
        actor,
        {
          action: 'lead_transfer.approve',
          entity: 'lead_transfer',
          entityId: id,
          before: { status: TransferStatus.Pending },
          after: { status: TransferStatus.Approved, note: dto.note ?? null },
        },
        tx,
      );
      await this.audit.record(
        actor,
        {
          action: 'lead.transfer',
          entity: 'lead',
          entityId: lead.id,
          before: { bureau: transfer.fromBureau?.code, officerId: lead.officerId },
          after: { bureau: transfer.toBureau?.code, officerId: transfer.requestedById, transferId: id },
        },
        tx,
      );
      return (await this.transfers.findById(id, null, tx)) as LeadTransferEntity;
    });
    return toTransferDto(decided);
  }

  async reject(actor: Actor, id: string, dto: DecideTransferDto): Promise<TransferDto> {
    await this.findDecidable(actor, id);
    const decided = await this.transactions.run(async (tx) => {
      const ok = await this.transfers.decide(
        id,
        { status: TransferStatus.Rejected, decidedById: actor.userId, decisionNote: dto.note ?? null },
        tx,
      );
      if (!ok) throw new InvestorsException(Code.TransferNotPending, '该转交申请已处理');
      await this.audit.record(
        actor,
        {
          action: 'lead_transfer.reject',
          entity: 'lead_transfer',
          entityId: id,
          before: { status: TransferStatus.Pending },
          after: { status: TransferStatus.Rejected, note: dto.note ?? null },
        },
        tx,
      );
      return (await this.transfers.findById(id, null, tx)) as LeadTransferEntity;
    });
    return toTransferDto(decided);
  }

  /** A pending transfer the actor may decide: a leader any, a head those out of their own bureau. */
  private async findDecidable(actor: Actor, id: string): Promise<LeadTransferEntity> {
    const transfer = await this.transfers.findById(id, bureauScopeOf(actor));
    if (!transfer) throw new NotFoundException('转交申请');
    const mayDecide =
      actor.role === Role.Leader || (actor.role === Role.BureauHead && actor.bureauId === transfer.fromBureauId);
    if (!mayDecide) throw new ForbiddenException('只有线索所属招商局的局长或县级领导可以审批转交');
    if (transfer.status !== TransferStatus.Pending) {
      throw new InvestorsException(Code.TransferNotPending, '该转交申请已处理');
    }
    return transfer;
  }
}
