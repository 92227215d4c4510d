import { SetMetadata } from '@nestjs/common';
import { Period } from '../time/business-calendar';

export type ReportColumnType = 'text' | 'int' | 'amount' | 'date' | 'percent' | 'change';

export interface ReportColumn {
  key: string;
  /** The Chinese header people read in the export. */
  header: string;
  type: ReportColumnType;
}

/** The two columns every per-bureau table starts with. */
export const BUREAU_COLUMNS: readonly ReportColumn[] = [
  { key: 'bureauCode', header: '编码', type: 'text' },
  { key: 'bureauName', header: '招商局', type: 'text' },
];

export interface ReportTable {
  /** Stable key, e.g. `ranking`. */
  key: string;
  /** Sheet name in the export, e.g. 排名. */
  title: string;
  columns: ReportColumn[];
  /** A line the export prints between the title and the headers (e.g. how a score is computed). */
  note?: string;
  /** Values as JSON: amounts as decimal strings, rates as numbers, dates as YYYY-MM-DD. */
  rows: Record<string, string | number | boolean | null>[];
}

/** A part of the weekly report contributed by a domain; found by the reports library through @ReportSection. */
export interface ReportSectionProvider {
  /** The table as of the end of the period: records dated after its last day are not seen. */
  build(week: Period): Promise<ReportTable>;
  /** The first business date of this section's data, if it has any: where a fresh installation's reports start. */
  earliestDate?(): Promise<string | null>;
}

export const REPORT_SECTION_METADATA = 'crm:report-section';

/** Marks a provider as a weekly-report section; `order` places its sheet. */
export const ReportSection = (order: number) => SetMetadata(REPORT_SECTION_METADATA, { order });
