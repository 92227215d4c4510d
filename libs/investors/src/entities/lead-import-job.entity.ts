import { BureauEntity, UserEntity } from '@app/identity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ImportMode, ImportReportDto } from '../dto/lead-import.dto';

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** A large ledger imported in the background: its progress while it runs, then its report or why it failed. */
@Entity('lead_import_job')
@Check('chk_lead_import_job_status', `status IN ('queued', 'running', 'done', 'failed')`)
@Check('chk_lead_import_job_mode', `mode IN ('dry-run', 'commit')`)
@Index('idx_lead_import_job_created', ['createdAt'])
export class LeadImportJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The uploader's bureau, whose users may read the job. */
  @Column({ type: 'uuid' })
  bureauId: string;

  @ManyToOne(() => BureauEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bureau_id' })
  bureau?: BureauEntity;

  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @Column({ type: 'varchar', length: 10 })
  mode: ImportMode;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: ImportJobStatus;

  @Column({ type: 'integer' })
  totalRows: number;

  @Column({ type: 'integer', default: 0 })
  processedRows: number;

  /** The same report the synchronous import answers, once the job is done. */
  @Column({ type: 'jsonb', nullable: true })
  report: ImportReportDto | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The running process touches this with every progress report: a job that stops changing was abandoned. */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
