import { SetMetadata } from '@nestjs/common';
import { Period, PeriodKind } from '../time/business-calendar';

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

/** A part of the weekly, monthly and quarterly reports contributed by a domain; found through @ReportSection. */
export interface ReportSectionProvider {
  /** The table of a report's period (a week, a month or a quarter) as of its end: later records are not seen. */
  build(period: Period): Promise<ReportTable>;
  /** The first business date of this section's data, if it has any: where a fresh installation's reports start. */
  earliestDate?(): Promise<string | null>;
}

export const REPORT_SECTION_METADATA = 'crm:report-section';

/** The kinds of period a report covers: the weekly, monthly and quarterly reports. */
export type ReportPeriodKind = Extract<PeriodKind, 'week' | 'month' | 'quarter'>;

export interface ReportSectionOptions {
  /** The reports the section is part of (default: all three). */
  periods?: readonly ReportPeriodKind[];
}

export interface ReportSectionMetadata extends ReportSectionOptions {
  order: number;
}

/** Marks a provider as a report section; `order` places its sheet. */
export const ReportSection = (order: number, options: ReportSectionOptions = {}) =>
  SetMetadata(REPORT_SECTION_METADATA, { order, ...options } satisfies ReportSectionMetadata);

/** How a report names its own period and the one before it, in headers and in the 通报's sentences. */
export interface PeriodWords {
  /** 本周 / 本月 / 本季度 */
  current: string;
  /** 上周 / 上月 / 上季度 */
  previous: string;
  /** 周 / 月 / 季度 */
  unit: string;
}

const PERIOD_WORDS: Record<ReportPeriodKind, PeriodWords> = {
  week: { current: '本周', previous: '上周', unit: '周' },
  month: { current: '本月', previous: '上月', unit: '月' },
  quarter: { current: '本季度', previous: '上季度', unit: '季度' },
};

/** The words of a report's period; a year-to-date period reads as the week it ends (the weekly report's). */
export function periodWords(kind: PeriodKind): PeriodWords {
  return kind === 'ytd' ? PERIOD_WORDS.week : PERIOD_WORDS[kind];
}
