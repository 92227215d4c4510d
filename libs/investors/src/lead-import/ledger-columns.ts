import { headerKey } from './ledger-file';

/** The columns of a lead ledger, as the template names them; the first two are required. */
export const LEDGER_COLUMNS = {
  name: '企业名称',
  uscc: '统一社会信用代码',
  industry: '所属行业',
  source: '线索来源',
  registeredAt: '登记日期',
  intendedAmount: '意向投资额（万元）',
  nextFollowUpAt: '下次跟进日期',
  note: '备注',
  region: '来源地',
  chainPosition: '产业链环节',
} as const;

export type LedgerField = keyof typeof LEDGER_COLUMNS;

export const REQUIRED_COLUMNS: LedgerField[] = ['name', 'source'];

export const TEMPLATE_FIELDS: LedgerField[] = [
  'name',
  'uscc',
  'industry',
  'source',
  'registeredAt',
  'intendedAmount',
  'nextFollowUpAt',
  'note',
  'region',
  'chainPosition',
];

/** Columns the template formats as dates (a real Excel date column). */
export const DATE_FIELDS: LedgerField[] = ['registeredAt', 'nextFollowUpAt'];

export const columnKey = (field: LedgerField): string => headerKey(LEDGER_COLUMNS[field]);
