import { LRUCache } from 'lru-cache';
import { addDays, BureauStatChange, lockForTransaction, Reader, Transaction, write, Writer } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { emptyFigures, FIGURES, figuresFrom, Figures, sumFigures } from './figures';

// any constant; only the compaction step takes it
export const COMPACTION_LOCK = 745_118_201;

const ALL_COLUMNS = FIGURES.map((figure) => figure.column);

/** Generations whose changes are remembered; sums kept from before the oldest of them are summed again. */
const CHANGES_KEPT = 10_000;

/** The first day of any range: a rebuild changes them all. */
export const EVERY_DAY = '0001-01-01';

/**
 * Marks the daily rollup as changed from `firstDay` on (a new generation), inside the transaction that
 * changed it, and forgets changes too old to matter.
 */
export async function markRollupChanged(tx: Transaction, firstDay: string): Promise<void> {
  await tx.query(
    `WITH next AS (UPDATE rollup_generation SET generation = generation + 1 RETURNING generation)
     INSERT INTO rollup_change (generation, first_day) SELECT generation, $1 FROM next`,
    [firstDay],
  );
  await tx.query('DELETE FROM rollup_change WHERE generation <= (SELECT generation FROM rollup_generation) - $1', [
    CHANGES_KEPT,
  ]);
}

/** How many sets of ranges keep their settled sums (one per period kind and date asked for, the least recently used go first). */
const SETTLED_LIMIT = 32;

/**
 * Kept sums are split at this many days before the ranges' end: a fold of recent days (today's visits, last
 * week's corrections) sums only the days after the split again, not the whole year.
 */
const RECENT_DAYS = 8;

/**
 * The settled rollup summed over each range, in two parts (the days before `split`, and the days from it on),
 * and the two together.
 */
interface KeptSums {
  generation: string;
  split: string;
  head: Map<string, Figures>[];
  tail: Map<string, Figures>[];
  total: Map<string, Figures>[];
}

/** The daily per-bureau rollup and its pending deltas: the only place rankings read figures from. */
@Injectable()
export class RollupRepository {
  private readonly settled = new LRUCache<string, KeptSums>({ max: SETTLED_LIMIT });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends the changes as pending deltas, one row per bureau and day (a batch of visits adds up to one row),
   * in the caller's transaction or write batch.
   */
  async appendDeltas(tx: Writer, changes: BureauStatChange[]): Promise<void> {
    const rows = changes
      .map(({ bureauId, day, delta }) => ({
        bureau_id: bureauId,
        day,
        ...Object.fromEntries(FIGURES.map(({ key, column }) => [column, delta[key] ?? 0])),
      }))
      .filter((row) => ALL_COLUMNS.some((column) => Number(row[column as keyof typeof row]) !== 0));
    if (rows.length === 0) return;
    const types = FIGURES.map(({ column, kind }) => `${column} ${kind === 'amount' ? 'numeric' : 'int'}`);
    await write(
      tx,
      `INSERT INTO bureau_stat_delta (bureau_id, day, ${ALL_COLUMNS.join(', ')})
       SELECT bureau_id, day, ${ALL_COLUMNS.map((column) => `sum(${column})`).join(', ')}
         FROM jsonb_to_recordset($1::jsonb) AS d(bureau_id uuid, day date, ${types.join(', ')})
        GROUP BY bureau_id, day`,
      [JSON.stringify(rows)],
    );
  }

  /** Folds every committed delta into the daily rollup; returns how many were folded. */
  async compact(): Promise<number> {
    const folded = await this.dataSource.transaction(async (tx) => {
      await lockForTransaction(tx, COMPACTION_LOCK);
      const sums = ALL_COLUMNS.map((c) => `sum(${c})`).join(', ');
      const updates = ALL_COLUMNS.map((c) => `${c} = bureau_daily_stat.${c} + excluded.${c}`).join(', ');
      const rows: { folded: string; first_day: string | null }[] = await tx.query(
        `WITH moved AS (DELETE FROM bureau_stat_delta RETURNING *),
              folded AS (
                INSERT INTO bureau_daily_stat (bureau_id, day, ${ALL_COLUMNS.join(', ')})
                SELECT bureau_id, day, ${sums} FROM moved GROUP BY bureau_id, day
                ON CONFLICT (bureau_id, day) DO UPDATE SET ${updates}
                RETURNING 1)
         SELECT (SELECT count(*) FROM moved)::text AS folded, (SELECT min(day) FROM moved)::text AS first_day`,
      );
      const count = Number(rows[0]?.folded ?? 0);
      if (count > 0) await markRollupChanged(tx, rows[0].first_day as string);
      return count;
    });
    // every fold empties the table: give its pages back at once, because every ranking reads the whole of
    // it and neither the embedded database nor a server with autovacuum off would ever clean it up
    if (folded > 0) await this.dataSource.query('VACUUM bureau_stat_delta');
    return folded;
  }

  /** Each bureau's figures over business days [from, to): the rollup plus deltas not yet folded. */
  /** The first day with any counted figure, settled or pending; null on an empty installation. */
  async firstDay(): Promise<string | null> {
    const rows: { day: string | null }[] = await this.dataSource.query(
      `SELECT least((SELECT min(day) FROM bureau_daily_stat), (SELECT min(day) FROM bureau_stat_delta))::text AS day`,
    );
    return rows[0]?.day ?? null;
  }

  async figures(from: string, to: string, reader?: Reader): Promise<Map<string, Figures>> {
    return (await this.figuresOver([{ from, to }], reader))[0];
  }

