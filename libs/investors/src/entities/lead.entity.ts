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
  UpdateDateColumn,
} from 'typeorm';
import { LeadSource, LeadStatus } from '../lead-source';
import { InvestorEntity } from './investor.entity';

export const OPEN_LEAD_INDEX = 'uq_lead_open_investor';

/** An investment intention (线索) owned by one bureau and one officer. */
@Entity('lead')
@Check(
  'chk_lead_source',
  `source IN ('business_referral', 'fair', 'agency', 'visit', 'higher_level', 'online', 'other')`,
)
@Check('chk_lead_status', `status IN ('open', 'converted', 'dropped')`)
@Check('chk_lead_amount', `intended_amount IS NULL OR intended_amount >= 0`)
// 撞单: at most one open lead per investor in the whole district, decided by the database
@Index(OPEN_LEAD_INDEX, ['investorId'], { unique: true, where: `status = 'open'` })
@Index('idx_lead_investor', ['investorId'])
@Index('idx_lead_bureau_created', ['bureauId', 'createdAt'])
@Index('idx_lead_bureau_status_created', ['bureauId', 'status', 'createdAt'])
@Index('idx_lead_bureau_registered', ['bureauId', 'registeredAt'])
@Index('idx_lead_officer', ['officerId'])
@Index('idx_lead_bureau_follow_up', ['bureauId', 'nextFollowUpAt'])
export class LeadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  investorId: string;

  @ManyToOne(() => InvestorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'investor_id' })
  investor?: InvestorEntity;

  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  bureauId: string;

  /** Named through identity's reference view when a query joins it. */
  bureau?: BureauRefView;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  officerId: string;

  /** Named through identity's reference view when a query joins it. */
  officer?: UserRefView;

  @Column({ type: 'varchar', length: 20 })
  source: LeadSource;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  /** 万元, exact. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  intendedAmount: string | null;

  @Column({ type: 'date', nullable: true })
  nextFollowUpAt: string | null;

  /** 登记日期: the business day the lead counts as new on (entry day unless an import or a head says otherwise). */
  @Column({ type: 'date' })
  registeredAt: string;

  @Column({ type: 'date', nullable: true })
  lastContactAt: string | null;

  @Column({ type: 'varchar', length: 12, default: LeadStatus.Open })
  status: LeadStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  dropReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
