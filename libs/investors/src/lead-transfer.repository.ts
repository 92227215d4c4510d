import { Transaction } from '@app/core';
import { BureauRefView, UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { LeadTransferEntity, PENDING_TRANSFER_INDEX } from './entities/lead-transfer.entity';
import { UniqueIndexViolation } from './investors.exception';
import { TransferStatus } from './lead-source';
import { isUniqueViolation } from './query-helpers';

export type NewTransfer = Pick<
  LeadTransferEntity,
  'leadId' | 'fromBureauId' | 'toBureauId' | 'requestedById' | 'reason'
>;

@Injectable()
export class LeadTransferRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(tx?: Transaction): SelectQueryBuilder<LeadTransferEntity> {
    return this.manager(tx)
      .getRepository(LeadTransferEntity)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.lead', 'l')
      .innerJoinAndSelect('l.investor', 'i')
      .innerJoinAndMapOne('t.fromBureau', BureauRefView, 'fb', 'fb.id = t.fromBureauId')
      .innerJoinAndMapOne('t.toBureau', BureauRefView, 'tb', 'tb.id = t.toBureauId')
      .innerJoinAndMapOne('t.requestedBy', UserRefView, 'rq', 'rq.id = t.requestedById')
      .leftJoinAndMapOne('t.decidedBy', UserRefView, 'db', 'db.id = t.decidedById');
  }

  /** A bureau sees the transfers out of and into it; `null` scope sees all. */
  findById(id: string, bureauScope: string | null, tx?: Transaction): Promise<LeadTransferEntity | null> {
    const query = this.select(tx).where('t.id = :id', { id });
    if (bureauScope) query.andWhere('(t.fromBureauId = :scope OR t.toBureauId = :scope)', { scope: bureauScope });
    return query.getOne();
  }

  async list(
    bureauScope: string | null,
    status: TransferStatus | undefined,
    skip: number,
    take: number,
  ): Promise<[LeadTransferEntity[], number]> {
    const query = this.select();
    if (bureauScope) query.andWhere('(t.fromBureauId = :scope OR t.toBureauId = :scope)', { scope: bureauScope });
    if (status) query.andWhere('t.status = :status', { status });
    const [items, total] = await Promise.all([
      query.clone().orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'ASC').offset(skip).limit(take).getMany(),
      query.clone().getCount(),
    ]);
    return [items, total];
  }

  /** Throws UniqueIndexViolation when the lead already has a pending transfer. */
  async insert(transfer: NewTransfer, tx: Transaction): Promise<LeadTransferEntity> {
    const repository = tx.getRepository(LeadTransferEntity);
    let id: string;
    try {
      id = (await repository.save(repository.create({ ...transfer, status: TransferStatus.Pending }))).id;
    } catch (error) {
      if (isUniqueViolation(error, PENDING_TRANSFER_INDEX)) throw new UniqueIndexViolation(PENDING_TRANSFER_INDEX);
      throw error;
    }
    return (await this.findById(id, null, tx)) as LeadTransferEntity;
  }

  /** Decides a pending transfer; returns false when it was decided meanwhile. */
  async decide(
    id: string,
    decision: { status: TransferStatus; decidedById: string; decisionNote: string | null },
    tx: Transaction,
  ): Promise<boolean> {
    const result = await tx
      .getRepository(LeadTransferEntity)
      .update({ id, status: TransferStatus.Pending }, { ...decision, decidedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** Whether the lead has a transfer waiting for a decision. */
  async hasPending(leadId: string, tx: Transaction): Promise<boolean> {
    return (await tx.getRepository(LeadTransferEntity).countBy({ leadId, status: TransferStatus.Pending })) > 0;
  }

  /** Closes the pending transfers of a lead that stopped being open. */
  async rejectPendingOfLead(leadId: string, decidedById: string, note: string, tx: Transaction): Promise<void> {
    await tx
      .getRepository(LeadTransferEntity)
      .update(
        { leadId, status: TransferStatus.Pending },
        { status: TransferStatus.Rejected, decidedById, decisionNote: note, decidedAt: new Date() },
      );
  }
}
