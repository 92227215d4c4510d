import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from './prepared-query';

interface Statement {
  sql: string;
  params: unknown[];
}

/** Where a write goes: straight into an open transaction, or into a batch that is sent later as one statement. */
export type Writer = EntityManager | WriteBatch;

/**
 * Independent writes sent to the database as one statement: each becomes a data-modifying CTE, so they
 * all commit together or not at all, in one round trip instead of BEGIN, one per write, and COMMIT.
 *
 * The writes run on one snapshot and cannot see each other's effects, so a batch suits writes whose values
 * are all known beforehand (ids made by the caller) and that touch different rows. A statement must be a
 * plain INSERT, UPDATE or DELETE (or, for `select`, a SELECT) whose only `$n` text is its own numbered
 * parameters.
 */
export class WriteBatch {
  private readonly statements: Statement[] = [];
  private query: Statement | null = null;

  add(sql: string, params: unknown[]): void {
    this.statements.push({ sql: sql.trim(), params });
  }

  /**
   * The batch's own query, read on the same snapshot as the writes; `run` returns its rows. A query that
   * raises an error (see `BATCH_REQUIREMENT_FAILED`) undoes every write of the batch: so a batch checks what would
   * otherwise take a read before it, and a round trip more.
   */
  select(sql: string, params: unknown[]): void {
    this.query = { sql: sql.trim(), params };
  }

  /** The one statement and its parameters (`$n` of each part renumbered after the parts before it). */
  compile(): Statement {
    if (this.statements.length === 1 && !this.query) return this.statements[0];
    if (this.statements.length === 0 && this.query) return this.query;
    const params: unknown[] = [];
    const renumbered = (statement: Statement) => {
      const offset = params.length;
      params.push(...statement.params);
      return statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    };
    const parts = this.statements.map((statement, i) => `w${i} AS (${renumbered(statement)})`);
    const query = this.query ? renumbered(this.query) : 'SELECT 1';
    return { sql: `WITH ${parts.join(',\n')}\n${query}`, params };
  }

  /** Sends the batch as a prepared statement (a batch of the same parts has the same text every time). */
  async run<Row = unknown>(dataSource: DataSource): Promise<Row[]> {
    if (this.statements.length === 0 && !this.query) return [];
    const { sql, params } = this.compile();
    const rows = await preparedQuery<Row>(dataSource, sql, params);
    return this.query ? rows : [];
  }
}

/**
 * The SQLSTATE of the database function `batch_require(condition boolean, message text)` (migration
 * `BatchRequire`), for a batch's query: it returns true, or raises this error with the message, which undoes
 * the whole statement.
 */
export const BATCH_REQUIREMENT_FAILED = 'P0002';

/** Whether a failed batch was refused by its own `batch_require` check rather than by the database. */
export function isBatchRequirementFailure(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === BATCH_REQUIREMENT_FAILED;
}

/** Runs a write now inside the transaction, or queues it in the batch. */
export async function write(writer: Writer, sql: string, params: unknown[]): Promise<void> {
  if (writer instanceof WriteBatch) writer.add(sql, params);
  else await writer.query(sql, params);
}
