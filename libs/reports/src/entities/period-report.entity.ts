import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A published monthly (月报) or quarterly (季报) report: a frozen snapshot, like the weekly report, in its kind's own
 * hash chain. Version 1 is the scheduled one; regenerating adds a version. The unique (kind, period, version) key is
 * what makes a period's scheduled report exist exactly once.
 */
@Entity('period_report')
@Unique('uq_period_report_kind_period_version', ['kind', 'period', 'version'])
@Index('ix_period_report_kind_published', ['kind', 'publishedAt'])
export class PeriodReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** monthly | quarterly */
  @Column({ type: 'varchar', length: 10 })
  kind: 'monthly' | 'quarterly';

  /** 2026-11 (a month) or 2026-Q4 (a quarter). */
  @Column({ type: 'varchar', length: 8 })
  period: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  /** SHA-256 of the canonical JSON of `content`. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** SHA-256 of the report of the same kind published just before this one, or null for the first. */
  @Column({ type: 'char', length: 64, nullable: true })
  prevSha256: string | null;

  @Column({ type: 'uuid', nullable: true })
  generatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  publishedAt: Date;
}
