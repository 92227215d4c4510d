import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';

/** PostgreSQL's duplicate_prepared_statement. */
const DUPLICATE_PREPARED_STATEMENT = '42P05';

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans it once per connection instead
 * of on every call. For the few statements every request runs (the session check, a visit's lookup and its
 * write batch), whose text is fixed and whose values all travel as parameters.
 *
 * Runs outside any transaction, on a connection of its own from the pool. The embedded server serves every
 * connection from one session, so a reconnected client can meet a name the session already holds; such a
 * call runs unnamed instead (outside a transaction, the refused Parse leaves nothing behind).
 */
export async function preparedQuery<T>(dataSource: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const name = preparedName(sql);
    try {
      return (await client.query({ name, text: sql, values: params })).rows as T[];
    } catch (error) {
      if ((error as { code?: string }).code !== DUPLICATE_PREPARED_STATEMENT) throw error;
      return (await client.query(sql, params)).rows as T[];
    }
  } catch (error) {
    // the same error type as every other query, for the exception filter and the constraint checks
    throw error instanceof QueryFailedError ? error : new QueryFailedError(sql, params, error as Error);
  } finally {
    await runner.release();
  }
}

/** Names already worked out; the statements that take this path are few, and the bound is generous. */
const NAMES_LIMIT = 1000;
const names = new LRUCache<string, string>({ max: NAMES_LIMIT });

/** The statement's name: the same text gets the same name in every process. */
export function preparedName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `q_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}
