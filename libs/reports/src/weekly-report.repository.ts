import { lockForTransaction, Reader, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WeeklyReportEntity } from './entities/weekly-report.entity';

// any constant; publishing takes it so that the hash chain has one order
export const PUBLISH_LOCK = 745_118_301;

export type NewWeeklyReport = Pick<
  WeeklyReportEntity,
  'week' | 'version' | 'content' | 'sha256' | 'prevSha256' | 'generatedBy'
>;

/** Every column but the content, which can run to megabytes at province size. */
const SUMMARY_COLUMNS = ['id', 'week', 'version', 'sha256', 'prevSha256', 'publishedAt', 'generatedBy'] as const;
export type WeeklyReportSummary = Pick<WeeklyReportEntity, (typeof SUMMARY_COLUMNS)[number]>;

/** One part of a report's content: (0, 0) the content, (t, 0) its t-th table, (t, r) that table's r-th row. */
interface ContentPart {
  t: number;
  r: number;
  value: unknown;
  /** Whether the tables (or the table's rows) were taken out of this part, to be put back. */
  split: boolean | null;
}

const TABLES = `CASE WHEN jsonb_typeof(w.content -> 'tables') = 'array' THEN w.content -> 'tables' END`;
const ROWS = `CASE WHEN jsonb_typeof(x.t -> 'rows') = 'array' THEN x.t -> 'rows' END`;
/** A report's content in parts (see contentOf), in order, in one statement (so from one snapshot). */
const CONTENT_PARTS = `
  SELECT 0 AS t, 0 AS r, CASE WHEN ${TABLES} IS NULL THEN w.content ELSE w.content - 'tables' END AS value,
         ${TABLES} IS NOT NULL AS split
    FROM weekly_report w WHERE w.id = $1
  UNION ALL
  SELECT x.ord::int, 0, CASE WHEN ${ROWS} IS NULL THEN x.t ELSE x.t - 'rows' END, ${ROWS} IS NOT NULL
    FROM weekly_report w, jsonb_array_elements(${TABLES}) WITH ORDINALITY x(t, ord) WHERE w.id = $1
  UNION ALL
  SELECT x.ord::int, r.ord::int, r.value, NULL
    FROM weekly_report w, jsonb_array_elements(${TABLES}) WITH ORDINALITY x(t, ord),
         jsonb_array_elements(${ROWS}) WITH ORDINALITY r(value, ord)
   WHERE w.id = $1
  ORDER BY 1, 2`;

