import { BureauRefView } from '@app/identity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TargetTier } from '../chain';

/**
 * A company worth approaching on a link (招商目标企业), the bureau the leaders assigned it to (分工) and, once a
 * bureau turned it into a lead, the investor and the lead it became.
 */
@Entity('chain_target')
@Check('chk_chain_target_tier', `tier IN ('chain_leader', 'head', 'listed', 'specialized', 'other')`)
@Index('uq_chain_target_name', ['linkId', 'normalizedName'], { unique: true })
@Index('idx_chain_target_bureau', ['bureauId'])
@Index('idx_chain_target_investor', ['investorId'])
export class ChainTargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('chain_link', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  linkId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  normalizedName: string;

  @Column({ type: 'varchar', length: 18, nullable: true })
  uscc: string | null;

  @Column({ type: 'varchar', length: 12 })
  tier: TargetTier;

  @Column({ type: 'varchar', length: 100, nullable: true })
  region: string | null;

  /** 推荐理由. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** 分工: the bureau that works it, set by leaders; null while unassigned. */
  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  bureauId: string | null;

  /** Named through identity's reference view when a query joins it. */
  bureau?: BureauRefView | null;

  @ForeignKey('investor', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  investorId: string | null;

  @ForeignKey('lead', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  /** The business day it was listed (the district's calendar, from the app's clock). */
  @Column({ type: 'date' })
  listedOn: string;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  createdById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
