import { lockForTransaction, Reader, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WeeklyReportEntity } from './entities/weekly-report.entity';
import { readContentInParts } from './store/content-parts';
import { NewReport, ReportStore, StoredReport, StoredReportSummary } from './store/report-store';

// any constant; publishing takes it so that the hash chain has one order
export const PUBLISH_LOCK = 745_118_301;

const SUMMARY_COLUMNS = ['id', 'week', 'version', 'sha256', 'prevSha256', 'publishedAt', 'generatedBy'] as const;

/** A weekly row as every kind of report is read: its week is its period. */
function stored<R extends Partial<WeeklyReportEntity>>(row: R): Omit<R, 'week'> & { period: string } {
  const { week, ...rest } = row;
  return { ...rest, period: week as string };
}

const storedOrNull = <R extends Partial<WeeklyReportEntity>>(row: R | null) => (row ? stored(row) : null);

/** The weekly reports, in `weekly_report` (its rows name their period `week`). */
@Injectable()
export class WeeklyReportRepository implements ReportStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lock(tx: Transaction): Promise<void> {
    await lockForTransaction(tx, PUBLISH_LOCK);
  }

  async find(week: string, version?: number): Promise<StoredReport | null> {
    const summary = await this.dataSource.getRepository(WeeklyReportEntity).findOne({
      where: version ? { week, version } : { week },
      order: { version: 'DESC' },
      select: [...SUMMARY_COLUMNS],
    });
    return summary ? this.withContent(stored(summary)) : null;
  }

  async stampOf(week: string, version?: number): Promise<{ id: string; stamp: string } | null> {
    const rows: { id: string; stamp: string }[] = await this.dataSource.query(
      `SELECT id, xmin::text AS stamp FROM weekly_report
        WHERE week = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [week, version ?? null],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<StoredReport | null> {
    const summary = await this.dataSource
      .getRepository(WeeklyReportEntity)
      .findOne({ where: { id }, select: [...SUMMARY_COLUMNS] });
    return summary ? this.withContent(stored(summary)) : null;
  }

  private async withContent(summary: StoredReportSummary): Promise<StoredReport | null> {
    const content = await this.contentOf(summary.id);
    return content ? { ...summary, content } : null;
  }

  async versions(week: string, tx: Transaction): Promise<number> {
    const rows: { max: number | null }[] = await tx.query(
      'SELECT max(version) AS max FROM weekly_report WHERE week = $1',
      [week],
    );
    return rows[0]?.max ?? 0;
  }

  async findSummary(week: string, version: number): Promise<StoredReportSummary | null> {
    return storedOrNull(
      await this.dataSource
        .getRepository(WeeklyReportEntity)
        .findOne({ where: { week, version }, select: [...SUMMARY_COLUMNS] }),
    );
  }

  async head(tx: Transaction): Promise<StoredReportSummary | null> {
    return storedOrNull(
      await tx
        .getRepository(WeeklyReportEntity)
        .findOne({ where: {}, order: { publishedAt: 'DESC', id: 'DESC' }, select: [...SUMMARY_COLUMNS] }),
    );
  }

  async insertIfAbsent(report: NewReport, tx: Transaction): Promise<boolean> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO weekly_report (week, version, content, sha256, prev_sha256, generated_by, published_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, clock_timestamp())
       ON CONFLICT ON CONSTRAINT uq_weekly_report_week_version DO NOTHING RETURNING id`,
      [
        report.period,
        report.version,
        JSON.stringify(report.content),
        report.sha256,
        report.prevSha256,
        report.generatedBy,
      ],
    );
    return rows.length > 0;
  }

  latestPeriod(tx?: Transaction): Promise<string | null> {
    return (tx ?? this.dataSource.manager)
      .query('SELECT max(week) AS week FROM weekly_report')
      .then((rows: { week: string | null }[]) => rows[0]?.week ?? null);
  }

  async chain(): Promise<StoredReportSummary[]> {
    const rows = await this.dataSource
      .getRepository(WeeklyReportEntity)
      .find({ order: { publishedAt: 'ASC', id: 'ASC' }, select: [...SUMMARY_COLUMNS] });
    return rows.map(stored);
  }

  contentOf(id: string): Promise<Record<string, unknown> | null> {
    return readContentInParts(this.dataSource.manager, 'weekly_report', id);
  }

  async list(
    skip: number,
    take: number,
    reader: Reader = this.dataSource.manager,
  ): Promise<[StoredReportSummary[], number]> {
    const rows = await reader
      .getRepository(WeeklyReportEntity)
      .createQueryBuilder('r')
      .select(SUMMARY_COLUMNS.map((column) => `r.${column}`))
      .distinctOn(['r.week'])
      .orderBy('r.week', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .offset(skip)
      .limit(take)
      .getMany();
    const total: { n: string }[] = await reader.query('SELECT count(DISTINCT week)::text AS n FROM weekly_report');
    return [rows.map(stored), Number(total[0].n)];
  }
}