  /**
   * Figures for several ranges (a ranking needs its period, the year to date, and both again for the period
   * before). The settled rollup's sums are kept in two parts, split a few days before the ranges' end: when a
   * later generation of the rollup changed only days after the ranges, both parts still hold; when it changed
   * only days after the split (the usual fold of today's visits), only the recent part is summed again; else
   * both are. Each call adds the deltas not yet folded, read together with the generation, so it sees every
   * committed write (of the replica's, when `reader` is one: the kept sums are tied to a generation, so reads of
   * the primary and of a replica that lags it share them safely).
   */
  async figuresOver(ranges: Range[], reader: Reader = this.dataSource.manager): Promise<Map<string, Figures>[]> {
    const key = ranges.map((range) => `${range.from}..${range.to}`).join(' ');
    const end = ranges.reduce((max, r) => (r.to > max ? r.to : max), ranges[0].to);
    const pending = await this.pendingOver(ranges, reader);
    const kept = this.settled.get(key);
    if (kept && (await this.firstChangedDay(kept.generation, pending.generation, reader)) >= end) {
      kept.generation = pending.generation;
      return addFigures(kept.total, pending.figures);
    }
    // the rollup and the deltas from one snapshot: a fold in between can neither drop a delta nor count it twice
    return reader.transaction('REPEATABLE READ', async (tx) => {
      const now = await this.pendingOver(ranges, tx);
      let parts: Pick<KeptSums, 'split' | 'head' | 'tail'>;
      if (kept && (await this.firstChangedDay(kept.generation, now.generation, tx)) >= kept.split) {
        const tail = await this.sumsOver('bureau_daily_stat', ranges.map(fromDay(kept.split)), tx);
        parts = { split: kept.split, head: kept.head, tail };
      } else {
        const split = addDays(end, -RECENT_DAYS);
        const both = await this.sumsOver(
          'bureau_daily_stat',
          [...ranges.map(beforeDay(split)), ...ranges.map(fromDay(split))],
          tx,
        );
        parts = { split, head: both.slice(0, ranges.length), tail: both.slice(ranges.length) };
      }
      const total = addFigures(parts.head, parts.tail);
      this.keep(key, { ...parts, generation: now.generation, total });
      return addFigures(total, now.figures);
    });
  }

  /**
   * The first day that any generation after `from` up to `to` changed; the end of time when none did, and
   * every day when some of them are no longer remembered.
   */
  private async firstChangedDay(from: string, to: string, manager: EntityManager): Promise<string> {
    if (from === to) return LAST_DAY;
    const [row]: { changes: number; first: string | null }[] = await manager.query(
      `SELECT count(*)::int AS changes, min(first_day)::text AS first
         FROM rollup_change WHERE generation > $1 AND generation <= $2`,
      [from, to],
    );
    return row.changes === Number(to) - Number(from) && row.first !== null ? row.first : EVERY_DAY;
  }

  private keep(key: string, sums: KeptSums): void {
    this.settled.set(key, sums);
  }

  /** The rollup's generation and the unfolded deltas over the ranges, in one statement (one snapshot). */
  private async pendingOver(
    ranges: Range[],
    manager: EntityManager,
  ): Promise<{ generation: string; figures: Map<string, Figures>[] }> {
    const { sql, params } = rangeSums('bureau_stat_delta', ranges);
    const rows: Record<string, string>[] = await manager.query(
      `SELECT g.generation::text AS generation, d.*
         FROM rollup_generation g LEFT JOIN (${sql}) AS d ON true`,
      params,
    );
    if (rows.length === 0) throw new Error('rollup_generation has no row: run the migrations');
    return { generation: rows[0].generation, figures: figuresOf(ranges, rows) };
  }

  private async sumsOver(table: string, ranges: Range[], manager: EntityManager): Promise<Map<string, Figures>[]> {
    const { sql, params } = rangeSums(table, ranges);
    return figuresOf(ranges, await manager.query(sql, params));
  }
}

/** Business days [from, to). */
interface Range {
  from: string;
  to: string;
}

/** Later than any business day. */
const LAST_DAY = '9999-12-31';

/** The part of a range from `day` on (empty when the range ends before it). */
const fromDay =
  (day: string) =>
  (range: Range): Range => ({ from: range.from > day ? range.from : day, to: range.to });

/** The part of a range before `day` (empty when the range starts after it). */
const beforeDay =
  (day: string) =>
  (range: Range): Range => ({ from: range.from, to: range.to < day ? range.to : day });

/**
 * Sums per bureau of a rollup table over several ranges in one scan: each range is a FILTER over the rows
 * between the earliest and the latest day.
 */
function rangeSums(table: string, ranges: Range[]): { sql: string; params: string[] } {
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
  return {
    sql: `SELECT bureau_id, ${selects.join(', ')} FROM ${table} WHERE day >= ${from} AND day < ${to} GROUP BY bureau_id`,
    params,
  };
}

function figuresOf(ranges: Range[], rows: Record<string, string | null>[]): Map<string, Figures>[] {
  return ranges.map((_, i) => {
    const result = new Map<string, Figures>();
    for (const row of rows) {
      if (!row.bureau_id) continue;
      result.set(
        row.bureau_id,
        figuresFrom(({ column }) => row[`r${i}_${column}`] as string),
      );
    }
    return result;
  });
}

/** The settled figures plus the pending ones, range by range, as new maps (the settled ones are kept). */
function addFigures(settled: Map<string, Figures>[], pending: Map<string, Figures>[]): Map<string, Figures>[] {
  return settled.map((base, i) => {
    const result = new Map(base);
    for (const [bureauId, more] of pending[i]) {
      result.set(bureauId, sumFigures(base.get(bureauId) ?? emptyFigures(), more));
    }
    return result;
  });
}
