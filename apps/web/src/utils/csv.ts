/** One column of a list's CSV export: its Chinese header and how a row reads in it. */
export interface CsvColumn<T> {
  label: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * A CSV a spreadsheet opens in Chinese (UTF-8 with a byte-order mark, CRLF), each cell quoted as needed and a
 * cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) kept as text with a leading apostrophe.
 */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map((c) => cell(c.label)), ...rows.map((row) => columns.map((c) => cell(c.value(row))))];
  return `\uFEFF${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}
