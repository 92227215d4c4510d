import { BureauStatDelta, lockForTransaction, write, Writer } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { emptyFigures, Figures } from './figures';

// any constant; only the compaction step takes it
export const COMPACTION_LOCK = 745_118_201;

const COUNT_COLUMNS = [
  ['visits', 'visits'],
  ['leaderVisits', 'leader_visits'],
  ['newLeads', 'new_leads'],
  ['negotiating', 'negotiating'],
  ['signedCount', 'signed_count'],
  ['registeredCount', 'registered_count'],
  ['startedCount', 'started_count'],
  ['operatingCount', 'operating_count'],
] as const;
const AMOUNT_COLUMNS = [
  ['signedAmount', 'signed_amount'],
  ['fundsInPlace', 'funds_in_place'],
] as const;
const ALL_COLUMNS = [...COUNT_COLUMNS, ...AMOUNT_COLUMNS].map(([, column]) => column);

/** The daily per-bureau rollup and its pending deltas: the only place rankings read figures from. */
@Injectable()
export class RollupRepository {
  constructor(private readonly dataSource: DataSource) {}

  async appendDelta(tx: Writer, bureauId: string, day: string, delta: BureauStatDelta): Promise<void> {
    const values = [...COUNT_COLUMNS, ...AMOUNT_COLUMNS].map(([key]) => delta[key] ?? 0);
    if (values.every((v) => v === 0 || v === '0' || v === '0.00')) return;
    await write(
      tx,
      `INSERT INTO bureau_stat_delta (bureau_id, day, ${ALL_COLUMNS.join(', ')})
       VALUES ($1, $2, ${ALL_COLUMNS.map((_, i) => `$${i + 3}`).join(', ')})`,
      [bureauId, day, ...values],
    );
  }

  /** Folds every committed delta into the daily rollup; returns how many were folded. */
  async compact(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await lockForTransaction(tx, COMPACTION_LOCK);
      const sums = ALL_COLUMNS.map((c) => `sum(${c})`).join(', ');
      const updates = ALL_COLUMNS.map((c) => `${c} = bureau_daily_stat.${c} + excluded.${c}`).join(', ');
      const rows: { folded: string }[] = await tx.query(
        `WITH moved AS (DELETE FROM bureau_stat_delta RETURNING *),
              folded AS (
                INSERT INTO bureau_daily_stat (bureau_id, day, ${ALL_COLUMNS.join(', ')})
                SELECT bureau_id, day, ${sums} FROM moved GROUP BY bureau_id, day
                ON CONFLICT (bureau_id, day) DO UPDATE SET ${updates}
                RETURNING 1)
         SELECT (SELECT count(*) FROM moved)::text AS folded`,
      );
      return Number(rows[0]?.folded ?? 0);
    });
  }

  /** Each bureau's figures over business days [from, to): the rollup plus deltas not yet folded. */
  async figures(from: string, to: string): Promise<Map<string, Figures>> {
    return (await this.figuresOver([{ from, to }]))[0];
  }

  /**
   * Figures for several ranges in one scan (a ranking needs its period, the year to date, and both again
   * for the period before): each range is a FILTER over the rows between the earliest and latest day.
   */
  async figuresOver(ranges: { from: string; to: string }[]): Promise<Map<string, Figures>[]> {
    const columns = ALL_COLUMNS.join(', ');
    const params: string[] = [];
    const selects = ranges.flatMap((range, i) => {
      params.push(range.from, range.to);
      const filter = `FILTER (WHERE day >= $${2 * i + 1} AND day < $${2 * i + 2})`;
      return ALL_COLUMNS.map((c) => `COALESCE(sum(${c}) ${filter}, 0)::text AS r${i}_${c}`);
    });
    const lowest = ranges.reduce((min, r) => (r.from < min ? r.from : min), ranges[0].from);
    const highest = ranges.reduce((max, r) => (r.to > max ? r.to : max), ranges[0].to);
    const from = `$${params.push(lowest)}`;
    const to = `$${params.push(highest)}`;
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT bureau_id, ${selects.join(', ')}
         FROM (SELECT bureau_id, day, ${columns} FROM bureau_daily_stat WHERE day >= ${from} AND day < ${to}
               UNION ALL
               SELECT bureau_id, day, ${columns} FROM bureau_stat_delta WHERE day >= ${from} AND day < ${to}) AS s
        GROUP BY bureau_id`,
      params,
    );
    return ranges.map((_, i) => {
      const result = new Map<string, Figures>();
      for (const row of rows) {
        const figures = emptyFigures();
        for (const [key, column] of COUNT_COLUMNS) figures[key] = Number(row[`r${i}_${column}`]);
        // numeric(16,2) sums keep two decimals; an empty sum is 0, shown as 0.00
        for (const [key, column] of AMOUNT_COLUMNS)
          figures[key] = Number(row[`r${i}_${column}`]) === 0 ? '0.00' : row[`r${i}_${column}`];
        result.set(row.bureau_id, figures);
      }
      return result;
    });
  }
}
