import { addDays, loadExcel, ReportColumn, ReportTable } from '@app/core';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { ReportContent, reportLabel } from './report-builder';

const NUMBER_FORMATS: Partial<Record<ReportColumn['type'], string>> = {
  amount: '#,##0.00',
  int: '0',
  change: '+0;-0;0',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

/** 海州区招商引资周报 / 月报 / 季报. */
export function reportName(content: Pick<ReportContent, 'kind'>): string {
  return `海州区招商引资${content.kind === 'monthly' ? '月报' : content.kind === 'quarterly' ? '季报' : '周报'}`;
}

/** The line above every exported table: the report, its period and the period's days, the table. */
export function titleOf(content: ReportContent, table: ReportTable): string {
  return `${reportName(content)} ${reportLabel(content)}（${content.from} 至 ${addDays(content.to, -1)}）${table.title}`;
}

/** A YYYY-MM-DD business date as the Date exceljs writes as that day (a date serial, no time, no zone). */
function excelDate(value: string): Date | string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : value;
}

/** Display width of a cell: a Chinese character takes two columns. */
function displayWidth(value: unknown): number {
  const text = value === null || value === undefined ? '' : String(value);
  let width = 0;
  for (const char of text) width += /[\u2e80-\uffff]/.test(char) ? 2 : 1;
  return width;
}

function cellValue(column: ReportColumn, value: unknown): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (column.type) {
    case 'date':
      return excelDate(String(value));
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
 * The report as XLSX, written row by row to a stream (exceljs's streaming writer): one sheet per table, each
 * starting with a title row (report, week, its days, table) and the table's note if it has one, above the
 * Chinese headers, all of them
 * frozen, amounts as numbers with two decimals, dates as Excel dates, widths that fit.
 */
export function xlsxStream(content: ReportContent): Readable {
  const output = new PassThrough();
  void (async () => {
    const excel = await loadExcel();
    const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    workbook.creator = '海州招商 CRM';
    workbook.created = new Date(content.generatedAt);
    for (const table of content.tables) {
      const headerRow = table.note ? 3 : 2;
      const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: headerRow }] });
      sheet.columns = table.columns.map((column) => ({
        key: column.key,
        width: Math.min(
          50,
          Math.max(8, displayWidth(column.header), ...table.rows.map((row) => displayWidth(row[column.key]))) + 2,
        ),
        style: NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {},
      }));
      const title = sheet.addRow([titleOf(content, table)]);
      title.font = { bold: true, size: 14 };
      if (table.columns.length > 1) sheet.mergeCells(1, 1, 1, table.columns.length);
      title.commit();
      if (table.note) {
        const note = sheet.addRow([table.note]);
        note.font = { italic: true };
        if (table.columns.length > 1) sheet.mergeCells(2, 1, 2, table.columns.length);
        note.commit();
      }
      const header = sheet.addRow(table.columns.map((column) => column.header));
      header.font = { bold: true };
      header.commit();
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

/** The characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number as the export writes it: a minus sign, digits, a decimal point, a percent sign at most. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?%?$/;
const NUMERIC_TYPES: ReadonlySet<ReportColumn['type']> = new Set(['int', 'amount', 'change', 'percent']);

/**
 * The text of one CSV cell. A text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) is prefixed with a single quote; a number of a numeric column stays a number, negative or not.
 * Quoting is the writer's (csv-stringify).
 */
export function csvField(value: unknown, numeric = false): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
  return FORMULA_START.test(text) && !(numeric && PLAIN_NUMBER.test(text)) ? `'${text}` : text;
}

/**
 * One table of the report as CSV in UTF-8 with a byte-order mark (so Excel reads the Chinese) and CRLF line ends:
 * a title line (report, week, its days, table), the table's note if it has one, the headers, then the rows.
 */
export function csvStream(content: ReportContent, table: ReportTable): Readable {
  function* records(): Generator<string[]> {
    yield [csvField(titleOf(content, table))];
    if (table.note) yield [csvField(table.note)];
    yield table.columns.map((c) => csvField(c.header));
    for (const row of table.rows)
      yield table.columns.map((c) => csvField(formatCsv(c, row[c.key]), NUMERIC_TYPES.has(c.type)));
  }
  // a lone carriage return ends a line for a spreadsheet too: a cell holding one is quoted like a line break
  return Readable.from(records()).pipe(stringify({ bom: true, record_delimiter: '\r\n', quoted_match: /[\r\n]/ }));
}

function formatCsv(column: ReportColumn, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (column.type === 'amount') return Number(value).toFixed(2);
  if (column.type === 'percent') return `${(Number(value) * 100).toFixed(1)}%`;
  return value;
}

export type { ReportTable };
