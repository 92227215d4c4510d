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
import { VisitKind } from '../lead-source';
import { LeadEntity } from './lead.entity';

/**
 * A visit or talk (走访/接洽). It belongs to the bureau that made it, which keeps the credit
 * when the lead later moves to another bureau.
 */
@Entity('visit')
@Check('chk_visit_kind', `kind IN ('outbound', 'inbound', 'call', 'fair')`)
@Check('chk_visit_subject', `lead_id IS NOT NULL OR project_id IS NOT NULL`)
// the lists' orders: a bureau's or the district's visits by date (then time logged), or by time logged
@Index('idx_visit_bureau_date_created', ['bureauId', 'date', 'createdAt'])
@Index('idx_visit_bureau_kind_date_created', ['bureauId', 'kind', 'date', 'createdAt'])
@Index('idx_visit_date_created', ['date', 'createdAt'])
@Index('idx_visit_bureau_created', ['bureauId', 'createdAt'])
@Index('idx_visit_lead_date', ['leadId', 'date'])
@Index('idx_visit_project_date', ['projectId', 'date'], { where: 'project_id IS NOT NULL' })
@Index('idx_visit_officer_date', ['officerId', 'date'])
export class VisitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne(() => LeadEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_id' })
  lead?: LeadEntity | null;

  /** For visits about a project once the pipeline exists. */
  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;

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

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 10 })
  kind: VisitKind;

  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  participants: string | null;

  /** County-level leaders (users with the leader role) who took part: 领导带队走请. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  leaderIds: string[];

  @Column({ type: 'boolean', default: false })
  leaderLed: boolean;

  @Column({ type: 'varchar', length: 4000 })
  summary: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  nextSteps: string | null;

  @Column({ type: 'date', nullable: true })
  nextFollowUpAt: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
