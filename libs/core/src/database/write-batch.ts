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
 * plain INSERT, UPDATE or DELETE whose only `$n` text is its own numbered parameters.
 */
export class WriteBatch {
  private readonly statements: Statement[] = [];

  add(sql: string, params: unknown[]): void {
    this.statements.push({ sql: sql.trim(), params });
  }

  get size(): number {
    return this.statements.length;
  }

  /** The one statement and its parameters (`$n` of each write renumbered after the writes before it). */
  compile(): Statement {
    if (this.statements.length === 1) return this.statements[0];
    const params: unknown[] = [];
    const parts = this.statements.map((statement, i) => {
      const offset = params.length;
      params.push(...statement.params);
      const sql = statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      return `w${i} AS (${sql})`;
    });
    return { sql: `WITH ${parts.join(',\n')}\nSELECT 1`, params };
  }

  /** Sends the batch as a prepared statement: a batch of the same writes has the same text every time. */
  async run(dataSource: DataSource): Promise<void> {
    if (this.statements.length === 0) return;
    const { sql, params } = this.compile();
    await preparedQuery(dataSource, sql, params);
  }
}

/** Runs a write now inside the transaction, or queues it in the batch. */
export async function write(writer: Writer, sql: string, params: unknown[]): Promise<void> {
  if (writer instanceof WriteBatch) writer.add(sql, params);
  else await writer.query(sql, params);
}
