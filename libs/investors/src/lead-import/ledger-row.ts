import { AMOUNT_PATTERN, chineseMessage, isCalendarDate } from '@app/core';
import { validateSync } from 'class-validator';
import { normalizeCompanyName, toHalfWidth } from '../company-name';
import { CreateInvestorDto } from '../dto/investor.dto';
import { ImportConversionDto, ImportProblemDto } from '../dto/lead-import.dto';
import { CreateLeadDto } from '../dto/lead.dto';
import { LEAD_SOURCE_LABELS, LeadSource, parseLeadSource } from '../lead-source';
import { registeredAtProblem } from '../registered-at';
import { describeUsccProblem, normalizeUscc, usccProblem } from '../uscc';
import { columnKey, LEDGER_COLUMNS, LedgerField } from './ledger-columns';
import { LedgerRow } from './ledger-file';

/** One row that passed the checks of its own cells. */
export interface ParsedRow {
  row: number;
  name: string;
  normalizedName: string;
  uscc: string | null;
  industry: string | null;
  source: LeadSource;
  /** 登记日期 from the ledger; null when the cell is empty (a new lead is then registered today). */
  registeredAt: string | null;
  /** 万元, two decimals. */
  intendedAmount: string | null;
  nextFollowUpAt: string | null;
  note: string | null;
  region: string | null;
  chainPosition: string | null;
}

/** Where a row's problems and notes go. */
export interface RowFindings {
  errors: ImportProblemDto[];
  conversions: ImportConversionDto[];
}

const NUMERIC_USCC_HINT = '（Excel 把代码存成了数字，如 9.12E+17，末几位已丢失：请把该列设为文本后重新填写）';

/** The row's fields that the API's create bodies check as they are (lengths, the amount's form). */
const BODY_FIELDS = {
  investor: ['name', 'industry', 'chainPosition', 'region'],
  lead: ['note', 'intendedAmount'],
} as const satisfies Record<string, readonly LedgerField[]>;

/**
 * The problems the API would find in the values a row was read as, by its own create bodies (CreateInvestorDto,
 * CreateLeadDto): a ledger has no length or amount rules of its own. Fields left empty are not checked here.
 */
function bodyProblems(values: Partial<Record<LedgerField, string | null>>): [LedgerField, string][] {
  const pick = (fields: readonly LedgerField[]) =>
    Object.fromEntries(fields.filter((field) => values[field] != null).map((field) => [field, values[field]]));
  const bodies = [
    Object.assign(new CreateInvestorDto(), pick(BODY_FIELDS.investor)),
    Object.assign(new CreateLeadDto(), pick(BODY_FIELDS.lead)),
  ];
  return bodies.flatMap((body) =>
    validateSync(body, { skipMissingProperties: true }).map((error): [LedgerField, string] => {
      const [name, text] = Object.entries(error.constraints ?? {})[0] ?? ['', ''];
      return [error.property as LedgerField, chineseMessage(error, name, text)];
    }),
  );
}

