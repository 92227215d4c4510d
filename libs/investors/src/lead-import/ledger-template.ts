import type ExcelJS from 'exceljs';
import { LEAD_SOURCE_LABELS } from '../lead-source';
import { EARLIEST_BUSINESS_DATE, loadExcel } from '@app/core';
import { DATE_FIELDS, LEDGER_COLUMNS, LedgerField, TEMPLATE_FIELDS } from './ledger-columns';

/** Rows of the template that carry the columns' checks (a clerk may add more; they are read all the same). */
export const TEMPLATE_ROWS = 1000;

const DATE_FORMAT = 'yyyy-mm-dd';

/** exceljs keeps a sheet's validations by address or range, but its typings leave the collection out. */
interface WithDataValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/**
 * The ledger template: the headers, a text USCC column (Excel would show a long number as 9.12E+17 and lose
 * digits), real date columns, and one data validation per column over the data rows (ranges that never overlap:
 * Excel repairs a workbook whose validations do), then a sheet explaining each column.
 */
export async function buildLedgerTemplate(): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet('线索台账');
  sheet.columns = TEMPLATE_FIELDS.map((field) => ({
    header: LEDGER_COLUMNS[field],
    key: field,
    width: field === 'name' || field === 'note' ? 36 : 20,
    style: DATE_FIELDS.includes(field) ? { numFmt: DATE_FORMAT } : field === 'uscc' ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  // the header row keeps the general format: its cells are labels, not dates
  header.eachCell((cell) => (cell.numFmt = 'General'));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const [field, validation] of Object.entries(validations()) as [LedgerField, ExcelJS.DataValidation][]) {
    const letter = sheet.getColumn(field).letter;
    (sheet as unknown as WithDataValidations).dataValidations.add(
      `${letter}2:${letter}${TEMPLATE_ROWS + 1}`,
      validation,
    );
  }
  addHelp(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function validations(): Partial<Record<LedgerField, ExcelJS.DataValidation>> {
  const sources = Object.values(LEAD_SOURCE_LABELS);
  const [year, month, day] = EARLIEST_BUSINESS_DATE.split('-').map(Number);
  const earliest = new Date(Date.UTC(year, month - 1, day));
  const date = (title: string, error: string): ExcelJS.DataValidation => ({
    type: 'date',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: title,
    error,
    formulae: [earliest],
  });
  return {
    source: {
      type: 'list',
      allowBlank: false,
      showErrorMessage: true,
      errorTitle: '线索来源',
      error: `请从下拉列表选择：${sources.join('、')}`,
      formulae: [`"${sources.join(',')}"`],
    },
    uscc: {
      type: 'textLength',
      operator: 'equal',
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: '统一社会信用代码',
      error: '应为 18 位',
      formulae: [18],
    },
    registeredAt: date('登记日期', `请填写日期（不早于 ${EARLIEST_BUSINESS_DATE}、不晚于今天），如 2026-03-05`),
    nextFollowUpAt: date('下次跟进日期', '请填写日期，如 2026-12-05'),
  };
}

function addHelp(workbook: ExcelJS.Workbook): void {
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'column', width: 22 },
    { header: '说明', key: 'help', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  help.addRows([
    { column: LEDGER_COLUMNS.name, help: '必填，企业全称' },
    { column: LEDGER_COLUMNS.uscc, help: '18 位统一社会信用代码（文本），大写字母；境外或未注册企业可空' },
    { column: LEDGER_COLUMNS.source, help: `必填，可选：${Object.values(LEAD_SOURCE_LABELS).join('、')}` },
    {
      column: LEDGER_COLUMNS.registeredAt,
      help: `日期，线索按此日计入新增线索；不早于 ${EARLIEST_BUSINESS_DATE}、不晚于今天；空则为导入当天`,
    },
    {
      column: LEDGER_COLUMNS.intendedAmount,
      help: '万元，最多两位小数，如 12500.00；也可写带单位的金额：5000万、1.2亿、300000元，导入时换算为万元',
    },
    { column: LEDGER_COLUMNS.nextFollowUpAt, help: '日期，如 2026-12-05、2026/12/5 或 2026年12月5日' },
    {
      column: '导入规则',
      help:
        '先“试导入”检查。正式导入时有格式错误则整批不导入；本局已登记的企业按台账更新（无变化则跳过），' +
        '其他招商局已登记（撞单）或名称相近的企业该行不导入，其余行照常导入',
    },
  ]);
}
