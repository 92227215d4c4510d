import { FileUploadOptions } from '@app/core';
import { InvestorsException, InvestorsExceptionCode as Code } from '../investors.exception';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';
/** The form field that carries the ledger in a multipart upload. */
export const LEDGER_FIELD = 'file';

/** Media types a browser may give a ledger file part (Windows with Excel calls a .csv application/vnd.ms-excel). */
const LEDGER_PART_TYPES = [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE, 'application/vnd.ms-excel', 'application/octet-stream'];

/** A ledger upload: XLSX or CSV, as the body itself or the form field `file`, at most 10 MB. */
export const LEDGER_UPLOAD: FileUploadOptions = {
  mediaTypes: [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE, 'application/octet-stream'],
  field: LEDGER_FIELD,
  maxBytes: 10 * 1024 * 1024,
  label: '台账文件',
  formats: 'XLSX 或 CSV',
  partProblem: ledgerPartProblem,
  invalid: (message) => new InvestorsException(Code.ImportFileInvalid, message),
};

/** Why a form part is not a ledger file, judged by the file name's extension, else by its media type. */
export function ledgerPartProblem(filename: string | undefined, mimeType: string | undefined): string | null {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename ?? '')?.[1]?.toLowerCase();
  if (extension === 'xlsx' || extension === 'csv') return null;
  if (extension === 'xls') return '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传';
  if (!extension && LEDGER_PART_TYPES.includes((mimeType ?? '').toLowerCase())) return null;
  return `只能上传 XLSX 或 CSV 台账文件，收到的是 ${filename || mimeType || '未知类型'}`;
}
