import { addDays, Period, periodOf, ReportPeriodKind, weekStart } from '@app/core';

/** The three kinds of published report; each has its own hash chain. */
export type ReportKindName = 'weekly' | 'monthly' | 'quarterly';

/** What tells one kind of report from another: its period, its label's format, its schedule and its words. */
export interface ReportKind {
  name: ReportKindName;
  period: ReportPeriodKind;
  /** 周报 / 月报 / 季报 */
  title: string;
  /** When the report of the period just ended is published, in the district's time zone. */
  cron: string;
  /** The label's format as a reader types it, e.g. 2026-W48. */
  example: string;
  /** What the label names: 周次 / 月份 / 季度. */
  labelName: string;
  /** When the report is published, in words. */
  schedule: string;
  /** The first day of the labelled period, or null when the label is not one of this kind. */
  startOf(label: string): string | null;
  /** A bound on one catch-up: about twenty years of periods. */
  maxCatchUp: number;
}

const MONTH_LABEL = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_LABEL = /^(\d{4})-Q([1-4])$/;

export const WEEKLY: ReportKind = {
  name: 'weekly',
  period: 'week',
  title: '周报',
  cron: '0 8 * * 1',
  example: '2026-W48',
  labelName: '周次',
  schedule: '周报于下周一 08:00 生成',
  startOf: weekStart,
  maxCatchUp: 1100,
};

export const MONTHLY: ReportKind = {
  name: 'monthly',
  period: 'month',
  title: '月报',
  cron: '0 8 1 * *',
  example: '2026-11',
  labelName: '月份',
  schedule: '月报于次月 1 日 08:00 生成',
  startOf: (label) => (MONTH_LABEL.test(label) ? `${label}-01` : null),
  maxCatchUp: 240,
};

export const QUARTERLY: ReportKind = {
  name: 'quarterly',
  period: 'quarter',
  title: '季报',
  cron: '0 8 1 1,4,7,10 *',
  example: '2026-Q4',
  labelName: '季度',
  schedule: '季报于下一季度首日 08:00 生成',
  startOf: (label) => {
    const match = QUARTER_LABEL.exec(label);
    return match ? `${match[1]}-${String((+match[2] - 1) * 3 + 1).padStart(2, '0')}-01` : null;
  },
  maxCatchUp: 80,
};

export const REPORT_KINDS: readonly ReportKind[] = [WEEKLY, MONTHLY, QUARTERLY];

/** The period of a valid label (callers check the label with `startOf` first). */
export function periodOfLabel(kind: ReportKind, label: string): Period {
  return periodOf(kind.period, kind.startOf(label) as string);
}

/** The label of the period a day falls in. */
export function labelOfDay(kind: ReportKind, day: string): string {
  return periodOf(kind.period, day).label;
}

/** The label of the period after the labelled one. */
export function nextLabel(kind: ReportKind, label: string): string {
  return labelOfDay(kind, periodOfLabel(kind, label).to);
}

/** The label of the period before the labelled one. */
export function previousLabel(kind: ReportKind, label: string): string {
  return labelOfDay(kind, addDays(periodOfLabel(kind, label).from, -1));
}
