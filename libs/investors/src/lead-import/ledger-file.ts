import { loadExcel } from '@app/core';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { toHalfWidth } from '../company-name';

/** One data row of an uploaded ledger: its row number as the user sees it, and its cells by header. */
export interface LedgerRow {
  row: number;
  cells: Map<string, string>;
}

export interface Ledger {
  headers: string[];
  rows: LedgerRow[];
}

export class LedgerFileError extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Headers compared half-width, without spaces: 意向投资额(万元) and 意向投资额（万元） are the same column. */
export function headerKey(header: string): string {
  return toHalfWidth(header).replace(/\s+/g, '');
}

/** Reads an XLSX (first sheet) or CSV (UTF-8, or GB18030 as Excel in China saves it) ledger. */
export async function readLedger(file: Buffer, maxRows: number): Promise<Ledger> {
  const isXlsx = ZIP_MAGIC.every((byte, i) => file[i] === byte);
  const table = isXlsx ? await xlsxTable(file) : csvTable(decodeText(file));
  const [headerRow, ...dataRows] = table;
  if (!headerRow || headerRow.every((cell) => cell.trim() === '')) throw new LedgerFileError('文件没有表头行');
  const headers = headerRow.map((h) => headerKey(h));
  const rows: LedgerRow[] = [];
  dataRows.forEach((values, index) => {
    if (values.every((value) => value.trim() === '')) return;
    const cells = new Map<string, string>();
    headers.forEach((header, column) => {
      if (header) cells.set(header, (values[column] ?? '').trim());
    });
    rows.push({ row: index + 2, cells });
  });
  if (rows.length > maxRows) throw new LedgerFileError(`一次最多导入 ${maxRows} 行，文件有 ${rows.length} 行`);
  return { headers, rows };
}

async function xlsxTable(file: Buffer): Promise<string[][]> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    throw new LedgerFileError('无法读取 XLSX 文件，请确认文件未损坏');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new LedgerFileError('XLSX 文件没有工作表');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) values.push(cellText(row.getCell(column).value));
    table[rowNumber - 1] = values;
  });
  return Array.from(table, (values) => values ?? []);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/** RFC 4180 (csv-parse): commas, double quotes with "" inside, CRLF, LF or CR line ends, rows of any length. */
export function csvTable(text: string): string[][] {
  try {
    return parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as string[][];
  } catch {
    throw new LedgerFileError('无法读取 CSV 文件：请检查引号是否成对');
  }
}
