import { BureauRefView, UserRefView } from '@app/identity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
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

  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  fromBureauId: string;

  /** Named through identity's reference view when a query joins it. */
  fromBureau?: BureauRefView;

  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  toBureauId: string;

  /** Named through identity's reference view when a query joins it. */
  toBureau?: BureauRefView;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  requestedById: string;

  /** Named through identity's reference view when a query joins it. */
  requestedBy?: UserRefView;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 10, default: TransferStatus.Pending })
  status: TransferStatus;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  /** Named through identity's reference view when a query joins it. */
  decidedBy?: UserRefView | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
