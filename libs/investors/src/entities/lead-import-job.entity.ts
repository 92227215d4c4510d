import { BureauRefView, UserRefView } from '@app/identity';
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
  @ForeignKey('bureau', { onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  bureauId: string;

  /** Named through identity's reference view when a query joins it. */
  bureau?: BureauRefView;

  @ForeignKey('app_user', { onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  createdById: string;

  /** Named through identity's reference view when a query joins it. */
  createdBy?: UserRefView;

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
