// 周报、月报、季报：三类报告的名称、期间叫法、地址，以及按类别调用的接口。
import { api, data, download } from '@/api/client';
import type { components } from '@/api/schema';

export type ReportKind = 'weekly' | 'monthly' | 'quarterly';
type Weekly = components['schemas']['WeeklyReportDto'];
type Periodic = components['schemas']['PeriodReportDto'];
export type Report = Weekly | Periodic;
type ListQuery = { page?: number; pageSize?: number };
type ExportQuery = { format: 'xlsx' | 'csv' | 'docx'; version?: number; table?: string };

export const REPORT_KINDS: { kind: ReportKind; title: string; period: string }[] = [
  { kind: 'weekly', title: '周报', period: '周次' },
  { kind: 'monthly', title: '月报', period: '月份' },
  { kind: 'quarterly', title: '季报', period: '季度' },
];

export const kindOf = (value: unknown): ReportKind => (value === 'monthly' || value === 'quarterly' ? value : 'weekly');

export const titleOf = (kind: ReportKind): string => REPORT_KINDS.find((k) => k.kind === kind)!.title;

/** A report's page: `/reports/2026-W48`, `/reports/monthly/2026-11`, `/reports/quarterly/2026-Q4`. */
export const reportPath = (kind: ReportKind, label: string): string =>
  kind === 'weekly' ? `/reports/${label}` : `/reports/${kind}/${label}`;

/** One row of the list, whatever the kind. */
export interface ReportRow {
  label: string;
  version: number;
  publishedAt: string;
  generatedBy: string | null;
  sha256: string;
}

export async function listReports(kind: ReportKind, query: ListQuery): Promise<{ items: ReportRow[]; total: number }> {
  if (kind === 'weekly') {
    const page = await data(api.GET('/api/v1/reports/weekly', { params: { query } }));
    return { ...page, items: page.items.map((item) => ({ ...item, label: item.week })) };
  }
  const page = await data(
    kind === 'monthly'
      ? api.GET('/api/v1/reports/monthly', { params: { query } })
      : api.GET('/api/v1/reports/quarterly', { params: { query } }),
  );
  return { ...page, items: page.items.map((item) => ({ ...item, label: item.period })) };
}

export function getReport(kind: ReportKind, label: string, version?: number): Promise<Report> {
  const query = { version };
  if (kind === 'weekly')
    return data(api.GET('/api/v1/reports/weekly/{week}', { params: { path: { week: label }, query } }));
  if (kind === 'monthly') {
    return data(api.GET('/api/v1/reports/monthly/{month}', { params: { path: { month: label }, query } }));
  }
  return data(api.GET('/api/v1/reports/quarterly/{quarter}', { params: { path: { quarter: label }, query } }));
}

export function exportReport(kind: ReportKind, label: string, query: ExportQuery) {
  if (kind === 'weekly') {
    return download(
      api.GET('/api/v1/reports/weekly/{week}/export', { params: { path: { week: label }, query }, parseAs: 'stream' }),
    );
  }
  if (kind === 'monthly') {
    return download(
      api.GET('/api/v1/reports/monthly/{month}/export', {
        params: { path: { month: label }, query },
        parseAs: 'stream',
      }),
    );
  }
  return download(
    api.GET('/api/v1/reports/quarterly/{quarter}/export', {
      params: { path: { quarter: label }, query },
      parseAs: 'stream',
    }),
  );
}
