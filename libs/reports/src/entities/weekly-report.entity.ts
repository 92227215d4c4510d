import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A published weekly report: a frozen snapshot. Version 1 is the scheduled one; regenerating adds a version and
 * keeps the old. The unique (week, version) key is what makes a week's scheduled report exist exactly once.
 */
@Entity('weekly_report')
@Unique('uq_weekly_report_week_version', ['week', 'version'])
export class WeeklyReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** ISO week, e.g. 2026-W48. */
  @Column({ type: 'varchar', length: 8 })
  week: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  /** SHA-256 of the canonical JSON of `content`. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** SHA-256 of the report published just before this one (any week), or null for the first. */
  @Column({ type: 'char', length: 64, nullable: true })
  prevSha256: string | null;

  @Column({ type: 'uuid', nullable: true })
  generatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  publishedAt: Date;
}
