import { ImportProblemDto } from '../dto/lead-import.dto';
import { columnKey, LEDGER_COLUMNS, LedgerField } from './ledger-columns';
import { parseAmount, parseLedgerDate, parseRow } from './ledger-row';

describe(parseAmount.name, () => {
  it('reads 万, 亿 and 元 into 万元 with two decimals, and says it converted them', () => {
    expect(parseAmount('5000万')).toEqual({ value: '5000.00', converted: true });
    expect(parseAmount('1.2亿')).toEqual({ value: '12000.00', converted: true });
    expect(parseAmount('3亿元')).toEqual({ value: '30000.00', converted: true });
    expect(parseAmount('300000元')).toEqual({ value: '30.00', converted: true });
    expect(parseAmount('12345元')).toEqual({ value: '1.23', converted: true });
    expect(parseAmount('12355元')).toEqual({ value: '1.24', converted: true });
    expect(parseAmount('5,000')).toEqual({ value: '5000.00', converted: true });
    expect(parseAmount('0.000123亿')).toEqual({ value: '1.23', converted: true });
  });

  it('takes a bare figure as 万元 as it stands', () => {
    expect(parseAmount('12500')).toEqual({ value: '12500.00', converted: false });
    expect(parseAmount('5000.5')).toEqual({ value: '5000.50', converted: false });
  });

  it('refuses what it cannot read, negatives, a third decimal of 万元 and amounts too large', () => {
    expect(parseAmount('五千万')).toHaveProperty('problem');
    expect(parseAmount('1.2.3亿')).toHaveProperty('problem');
    expect(parseAmount('5000美元')).toHaveProperty('problem');
    expect(parseAmount('-5')).toEqual({ problem: '不能为负数' });
    expect(parseAmount('1.234')).toEqual({ problem: '万元最多两位小数' });
    expect(parseAmount('100000000000亿')).toEqual({ problem: '金额过大' });
  });
});

describe(parseLedgerDate.name, () => {
  it('reads the ways a clerk writes a date, and Excel serial days', () => {
    expect(parseLedgerDate('2026-03-05')).toBe('2026-03-05');
    expect(parseLedgerDate('2026/3/5')).toBe('2026-03-05');
    expect(parseLedgerDate('2026.3.5')).toBe('2026-03-05');
    expect(parseLedgerDate('2026年3月5日')).toBe('2026-03-05');
    expect(parseLedgerDate('46086')).toBe('2026-03-05');
  });

  it('refuses days that do not exist and other text', () => {
    expect(parseLedgerDate('2026-02-30')).toBeNull();
    expect(parseLedgerDate('3月5日')).toBeNull();
    expect(parseLedgerDate('明天')).toBeNull();
  });
});

describe(parseRow.name, () => {
  const row = (cells: Partial<Record<LedgerField, string>>) => ({
    row: 2,
    cells: new Map(
      Object.entries({ name: '阜新华晟氟材料有限公司', source: '展会', ...cells }).map(([field, value]) => [
        columnKey(field as LedgerField),
        value,
      ]),
    ),
  });
  const parse = (cells: Partial<Record<LedgerField, string>>) => {
    const findings = { errors: [] as ImportProblemDto[], conversions: [] };
    return { parsed: parseRow(row(cells), '2026-12-02', findings), errors: findings.errors };
  };

  it('refuses a follow-up before the row’s 登记日期, or before today when the lead is new today', () => {
    expect(parse({ registeredAt: '2026-03-05', nextFollowUpAt: '2026-03-04' }).errors).toEqual([
      { row: 2, column: LEDGER_COLUMNS.nextFollowUpAt, reason: '不能早于登记日期（2026-03-05）' },
    ]);
    expect(parse({ nextFollowUpAt: '2026-12-01' }).errors).toEqual([
      { row: 2, column: LEDGER_COLUMNS.nextFollowUpAt, reason: '不能早于今天（2026-12-02）' },
    ]);
  });

  it('takes a follow-up on or after the record’s date', () => {
    expect(parse({ registeredAt: '2026-03-05', nextFollowUpAt: '2026-03-20' }).parsed).toMatchObject({
      registeredAt: '2026-03-05',
      nextFollowUpAt: '2026-03-20',
    });
    expect(parse({ nextFollowUpAt: '2026-12-02' }).errors).toEqual([]);
  });

  it('checks names, texts and amounts by the API’s create bodies, with their messages', () => {
    const { parsed, errors } = parse({ name: '甲', industry: '氟'.repeat(51), note: '备注' });
    expect(parsed).toBeNull();
    expect(errors).toEqual([
      { row: 2, column: LEDGER_COLUMNS.name, reason: expect.stringContaining('至少 2 个字符') },
      { row: 2, column: LEDGER_COLUMNS.industry, reason: expect.stringContaining('不能超过 50 个字符') },
    ]);
  });
});
