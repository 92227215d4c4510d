import { EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Transaction } from './database.service';

/** Rows per insert statement: a few hundred rows of a dozen columns stay far under PostgreSQL's 65,535 parameters. */
export const INSERT_CHUNK = 200;

/** Inserts many rows in a few statements (one insert per row would take most of a bulk load), in order. */
export async function insertChunked<T extends ObjectLiteral>(
  tx: Transaction,
  target: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
  chunk = INSERT_CHUNK,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    await tx.getRepository(target).insert(rows.slice(start, start + chunk));
  }
}