@Injectable()
export class WeeklyReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lock(tx: Transaction): Promise<void> {
    await lockForTransaction(tx, PUBLISH_LOCK);
  }

  /**
   * Which row the newest version of a week's report (or a given version) is, and its row version (xmin): any
   * change to the row, its content or its hash, gives another.
   */
  async stampOf(week: string, version?: number): Promise<{ id: string; stamp: string } | null> {
    const rows: { id: string; stamp: string }[] = await this.dataSource.query(
      `SELECT id, xmin::text AS stamp FROM weekly_report
        WHERE week = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [week, version ?? null],
    );
    return rows[0] ?? null;
  }

  /** A report by its id, its content read table row by table row. */
  async findById(id: string): Promise<WeeklyReportEntity | null> {
    const report = await this.dataSource
      .getRepository(WeeklyReportEntity)
      .findOne({ where: { id }, select: [...SUMMARY_COLUMNS] });
    if (!report) return null;
    const content = await this.contentOf(report.id);
    return content ? Object.assign(report, { content }) : null;
  }

  /** The newest version of a week's report (or a given version), its content read table row by table row. */
  async find(week: string, version?: number): Promise<WeeklyReportEntity | null> {
    const report = await this.dataSource.getRepository(WeeklyReportEntity).findOne({
      where: version ? { week, version } : { week },
      order: { version: 'DESC' },
      select: [...SUMMARY_COLUMNS],
    });
    if (!report) return null;
    const content = await this.contentOf(report.id);
    return content ? Object.assign(report, { content }) : null;
  }

  async versions(week: string, tx: Transaction): Promise<number> {
    const rows: { max: number | null }[] = await tx.query(
      'SELECT max(version) AS max FROM weekly_report WHERE week = $1',
      [week],
    );
    return rows[0]?.max ?? 0;
  }

  /** A version of a week's report, without its content. */
  findSummary(week: string, version: number): Promise<WeeklyReportSummary | null> {
    return this.dataSource
      .getRepository(WeeklyReportEntity)
      .findOne({ where: { week, version }, select: [...SUMMARY_COLUMNS] });
  }

  /**
   * The chain's head: the report published last, whose hash the next one links to. Read only under the
   * publish lock, so that no other publication can slip in between reading it and linking to it.
   */
  head(tx: Transaction): Promise<WeeklyReportSummary | null> {
    return tx
      .getRepository(WeeklyReportEntity)
      .findOne({ where: {}, order: { publishedAt: 'DESC', id: 'DESC' }, select: [...SUMMARY_COLUMNS] });
  }

  /**
   * Inserts unless the (week, version) exists; returns whether it was inserted. The publication time is the
   * clock's at the insert (`clock_timestamp()`, not the transaction's start): taken under the publish lock,
   * it orders the chain as it was built.
   */
  async insertIfAbsent(report: NewWeeklyReport, tx: Transaction): Promise<boolean> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO weekly_report (week, version, content, sha256, prev_sha256, generated_by, published_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, clock_timestamp())
       ON CONFLICT ON CONSTRAINT uq_weekly_report_week_version DO NOTHING RETURNING id`,
      [
        report.week,
        report.version,
        JSON.stringify(report.content),
        report.sha256,
        report.prevSha256,
        report.generatedBy,
      ],
    );
    return rows.length > 0;
  }

  /** The newest week with a report (the chain's head week: weeks are published in order). */
  latestWeek(tx?: Transaction): Promise<string | null> {
    return (tx ?? this.dataSource.manager)
      .query('SELECT max(week) AS week FROM weekly_report')
      .then((rows: { week: string | null }[]) => rows[0]?.week ?? null);
  }

  /** Every report without its content, in chain order (publication order). */
  chain(): Promise<WeeklyReportSummary[]> {
    return this.dataSource
      .getRepository(WeeklyReportEntity)
      .find({ order: { publishedAt: 'ASC', id: 'ASC' }, select: [...SUMMARY_COLUMNS] });
  }

  /**
   * One report's stored content. A report can run to tens of megabytes (every alert of a district), so it is not
   * read as one value (the whole text, then the whole string, then the parsed object, all at once): one statement
   * sends the content without its tables, each table without its rows, then each row, and the content is put
   * together again from them. Whatever is not shaped so (no `tables` array, a table without a `rows` array) comes
   * as it is stored, so that the content is always exactly what was stored.
   */
  async contentOf(id: string): Promise<Record<string, unknown> | null> {
    const rows: ContentPart[] = await this.dataSource.query(CONTENT_PARTS, [id]);
    let content: Record<string, unknown> | null = null;
    const tables: Record<string, unknown>[] = [];
    for (const part of rows) {
      if (part.t === 0) {
        content = part.value as Record<string, unknown>;
        if (part.split) content.tables = tables;
      } else if (part.r === 0) {
        const table = part.value as Record<string, unknown>;
        if (part.split) table.rows = [];
        tables.push(table);
      } else {
        (tables[tables.length - 1].rows as unknown[]).push(part.value);
      }
    }
    return content;
  }

  /** One row per week: its newest version, newest weeks first. */
  async list(
    skip: number,
    take: number,
    reader: Reader = this.dataSource.manager,
  ): Promise<[WeeklyReportEntity[], number]> {
    const repository = reader.getRepository(WeeklyReportEntity);
    const rows = await repository
      .createQueryBuilder('r')
      .select(SUMMARY_COLUMNS.map((column) => `r.${column}`))
      .distinctOn(['r.week'])
      .orderBy('r.week', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .offset(skip)
      .limit(take)
      .getMany();
    const total: { n: string }[] = await reader.query('SELECT count(DISTINCT week)::text AS n FROM weekly_report');
    return [rows, Number(total[0].n)];
  }
}
