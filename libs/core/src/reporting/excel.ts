import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded the first time a workbook is read or written: it is the largest module of the api (half a
 * second to load), and most processes — and most requests — never touch a spreadsheet.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
