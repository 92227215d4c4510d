import { lockForTransaction, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
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

@Injectable()
export class WeeklyReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async lock(tx: Transaction): Promise<void> {
    await lockForTransaction(tx, PUBLISH_LOCK);
  }

  /** The newest version of a week's report (or a given version). */
  find(week: string, version?: number): Promise<WeeklyReportEntity | null> {
    return this.dataSource
      .getRepository(WeeklyReportEntity)
      .findOne({ where: version ? { week, version } : { week }, order: { version: 'DESC' } });
  }

  async versions(week: string, tx: Transaction): Promise<number> {
    const rows: { max: number | null }[] = await tx.query(
      'SELECT max(version) AS max FROM weekly_report WHERE week = $1',
      [week],
    );
    return rows[0]?.max ?? 0;
  }

  /** The newest version of a week's report, without its content. */
  findSummary(week: string): Promise<WeeklyReportSummary | null> {
    return this.dataSource
      .getRepository(WeeklyReportEntity)
      .findOne({ where: { week }, order: { version: 'DESC' }, select: [...SUMMARY_COLUMNS] });
  }

  /** The report published last, whose hash the next one chains to. */
  lastPublished(tx: Transaction): Promise<WeeklyReportSummary | null> {
    return tx
      .getRepository(WeeklyReportEntity)
      .findOne({ where: {}, order: { publishedAt: 'DESC', id: 'DESC' }, select: [...SUMMARY_COLUMNS] });
  }

  /** Inserts unless the (week, version) exists; returns whether it was inserted. */
  async insertIfAbsent(report: NewWeeklyReport, tx: Transaction): Promise<boolean> {
    // jsonb columns confuse TypeORM's insert typing; the entity class is the real contract here
    const values = report as QueryDeepPartialEntity<WeeklyReportEntity>;
    const result = await tx.createQueryBuilder().insert().into(WeeklyReportEntity).values(values).orIgnore().execute();
    return (result.identifiers?.filter(Boolean).length ?? 0) > 0;
  }

  latestWeek(): Promise<string | null> {
    return this.dataSource
      .getRepository(WeeklyReportEntity)
      .createQueryBuilder('r')
      .select('max(r.week)', 'week')
      .getRawOne<{ week: string | null }>()
      .then((row) => row?.week ?? null);
  }

  /** One row per week: its newest version, newest weeks first. */
  async list(skip: number, take: number): Promise<[WeeklyReportEntity[], number]> {
    const repository = this.dataSource.getRepository(WeeklyReportEntity);
    const rows = await repository
      .createQueryBuilder('r')
      .select(SUMMARY_COLUMNS.map((column) => `r.${column}`))
      .distinctOn(['r.week'])
      .orderBy('r.week', 'DESC')
      .addOrderBy('r.version', 'DESC')
      .offset(skip)
      .limit(take)
      .getMany();
    const total: { n: string }[] = await this.dataSource.query(
      'SELECT count(DISTINCT week)::text AS n FROM weekly_report',
    );
    return [rows, Number(total[0].n)];
  }
}
