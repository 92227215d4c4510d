import { lockForTransaction, Reader } from '@app/core';
import { PIPELINE_VIEWS } from '@app/pipeline';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FigureKey, FIGURES, Figures, figuresFrom } from '../figures';
import { COMPACTION_LOCK, EVERY_DAY, markRollupChanged } from '../rollup.repository';
import { METRIC_SOURCES } from './metric-sources';

export interface SourceRow {
  id: string;
  day: string;
  value: string;
  subject: string;
  detail: string | null;
  /** The id of the record the row's link opens (its own, or a fund's project). */
  linkId: string;
}

/** The raw records behind the figures: for drilldowns, and to prove or rebuild the rollups. */
@Injectable()
export class SourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async drilldown(
    metric: FigureKey,
    timeZone: string,
    bureauId: string,
    from: string,
    to: string,
    skip: number,
    take: number,
    reader: Reader = this.dataSource.manager,
  ): Promise<{ rows: SourceRow[]; total: number; sum: string }> {
    // `$1::text IS NOT NULL` keeps the time-zone parameter typed for sources that do not use it
    const { sql, totals: totalsSql, linkColumn } = METRIC_SOURCES[metric];
    const scoped = (source: string) => `SELECT * FROM (${source}) AS s
                     WHERE $1::text IS NOT NULL AND s.bureau_id = $2 AND s.day >= $3 AND s.day < $4`;
    const params = [timeZone, bureauId, from, to];
    // ordered by the date itself (not its text), so that an index on the day serves the order; where the source
    // has a plain form, the page's ids are chosen from it first and only they are joined to their subjects
    const columns = `r.id, r.day::text AS day, r.value::text AS value, r.subject, r.detail, r.${linkColumn ?? 'id'} AS "linkId"`;
    const page = totalsSql
      ? `SELECT ${columns} FROM (${scoped(sql)}) AS r
          WHERE r.id IN (SELECT k.id FROM (${scoped(totalsSql)}) AS k ORDER BY k.day, k.id LIMIT $5 OFFSET $6)
          ORDER BY r.day, r.id`
      : `SELECT ${columns} FROM (${scoped(sql)}) AS r ORDER BY r.day, r.id LIMIT $5 OFFSET $6`;
    const [rows, totals] = await Promise.all([
      reader.query(page, [...params, take, skip]) as Promise<SourceRow[]>,
      reader.query(
        `SELECT count(*)::int AS total, COALESCE(sum(value), 0)::text AS sum FROM (${scoped(totalsSql ?? sql)}) AS r`,
        params,
      ) as Promise<{ total: number; sum: string }[]>,
    ]);
    return { rows, total: totals[0].total, sum: totals[0].sum };
  }

  /** Every bureau's figures over [from, to) counted from the raw records, ignoring the rollups. */
  async recompute(timeZone: string, from: string, to: string): Promise<Map<string, Figures>> {
    const totals = new Map<string, Map<FigureKey, string>>();
    for (const { key } of FIGURES) {
      const rows: { bureau_id: string; total: string }[] = await this.dataSource.query(
        `SELECT bureau_id, round(sum(value), 2)::text AS total FROM (${METRIC_SOURCES[key].sql}) AS s
          WHERE $1::text IS NOT NULL AND s.day >= $2 AND s.day < $3 GROUP BY bureau_id`,
        [timeZone, from, to],
      );
      for (const row of rows) {
        const bureau = totals.get(row.bureau_id) ?? new Map<FigureKey, string>();
        totals.set(row.bureau_id, bureau.set(key, row.total));
      }
    }
    return new Map([...totals].map(([bureauId, bureau]) => [bureauId, figuresFrom(({ key }) => bureau.get(key) ?? 0)]));
  }

  /** Replaces the daily rollups with a recount of the raw records (bulk loads, repairs), in one statement. */
  async rebuildRollups(timeZone: string): Promise<void> {
    const columns = FIGURES.map((figure) => figure.column);
    // each source fills its own column and zeros elsewhere; one GROUP BY adds them up per bureau and day
    const parts = FIGURES.map(
      ({ key, column }) =>
        `SELECT bureau_id, day, ${columns.map((c) => (c === column ? 'value' : '0')).join(', ')}
           FROM (${METRIC_SOURCES[key].sql}) AS s${key} WHERE $1::text IS NOT NULL`,
    );
    await this.dataSource.transaction(async (tx) => {
      // the compaction step's lock: a rebuild must not interleave with a fold
      await lockForTransaction(tx, COMPACTION_LOCK);
      await tx.query('DELETE FROM bureau_stat_delta');
      await tx.query('DELETE FROM bureau_daily_stat');
      await tx.query(
        `INSERT INTO bureau_daily_stat (bureau_id, day, ${columns.join(', ')})
         SELECT bureau_id, day, ${columns.map((c) => `sum(${c})`).join(', ')}
           FROM (${parts.join('\n UNION ALL \n')}) AS u(bureau_id, day, ${columns.join(', ')})
          GROUP BY bureau_id, day`,
        [timeZone],
      );
      await markRollupChanged(tx, EVERY_DAY);
    });
  }
}

export interface FunnelStageRow {
  stage: string;
  reached: number;
  medianDays: number | null;
}

/** Stages a project passes on its way to production, in order. */
export const FUNNEL_STAGES = ['negotiating', 'signed', 'registered', 'started', 'operating'] as const;

/**
 * For each stage: projects that first entered it on a day in [from, to) (optionally of one bureau), and the
 * median days such projects spent in it before they first moved on to another stage. Read from the stage spans
 * (one row per project and stage, kept as events are inserted), so its cost follows the projects in the range,
 * never the events' history.
 */
export async function funnelStages(
  reader: Reader,
  bureauId: string | null,
  from: string,
  to: string,
): Promise<FunnelStageRow[]> {
  const rows: { stage: string; reached: number; median: string | null }[] = await reader.query(
    `SELECT stage, count(*)::int AS reached,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY left_on - entered_on)
              FILTER (WHERE left_on IS NOT NULL)::text AS median
       FROM ${PIPELINE_VIEWS.stageSpans}
      WHERE ($1::uuid IS NULL OR bureau_id = $1) AND entered_on >= $2 AND entered_on < $3 AND stage = ANY($4)
      GROUP BY stage`,
    [bureauId, from, to, [...FUNNEL_STAGES]],
  );
  return FUNNEL_STAGES.map((stage) => {
    const row = rows.find((r) => r.stage === stage);
    return {
      stage,
      reached: row?.reached ?? 0,
      medianDays: row?.median === null || row?.median === undefined ? null : Number(row.median),
    };
  });
}
