import { Actor } from '@app/core';
import type { FastifyReply } from 'fastify';
import { ExportQueryDto, ReportScopeDto } from './dto/weekly-report.dto';
import { ReportContent } from './report-builder';
import { csvStream, reportName, ReportTable, xlsxStream } from './report-export';
import { ReportPublisher } from './report-publisher';
import { visibleReport } from './report-scope';
import { ReportsException, ReportsExceptionCode } from './reports.exception';
import { StoredReport } from './store/report-store';

const MEDIA = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** What a reader sees of a stored report: the part their scope allows, and whether the whole still hashes right. */
export function reportView(
  publisher: ReportPublisher,
  report: StoredReport,
  actor: Actor,
): { content: ReportContent; scope: ReportScopeDto; intact: boolean } {
  const { content, scope } = visibleReport(report.content as unknown as ReportContent, actor);
  return { content, scope, intact: publisher.verify(report) };
}

/**
 * Sends a report's export as the reader may see it: every table as XLSX, one table as CSV, or the 通报 as DOCX;
 * refused when the stored content no longer hashes to what was published.
 */
export async function sendReportExport(
  publisher: ReportPublisher,
  actor: Actor,
  label: string,
  query: ExportQueryDto,
  reply: FastifyReply,
): Promise<void> {
  const report = await publisher.exportable(label, query.version);
  const { content, scope } = visibleReport(report.content as unknown as ReportContent, actor);
  const table = query.table ? content.tables.find((t) => t.key === query.table || t.title === query.table) : undefined;
  if (query.table && !table) {
    throw new ReportsException(ReportsExceptionCode.ReportNotFound, `${publisher.kind.title}中没有表：${query.table}`, {
      tables: tablesOf(content),
    });
  }
  if (query.format === 'csv' && !table) {
    throw new ReportsException(
      ReportsExceptionCode.TableRequired,
      `CSV 每个文件一张表，请用 table 指定：${content.tables.map((t) => `${t.key}（${t.title}）`).join('、')}`,
      { tables: tablesOf(content) },
    );
  }
  const stem = `${publisher.kind.name}-${label}-v${report.version}`;
  const name = `${reportName(content)}-${label}-v${report.version}`;
  const [ascii, utf8] =
    query.format === 'docx'
      ? [`${stem}.docx`, `${reportName(content)}通报-${label}-v${report.version}.docx`]
      : query.format === 'csv'
        ? [`${stem}-${(table as ReportTable).key}.csv`, `${name}-${(table as ReportTable).title}.csv`]
        : [`${stem}.xlsx`, `${name}.xlsx`];
  const body =
    query.format === 'docx'
      ? await publisher.bulletin(report, actor)
      : query.format === 'xlsx'
        ? xlsxStream(content)
        : csvStream(content, table as ReportTable);
  void reply
    .header('content-disposition', contentDisposition(ascii, utf8))
    .header('x-report-sha256', report.sha256)
    .header('x-report-scope', scope.filtered ? (scope.bureau ?? 'none') : 'all')
    .type(MEDIA[query.format])
    .send(body);
}

function tablesOf(content: ReportContent): { key: string; title: string }[] {
  return content.tables.map((t) => ({ key: t.key, title: t.title }));
}

/** An attachment's name: a plain ASCII one for old clients and the UTF-8 one (RFC 5987) for the rest. */
function contentDisposition(ascii: string, utf8: string): string {
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
