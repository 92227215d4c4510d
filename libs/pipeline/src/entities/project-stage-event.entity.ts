import { UserRefView } from '@app/identity';
import { Check, Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Stage } from '../stage';
import { ProjectEntity } from './project.entity';

const STAGES = `'reserve', 'negotiating', 'signed', 'registered', 'started', 'operating', 'terminated'`;

/**
 * An immutable stage event: who moved the project from where to where, on which business date, with which
 * gate data. A database trigger refuses updates and deletes.
 */
@Entity('project_stage_event')
@Check('chk_project_stage_event_to', `to_stage IN (${STAGES})`)
@Check('chk_project_stage_event_from', `from_stage IS NULL OR from_stage IN (${STAGES})`)
@Index('uq_project_stage_event_seq', ['projectId', 'seq'], { unique: true })
@Index('idx_project_stage_event_to_date', ['toStage', 'businessDate'])
export class ProjectStageEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** Order of the project's events as recorded (1, 2, …). */
  @Column({ type: 'int' })
  seq: number;

  /** Null on the event that created the project. */
  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStage: Stage | null;

  @Column({ type: 'varchar', length: 12 })
  toStage: Stage;

  /** The date it happened (signed date, registration date, …), not the date it was entered. */
  @Column({ type: 'date' })
  businessDate: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  actorId: string;

  /** Named through identity's reference view when a query joins it. */
  actor?: UserRefView;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'jsonb', nullable: true })
  gate: Record<string, unknown> | null;

  @Column({ type: 'boolean', default: false })
  isCorrection: boolean;

  /** True only on a project's first entry into `signed`. */
  @Column({ type: 'boolean', default: false })
  countsAsSigning: boolean;
}
