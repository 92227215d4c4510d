import { BureauRefView, UserRefView } from '@app/identity';
import { InvestorRefView } from '@app/investors';
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
import { AgreementType, LiveStage, Stage } from '../stage';

const STAGES = `'reserve', 'negotiating', 'signed', 'registered', 'started', 'operating'`;

/**
 * A project (项目) in the conversion pipeline. Its stage changes only through stage events; the gate dates
 * here are cached from those events for filtering.
 */
@Entity('project')
@Check('chk_project_stage', `stage IN (${STAGES}, 'terminated')`)
@Check('chk_project_terminated_from', `terminated_from_stage IS NULL OR terminated_from_stage IN (${STAGES})`)
@Check('chk_project_agreement_type', `agreement_type IS NULL OR agreement_type IN ('framework', 'formal')`)
@Check(
  'chk_project_amounts',
  `(planned_investment IS NULL OR planned_investment >= 0) AND (signed_amount IS NULL OR signed_amount >= 0)`,
)
@Check('chk_project_version', `version >= 1`)
@Index('uq_project_lead', ['leadId'], { unique: true, where: 'lead_id IS NOT NULL' })
// the list's default order (updated_at DESC, id) by bureau, and by bureau and stage (the board's columns): the
// migration declares id descending, which TypeORM cannot
@Index('idx_project_bureau_stage_updated', { synchronize: false })
@Index('idx_project_bureau_updated', { synchronize: false })
@Index('idx_project_investor', ['investorId'])
@Index('idx_project_leader', ['responsibleLeaderId'])
@Index('idx_project_signed_at', ['signedAt'])
@Index('idx_project_started_at', ['startedAt'])
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @ForeignKey('investor', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  investorId: string;

  /** Named through the investors' reference view when a query joins it. */
  investor?: InvestorRefView;

  /** The owner bureau. */
  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  bureauId: string;

  /** Named through identity's reference view when a query joins it. */
  bureau?: BureauRefView;

  /** The lead this project was converted from, if any. */
  @ForeignKey('lead', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  /** 计划投资（万元）, exact. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  plannedInvestment: string | null;

  /** 项目地点/园区. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  /** 重点项目. */
  @Column({ type: 'boolean', default: false })
  isKeyProject: boolean;

  /** 计划开工月份, YYYY-MM. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  plannedStartMonth: string | null;

  /** 包保领导: a user with the leader role. */
  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  responsibleLeaderId: string | null;

  /** Named through identity's reference view when a query joins it. */
  responsibleLeader?: UserRefView | null;

  /** 具办人: a user of the owner bureau. */
  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  officerId: string;

  /** Named through identity's reference view when a query joins it. */
  officer?: UserRefView;

  @Column({ type: 'varchar', length: 12 })
  stage: Stage;

  /** Optimistic concurrency: every change is made against the version the client read. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 12, nullable: true })
  terminatedFromStage: LiveStage | null;

  /** Business date of the first signing (a project counts once as signed). */
  @Column({ type: 'date', nullable: true })
  signedAt: string | null;

  /** 签约金额（万元）of the current deal. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  signedAmount: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  agreementType: AgreementType | null;

  @Column({ type: 'date', nullable: true })
  registeredAt: string | null;

  @Column({ type: 'varchar', length: 18, nullable: true })
  localCompanyUscc: string | null;

  @Column({ type: 'date', nullable: true })
  startedAt: string | null;

  @Column({ type: 'date', nullable: true })
  operatingAt: string | null;

  @Column({ type: 'date', nullable: true })
  terminatedAt: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  terminatedReason: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
