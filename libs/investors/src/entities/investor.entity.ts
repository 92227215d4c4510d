import { BureauRefView, UserRefView } from '@app/identity';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LeadEntity } from './lead.entity';

/** A company in the district-wide registry of investors (客商), shared by every bureau. */
@Entity('investor')
@Index('uq_investor_uscc', ['uscc'], { unique: true, where: 'uscc IS NOT NULL' })
// one registration per company: names that normalise equal are the same company (撞单)
@Index('uq_investor_normalized_name', ['normalizedName'], { unique: true })
// a GIN trigram index for near-duplicate names; TypeORM cannot declare the operator class, the migration does
@Index('idx_investor_normalized_name_trgm', { synchronize: false })
// the registry's names for text search (trigrams, created by the migration) and for sorting by name
@Index('idx_investor_name_trgm', { synchronize: false })
@Index('idx_investor_name', ['name'])
@Index('idx_investor_created', ['createdAt'])
@Index('idx_investor_industry_created', ['industry', 'createdAt'])
export class InvestorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** normalizeCompanyName(name), kept for duplicate checks. */
  @Column({ type: 'varchar', length: 200 })
  normalizedName: string;

  @Column({ type: 'varchar', length: 18, nullable: true })
  uscc: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  /** 产业链环节, e.g. 上游原材料 / 中游制造 / 下游应用. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  chainPosition: string | null;

  /** 链主/头部企业. */
  @Column({ type: 'boolean', default: false })
  isChainLeader: boolean;

  /** 来源地, e.g. 江苏省苏州市. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  region: string | null;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  createdById: string;

  /** Named through identity's reference view when a query joins it. */
  createdBy?: UserRefView;

  /** The bureau that registered the company; it may edit the record (besides leaders and admins). */
  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  createdByBureauId: string | null;

  /** Named through identity's reference view when a query joins it. */
  createdByBureau?: BureauRefView | null;

  /**
   * The one bureau that claims the company (撞单): the bureau of its open lead or of its live projects, null
   * while none does. Only InvestorClaimService sets it; one column, so never two bureaus.
   */
  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  claimedByBureauId: string | null;

  /** Named through identity's reference view when a query joins it. */
  claimedByBureau?: BureauRefView | null;

  /** Since when that bureau holds its claim (the date a 撞单 answer names). */
  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** The district's one open lead on this company, when a query joins it (not a column). */
  openLead?: LeadEntity | null;
}
