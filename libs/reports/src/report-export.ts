import { ReportColumn, ReportTable } from '@app/core';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { WeeklyReportContent } from './report-builder';

const NUMBER_FORMATS: Partial<Record<ReportColumn['type'], string>> = {
  amount: '#,##0.00',
  int: '0',
  change: '+0;-0;0',
  percent: '0.0%',
};

/** Display width of a cell: a Chinese character takes two columns. */
function displayWidth(value: unknown): number {
  const text = value === null || value === undefined ? '' : String(value);
  let width = 0;
  for (const char of text) width += /[\u2e80-\uffff]/.test(char) ? 2 : 1;
  return width;
}

function cellValue(column: ReportColumn, value: unknown): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  switch (column.type) {
    case 'amount':
    case 'int':
    case 'change':
    case 'percent':
      return Number(value);
    default:
      return typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  }
}

/** Rows written between two looks at the output's buffer. */
const BACKPRESSURE_ROWS = 500;

/** Resolves once the stream has room again (at once if it has), after giving queued work a turn. */
async function drained(stream: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (stream.writableNeedDrain) await once(stream, 'drain');
}

/**
 * The report as XLSX, written row by row to a stream (exceljs's streaming writer): one sheet per table,
 * Chinese headers, frozen header row, amounts as numbers with two decimals, widths that fit.
 */
export function xlsxStream(content: WeeklyReportContent): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = '海州招商 CRM';
  workbook.created = new Date(content.generatedAt);
  void (async () => {
    for (const table of content.tables) {
      const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = table.columns.map((column) => ({
        header: column.header,
        key: column.key,
        width: Math.min(
          50,
          Math.max(8, displayWidth(column.header), ...table.rows.map((row) => displayWidth(row[column.key]))) + 2,
        ),
        style: NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {},
      }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      for (const [index, row] of table.rows.entries()) {
        sheet.addRow(table.columns.map((column) => cellValue(column, row[column.key]))).commit();
        // let the zip stream compress and the client read before writing more: memory stays flat
        if (index % BACKPRESSURE_ROWS === BACKPRESSURE_ROWS - 1) await drained(output);
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV in UTF-8 with a byte-order mark (so Excel reads the Chinese): one block per table. */
export function csvStream(content: WeeklyReportContent, only?: string): Readable {
  const tables = content.tables.filter((table) => !only || table.key === only || table.title === only);
  function* lines(): Generator<string> {
    yield '\ufeff';
    for (const [index, table] of tables.entries()) {
      if (tables.length > 1) yield `${index > 0 ? '\r\n' : ''}${csvField(`【${table.title}】${content.week}`)}\r\n`;
      yield `${table.columns.map((c) => csvField(c.header)).join(',')}\r\n`;
      for (const row of table.rows)
        yield `${table.columns.map((c) => csvField(formatCsv(c, row[c.key]))).join(',')}\r\n`;
    }
  }
  return Readable.from(lines());
}

function formatCsv(column: ReportColumn, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (column.type === 'amount') return Number(value).toFixed(2);
  if (column.type === 'percent') return `${(Number(value) * 100).toFixed(1)}%`;
  return value;
}

export type { ReportTable };
