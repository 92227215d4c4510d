import { Actor, bureauCodeScopeOf, ReportTable } from '@app/core';

/**
 * Tables a staff member or head sees whole: the figures, scores (and their terms) and ranks of every bureau, public as
 * GET /rankings is, and the chain map's district-wide figures (产业链招商), public as the coverage route is. Every other table lists records (signings, stage changes, funds in place, alerts) or one
 * bureau's activity, and keeps only the reader's bureau's rows; a table without a bureau column keeps none,
 * so a table added later is private until it is listed here.
 */
export const PUBLIC_REPORT_TABLES: readonly string[] = ['ranking', 'scoring', 'chains'];

export interface ReportScope {
  /** The bureau whose rows the other tables keep; `null` when the reader sees every bureau. */
  bureau: string | null;
  /** Whether the tables were filtered for this reader (the stored snapshot and its hash are the whole report). */
  filtered: boolean;
}

/**
 * What a reader may see of a built or stored report: a function of the content and the reader only, applied
 * after the report is read (the snapshot, its hash and its integrity check stay those of the whole report).
 */
export function visibleReport<C extends { tables: ReportTable[] }>(
  content: C,
  actor: Pick<Actor, 'role' | 'bureauId' | 'bureauCode'>,
): { content: C; scope: ReportScope } {
  const code = bureauCodeScopeOf(actor);
  if (code === null) return { content, scope: { bureau: null, filtered: false } };
  return {
    content: { ...content, tables: content.tables.map((table) => visibleTable(table, code)) },
    scope: { bureau: code || null, filtered: true },
  };
}

function visibleTable(table: ReportTable, code: string): ReportTable {
  if (PUBLIC_REPORT_TABLES.includes(table.key)) return table;
  const byBureau = table.columns.some((column) => column.key === 'bureauCode');
  return { ...table, rows: byBureau && code ? table.rows.filter((row) => row.bureauCode === code) : [] };
}
