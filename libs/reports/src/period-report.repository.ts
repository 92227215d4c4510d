import { lockForTransaction, Reader, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodReportEntity } from './entities/period-report.entity';
import { readContentInParts } from './store/content-parts';
import { NewReport, ReportStore, StoredReport, StoredReportSummary } from './store/report-store';

export type PeriodReportKind = PeriodReportEntity['kind'];

/** Each kind's publish lock (any constants, apart from the weekly one): each chain has one order. */
export const PERIOD_PUBLISH_LOCKS: Record<PeriodReportKind, number> = { monthly: 745_118_302, quarterly: 745_118_303 };

const SUMMARY_COLUMNS = ['id', 'period', 'version', 'sha256', 'prevSha256', 'publishedAt', 'generatedBy'] as const;

/** The monthly and quarterly reports, in `period_report`: one store per kind. */
@Injectable()
export class PeriodReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  store(kind: PeriodReportKind): ReportStore {
    return new PeriodReportStore(this.dataSource, kind);
  }
}

class PeriodReportStore implements ReportStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kind: PeriodReportKind,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(PeriodReportEntity);
  }

  async lock(tx: Transaction): Promise<void> {
    await lockForTransaction(tx, PERIOD_PUBLISH_LOCKS[this.kind]);
  }

  async find(period: string, version?: number): Promise<StoredReport | null> {
    const kind = this.kind;
    const summary = await this.rows.findOne({
      where: version ? { kind, period, version } : { kind, period },
      order: { version: 'DESC' },
      select: [...SUMMARY_COLUMNS],
    });
    return summary ? this.withContent(summary) : null;
  }

  async stampOf(period: string, version?: number): Promise<{ id: string; stamp: string } | null> {
    const rows: { id: string; stamp: string }[] = await this.dataSource.query(
      `SELECT id, xmin::text AS stamp FROM period_report
        WHERE kind = $1 AND period = $2 AND ($3::int IS NULL OR version = $3) ORDER BY version DESC LIMIT 1`,
      [this.kind, period, version ?? null],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<StoredReport | null> {
    const summary = await this.rows.findOne({ where: { id, kind: this.kind }, select: [...SUMMARY_COLUMNS] });
    return summary ? this.withContent(summary) : null;
  }

  private async withContent(summary: StoredReportSummary): Promise<StoredReport | null> {
    const content = await this.contentOf(summary.id);
    return content ? { ...summary, content } : null;
  }

  async versions(period: string, tx: Transaction): Promise<number> {
    const rows: { max: number | null }[] = await tx.query(
      'SELECT max(version) AS max FROM period_report WHERE kind = $1 AND period = $2',
      [this.kind, period],
    );
    return rows[0]?.max ?? 0;
  }

  findSummary(period: string, version: number): Promise<StoredReportSummary | null> {
    return this.rows.findOne({ where: { kind: this.kind, period, version }, select: [...SUMMARY_COLUMNS] });
  }

  head(tx: Transaction): Promise<StoredReportSummary | null> {
    return tx.getRepository(PeriodReportEntity).findOne({
      where: { kind: this.kind },
      order: { publishedAt: 'DESC', id: 'DESC' },
      select: [...SUMMARY_COLUMNS],
    });
  }

  async insertIfAbsent(report: NewReport, tx: Transaction): Promise<boolean> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO period_report (kind, period, version, content, sha256, prev_sha256, generated_by, published_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, clock_timestamp())
       ON CONFLICT ON CONSTRAINT uq_period_report_kind_period_version DO NOTHING RETURNING id`,
      [
        this.kind,
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
      .query('SELECT max(period) AS period FROM period_report WHERE kind = $1', [this.kind])
      .then((rows: { period: string | null }[]) => rows[0]?.period ?? null);
  }

  chain(): Promise<StoredReportSummary[]> {
    return this.rows.find({
      where: { kind: this.kind },
      order: { publishedAt: 'ASC', id: 'ASC' },
      select: [...SUMMARY_COLUMNS],
    });
  }

  contentOf(id: string): Promise<Record<string, unknown> | null> {
    return readContentInParts(this.dataSource.manager, 'period_report', id);
  }

  async list(
    skip: number,
    take: number,
    reader: Reader = this.dataSource.manager,
  ): Promise<[StoredReportSummary[], number]> {
    const rows = await reader
      .getRepository(PeriodReportEntity)
      .createQueryBuilder('r')
      .select(SUMMARY_COLUMNS.map((column) => `r.${column}`))
      .where('r.kind = :kind', { kind: this.kind })
      .distinctOn(['r.period'])
      .orderBy('r.period', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .offset(skip)
      .limit(take)
      .getMany();
    const total: { n: string }[] = await reader.query(
      'SELECT count(DISTINCT period)::text AS n FROM period_report WHERE kind = $1',
      [this.kind],
    );
    return [rows, Number(total[0].n)];
  }
}
