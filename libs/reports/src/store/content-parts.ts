import { Reader } from '@app/core';

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

/** A report's content in parts, in order, in one statement (so from one snapshot). */
const partsOf = (table: 'weekly_report' | 'period_report') => `
  SELECT 0 AS t, 0 AS r, CASE WHEN ${TABLES} IS NULL THEN w.content ELSE w.content - 'tables' END AS value,
         ${TABLES} IS NOT NULL AS split
    FROM ${table} w WHERE w.id = $1
  UNION ALL
  SELECT x.ord::int, 0, CASE WHEN ${ROWS} IS NULL THEN x.t ELSE x.t - 'rows' END, ${ROWS} IS NOT NULL
    FROM ${table} w, jsonb_array_elements(${TABLES}) WITH ORDINALITY x(t, ord) WHERE w.id = $1
  UNION ALL
  SELECT x.ord::int, r.ord::int, r.value, NULL
    FROM ${table} w, jsonb_array_elements(${TABLES}) WITH ORDINALITY x(t, ord),
         jsonb_array_elements(${ROWS}) WITH ORDINALITY r(value, ord)
   WHERE w.id = $1
  ORDER BY 1, 2`;

const QUERIES = { weekly_report: partsOf('weekly_report'), period_report: partsOf('period_report') };

/**
 * One stored report's content. A report can run to tens of megabytes (every alert of a district), so it is not
 * read as one value (the whole text, then the whole string, then the parsed object, all at once): one statement
 * sends the content without its tables, each table without its rows, then each row, and the content is put
 * together again from them. Whatever is not shaped so (no `tables` array, a table without a `rows` array) comes
 * as it is stored, so that the content is always exactly what was stored.
 */
export async function readContentInParts(
  manager: Reader,
  table: 'weekly_report' | 'period_report',
  id: string,
): Promise<Record<string, unknown> | null> {
  const rows: ContentPart[] = await manager.query(QUERIES[table], [id]);
  let content: Record<string, unknown> | null = null;
  const tables: Record<string, unknown>[] = [];
  for (const part of rows) {
    if (part.t === 0) {
      content = part.value as Record<string, unknown>;
      if (part.split) content.tables = tables;
    } else if (part.r === 0) {
      const value = part.value as Record<string, unknown>;
      if (part.split) value.rows = [];
      tables.push(value);
    } else {
      (tables[tables.length - 1].rows as unknown[]).push(part.value);
    }
  }
  return content;
}
