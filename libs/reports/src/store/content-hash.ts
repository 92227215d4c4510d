import { canonicalJson } from '@app/core';
import { createHash, randomUUID } from 'node:crypto';

/** SHA-256 of a report's canonical JSON: what its `sha256` is. */
export function hashOf(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

type ReportTableLike = Record<string, unknown> & { rows: unknown[] };

/**
 * hashOf(content), the same digest, without the canonical JSON of the whole report in memory at once: the
 * report's frame (its tables without their rows) is written with a mark in place of each table's rows, and the
 * hash is fed the frame up to a mark, then that table's rows one by one, then the frame on to the next mark.
 * A content not of that shape (no `tables` array of objects with a `rows` array) is hashed whole.
 */
export function contentHash(content: unknown): string {
  const tables = (content as { tables?: unknown } | null)?.tables;
  const shaped =
    Array.isArray(tables) &&
    tables.every(
      (table) => typeof table === 'object' && table !== null && Array.isArray((table as ReportTableLike).rows),
    );
  if (!shaped) return hashOf(content);
  const marks = (tables as ReportTableLike[]).map((_, i) => `\u0001rows ${i} ${randomUUID()}`);
  const frame = canonicalJson({
    ...(content as Record<string, unknown>),
    tables: (tables as ReportTableLike[]).map((table, i) => ({ ...table, rows: marks[i] })),
  });
  const hash = createHash('sha256');
  let at = 0;
  (tables as ReportTableLike[]).forEach((table, i) => {
    const mark = JSON.stringify(marks[i]);
    const index = frame.indexOf(mark, at);
    if (index < 0) throw new Error('a table without its mark in the frame');
    hash.update(frame.slice(at, index));
    hash.update('[');
    table.rows.forEach((row, n) => hash.update(n === 0 ? canonicalJson(row) : `,${canonicalJson(row)}`));
    hash.update(']');
    at = index + mark.length;
  });
  hash.update(frame.slice(at));
  return hash.digest('hex');
}
