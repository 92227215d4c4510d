import { lockForTransaction, Reader, Transaction } from '@app/core';
import { readContentInParts } from './content-parts';
import { NewReport, ReportStore, StoredReport, StoredReportSummary } from './report-store';

/** Where one kind of report is kept: its table, the rows of its kind there, and the lock that orders its chain. */
export interface ReportTable {
  table: 'weekly_report' | 'period_report';
  /** The column of the period's label: `week` in weekly_report, whose frozen rows keep their names. */
  periodColumn: 'week' | 'period';
  /** The kind whose rows these are, in a table that keeps more than one (period_report's `kind`). */
  kind?: string;
  /** The (period, version) constraint an insert must not break. */
  uniqueConstraint: string;
  /** Any constant, one per kind: publishing takes it, so that the kind's hash chain has one order. */
  publishLock: number;
}

/**
 * One kind of report in its table (see ReportTable), in plain SQL: the summary columns by the names every kind is
 * read with, the content read in parts. The weekly, monthly and quarterly stores are each one of these.
 */
export class ReportTableStore implements ReportStore {
  /** `kind = $1 AND ` where the table keeps more than one kind, and the parameters it takes. */
  private readonly scope: string;
  private readonly scopeParams: string[];
  private readonly summary: string;

  constructor(
    private readonly reader: Reader,
    private readonly where: ReportTable,
  ) {
    this.scope = where.kind === undefined ? '' : 'kind = $1 AND ';
    this.scopeParams = where.kind === undefined ? [] : [where.kind];
    this.summary = `id, ${where.periodColumn} AS period, version, sha256, prev_sha256 AS "prevSha256",
      published_at AS "publishedAt", generated_by AS "generatedBy"`;
  }

  /** The n-th parameter after the scope's. */
  private param(n: number): string {
    return `$${n + this.scopeParams.length}`;
  }

  /** Rows of this kind, and `condition` on the parameters after the scope's. */
  private rowsWhere(condition = 'TRUE'): string {
    return `FROM ${this.where.table} WHERE ${this.scope}${condition}`;
  }

  private async one<T>(reader: Reader, sql: string, params: unknown[]): Promise<T | null> {
    const rows: T[] = await reader.query(sql, [...this.scopeParams, ...params]);
    return rows[0] ?? null;
  }

  async lock(tx: Transaction): Promise<void> {
    await lockForTransaction(tx, this.where.publishLock);
  }

  /** The newest version of a period (or the given one): the row with its version, no content. */
  private ofPeriod(columns: string): string {
    const period = this.param(1);
    const version = this.param(2);
    return `SELECT ${columns} ${this.rowsWhere(`${this.where.periodColumn} = ${period}
      AND (${version}::int IS NULL OR version = ${version})`)} ORDER BY version DESC LIMIT 1`;
  }

  async find(period: string, version?: number): Promise<StoredReport | null> {
    return this.withContent(
      await this.one<StoredReportSummary>(this.reader, this.ofPeriod(this.summary), [period, version ?? null]),
    );
  }

  stampOf(period: string, version?: number): Promise<{ id: string; stamp: string } | null> {
    return this.one(this.reader, this.ofPeriod('id, xmin::text AS stamp'), [period, version ?? null]);
  }

  async findById(id: string): Promise<StoredReport | null> {
    return this.withContent(
      await this.one<StoredReportSummary>(
        this.reader,
        `SELECT ${this.summary} ${this.rowsWhere(`id = ${this.param(1)}`)}`,
        [id],
      ),
    );
  }

  private async withContent(summary: StoredReportSummary | null): Promise<StoredReport | null> {
    if (!summary) return null;
    const content = await this.contentOf(summary.id);
    return content ? { ...summary, content } : null;
  }

  async versions(period: string, tx: Transaction): Promise<number> {
    const row = await this.one<{ max: number | null }>(
      tx,
      `SELECT max(version) AS max ${this.rowsWhere(`${this.where.periodColumn} = ${this.param(1)}`)}`,
      [period],
    );
    return row?.max ?? 0;
  }

  findSummary(period: string, version: number): Promise<StoredReportSummary | null> {
    return this.one(this.reader, this.ofPeriod(this.summary), [period, version]);
  }

  head(tx: Transaction): Promise<StoredReportSummary | null> {
    return this.one(tx, `SELECT ${this.summary} ${this.rowsWhere()} ORDER BY published_at DESC, id DESC LIMIT 1`, []);
  }

  async insertIfAbsent(report: NewReport, tx: Transaction): Promise<boolean> {
    const { table, periodColumn, kind, uniqueConstraint } = this.where;
    const columns = [...(kind === undefined ? [] : ['kind']), periodColumn, 'version', 'content', 'sha256'];
    const values = [report.period, report.version, JSON.stringify(report.content), report.sha256];
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}, prev_sha256, generated_by, published_at)
       VALUES (${[...columns, 'prev_sha256', 'generated_by'].map((_, i) => `$${i + 1}`).join(', ')}, clock_timestamp())
       ON CONFLICT ON CONSTRAINT ${uniqueConstraint} DO NOTHING RETURNING id`,
      [...this.scopeParams, ...values, report.prevSha256, report.generatedBy],
    );
    return rows.length > 0;
  }

  async latestPeriod(tx?: Transaction): Promise<string | null> {
    const row = await this.one<{ period: string | null }>(
      tx ?? this.reader,
      `SELECT max(${this.where.periodColumn}) AS period ${this.rowsWhere()}`,
      [],
    );
    return row?.period ?? null;
  }

  chain(): Promise<StoredReportSummary[]> {
    return this.reader.query(`SELECT ${this.summary} ${this.rowsWhere()} ORDER BY published_at ASC, id ASC`, [
      ...this.scopeParams,
    ]);
  }

  contentOf(id: string): Promise<Record<string, unknown> | null> {
    return readContentInParts(this.reader, this.where.table, id);
  }

  async list(skip: number, take: number, reader: Reader = this.reader): Promise<[StoredReportSummary[], number]> {
    const period = this.where.periodColumn;
    const rows: StoredReportSummary[] = await reader.query(
      `SELECT DISTINCT ON (${period}) ${this.summary} ${this.rowsWhere()}
        ORDER BY ${period} DESC, version DESC OFFSET ${this.param(1)} LIMIT ${this.param(2)}`,
      [...this.scopeParams, skip, take],
    );
    const total = await this.one<{ n: string }>(
      reader,
      `SELECT count(DISTINCT ${period})::text AS n ${this.rowsWhere()}`,
      [],
    );
    return [rows, Number(total?.n ?? 0)];
  }
}
