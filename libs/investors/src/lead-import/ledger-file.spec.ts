import { csvTable, headerKey, LedgerFileError, readLedger } from './ledger-file';

describe('ledger-file', () => {
  it('reads quoted CSV fields with commas, quotes and line breaks', () => {
    expect(csvTable('a,"b,c","d ""e"""\r\n1,"2\n3",4\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2\n3', '4'],
    ]);
  });

  it('reads a file whose lines end in CRLF, LF and CR alike, keeping empty lines as rows', () => {
    expect(csvTable('a,b\r\n\r\n1,"x""y"\n2,ab"c\r3\n')).toEqual([
      ['a', 'b'],
      [''],
      ['1', 'x"y'],
      ['2', 'ab"c'],
      ['3'],
    ]);
  });

  it('refuses a quote that is never closed', () => {
    expect(() => csvTable('a,b\n1,"2\n')).toThrow(LedgerFileError);
  });

  it('compares headers without width or spaces', () => {
    expect(headerKey('意向投资额(万元) ')).toBe(headerKey('意向投资额（万元）'));
  });

  it('numbers rows as the spreadsheet does and skips empty ones', async () => {
    const file = Buffer.from('\uFEFF企业名称,线索来源\n甲公司,展会\n,\n乙公司,网络\n', 'utf8');
    const ledger = await readLedger(file, 10);
    expect(ledger.rows.map((r) => [r.row, r.cells.get('企业名称')])).toEqual([
      [2, '甲公司'],
      [4, '乙公司'],
    ]);
  });

  it('refuses more rows than allowed', async () => {
    await expect(readLedger(Buffer.from('企业名称\n甲\n乙\n丙\n'), 2)).rejects.toThrow('最多');
  });
});