/** Checks the cells of one row against `today` (the district's); every problem and unit conversion is noted. */
export function parseRow(row: LedgerRow, today: string, findings: RowFindings): ParsedRow | null {
  const { errors } = findings;
  const before = errors.length;
  const cell = (field: LedgerField): string | null => row.cells.get(columnKey(field)) || null;
  const problem = (field: LedgerField, reason: string) =>
    errors.push({ row: row.row, column: LEDGER_COLUMNS[field], reason });

  const name = cell('name');
  if (!name) problem('name', '必填');

  const typedUscc = cell('uscc');
  const uscc = typedUscc === null ? null : normalizeUscc(typedUscc);
  if (uscc) {
    const wrong = usccProblem(uscc);
    // a code Excel kept as a number has lost its last digits (9.12E+17)
    const numeric = /^[\d.]+(e\+?\d+)?$/i.test(uscc) ? NUMERIC_USCC_HINT : '';
    if (wrong) problem('uscc', describeUsccProblem(wrong) + numeric);
  }

  const sourceText = cell('source');
  const source = sourceText ? parseLeadSource(sourceText) : null;
  if (!sourceText) problem('source', '必填');
  else if (!source) problem('source', `应为：${Object.values(LEAD_SOURCE_LABELS).join('、')}`);

  const amountText = cell('intendedAmount');
  let intendedAmount: string | null = null;
  if (amountText) {
    const amount = parseAmount(amountText);
    if ('problem' in amount) problem('intendedAmount', amount.problem);
    else {
      intendedAmount = amount.value;
      if (amount.converted) {
        findings.conversions.push({
          row: row.row,
          column: LEDGER_COLUMNS.intendedAmount,
          original: amountText,
          value: amount.value,
          text: `${amountText} → ${amount.value} 万元`,
        });
      }
    }
  }

  const registeredText = cell('registeredAt');
  let registeredAt: string | null = null;
  if (registeredText) {
    registeredAt = parseLedgerDate(registeredText);
    const wrong = registeredAtProblem(registeredAt ?? '', today);
    if (!registeredAt) problem('registeredAt', '不是有效日期，应写作 2026-03-05、2026/3/5 或 2026年3月5日');
    else if (wrong) problem('registeredAt', wrong);
  }

  const followUpText = cell('nextFollowUpAt');
  let nextFollowUpAt: string | null = null;
  if (followUpText) {
    nextFollowUpAt = parseLedgerDate(followUpText);
    if (!nextFollowUpAt) problem('nextFollowUpAt', '不是有效日期，应写作 2026-12-05、2026/12/5 或 2026年12月5日');
    // a follow-up is not before its record's date: the row's 登记日期, or today when the lead is new today
    else if (nextFollowUpAt < (registeredAt ?? today)) {
      problem('nextFollowUpAt', `不能早于${registeredAt ? '登记日期' : '今天'}（${registeredAt ?? today}）`);
    }
  }

  const industry = cell('industry');
  const note = cell('note');
  const region = cell('region');
  const chainPosition = cell('chainPosition');
  for (const [field, reason] of bodyProblems({ name, industry, chainPosition, region, note, intendedAmount })) {
    problem(field, reason);
  }
  if (errors.length > before || !name || !source) return null;
  return {
    row: row.row,
    name,
    normalizedName: normalizeCompanyName(name),
    uscc,
    industry,
    source,
    registeredAt,
    intendedAmount,
    nextFollowUpAt,
    note,
    region,
    chainPosition,
  };
}

/** Day 0 of Excel's serial dates (the 1900 system, past its leap-year bug). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A ledger's date as YYYY-MM-DD, or null: an Excel date cell (read as 2026-03-05), 2026-03-05, 2026/3/5,
 * 2026.3.5, 2026年3月5日, or an Excel serial day number (a date cell formatted as a number, 46086).
 */
export function parseLedgerDate(text: string): string | null {
  const value = toHalfWidth(text).replace(/\s+/g, '');
  const match = /^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?$/.exec(value);
  if (match) {
    const date = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
    return isCalendarDate(date) ? date : null;
  }
  if (/^\d{5}$/.test(value)) {
    const date = new Date(EXCEL_EPOCH + Number(value) * 86_400_000).toISOString().slice(0, 10);
    return isCalendarDate(date) ? date : null;
  }
  return null;
}

/** How many 万元 one of each unit is, as a power of ten. */
const UNIT_SHIFT: Record<string, number> = { '': 0, 万: 0, 万元: 0, 亿: 4, 亿元: 4, 元: -4 };

/**
 * An amount in 万元 with two decimals: a bare number is 万元 (the column's unit); 万/万元, 亿/亿元 and 元 are
 * converted (1.2亿 → 12000.00, 300000元 → 30.00, rounded half up to the cent of 万元); thousands separators are
 * dropped. `converted` says the text was not a bare figure, so the report shows what it was read as.
 */
export function parseAmount(text: string): { value: string; converted: boolean } | { problem: string } {
  const compact = toHalfWidth(text).replace(/[\s,，]/g, '');
  if (compact.startsWith('-')) return { problem: '不能为负数' };
  const match = /^(\d+)(?:\.(\d+))?(万元|万|亿元|亿|元)?$/.exec(compact);
  if (!match) return { problem: '应为数字（万元），可带单位：5000万、1.2亿、300000元' };
  const [, whole, fraction = '', unit = ''] = match;
  const shift = UNIT_SHIFT[unit];
  if (shift === 0 && fraction.length > 2) return { problem: '万元最多两位小数' };
  // the figure as an integer of 10^-scale 万元, then in cents of 万元, rounded half up
  const scale = fraction.length - shift;
  const digits = BigInt(whole + fraction);
  let cents: bigint;
  if (scale <= 2) cents = digits * 10n ** BigInt(2 - scale);
  else {
    const divisor = 10n ** BigInt(scale - 2);
    cents = (digits + divisor / 2n) / divisor;
  }
  const value = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  if (!AMOUNT_PATTERN.test(value)) return { problem: '金额过大' };
  return { value, converted: unit !== '' || compact !== text.trim() };
}
