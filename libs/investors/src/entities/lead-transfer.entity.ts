import { BureauEntity, UserEntity } from '@app/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TransferStatus } from '../lead-source';
import { LeadEntity } from './lead.entity';

export const PENDING_TRANSFER_INDEX = 'uq_lead_transfer_pending';

/** A request to move a lead to another bureau; the owner bureau's head or a leader decides. */
@Entity('lead_transfer')
@Check('chk_lead_transfer_status', `status IN ('pending', 'approved', 'rejected')`)
@Index(PENDING_TRANSFER_INDEX, ['leadId'], { unique: true, where: `status = 'pending'` })
@Index('idx_lead_transfer_from', ['fromBureauId', 'status'])
@Index('idx_lead_transfer_to', ['toBureauId', 'status'])
export class LeadTransferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  leadId: string;

  @ManyToOne(() => LeadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: LeadEntity;

  @Column({ type: 'uuid' })
  fromBureauId: string;

  @ManyToOne(() => BureauEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_bureau_id' })
  fromBureau?: BureauEntity;

  @Column({ type: 'uuid' })
  toBureauId: string;

  @ManyToOne(() => BureauEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_bureau_id' })
  toBureau?: BureauEntity;

  @Column({ type: 'uuid' })
  requestedById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: UserEntity;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 10, default: TransferStatus.Pending })
  status: TransferStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => UserEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_id' })
  decidedBy?: UserEntity | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
