import { WeeklyReportContent } from './report-builder';
import { csvField, csvStream, xlsxStream } from './report-export';

/** A report of `rows` rows that counts how many of them the writer has read. */
function contentWith(rows: number, read: { count: number }): WeeklyReportContent {
  return {
    week: '2026-W48',
    from: '2026-11-23',
    to: '2026-11-30',
    generatedAt: '2026-11-30T00:00:00.000Z',
    tables: [
      {
        key: 'funds',
        title: '到位资金',
        columns: [
          { key: 'project', header: '项目', type: 'text' },
          { key: 'amount', header: '金额（万元）', type: 'amount' },
        ],
        rows: Array.from({ length: rows }, (_, i) => ({
          get project() {
            read.count++;
            return `阜新新材料产业园项目${i}`;
          },
          amount: `${i}.50`,
        })),
      },
    ],
  };
}

describe('xlsxStream', () => {
  it('stops writing while the client does not read, and finishes when it does', async () => {
    const rows = 20_000;
    const read = { count: 0 };
    const stream = xlsxStream(contentWith(rows, read));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // every row is read once to size the columns, and once more when it is written
    const writtenWhilePaused = read.count - rows;
    let total = 0;
    for await (const chunk of stream) total += (chunk as Buffer).length;
    expect(read.count - rows).toBe(rows);
    expect(total).toBeGreaterThan(200_000);
    expect(writtenWhilePaused).toBeLessThan(rows / 2);
  });
});

describe('csvStream', () => {
  const content: WeeklyReportContent = {
    week: '2026-W48',
    from: '2026-11-23',
    to: '2026-11-30',
    generatedAt: '2026-11-30T00:00:00.000Z',
    tables: [
      {
        key: 'funds',
        title: '到位资金',
        columns: [
          { key: 'project', header: '项目', type: 'text' },
          { key: 'amount', header: '金额（万元）', type: 'amount' },
          { key: 'change', header: '较上周', type: 'change' },
        ],
        rows: [
          { project: '=HYPERLINK("http://evil.example","点我")', amount: '-12.50', change: -3 },
          { project: '+86 阜新', amount: '1.00', change: 2 },
          { project: '-1+1', amount: '0', change: 0 },
          { project: '@SUM(A1:A2)', amount: '3', change: null },
          { project: '\tcmd', amount: '4', change: 1 },
          { project: '\r=1', amount: '5', change: 1 },
          { project: '-7', amount: '6', change: 1 },
          { project: '阜新新材料产业园', amount: '7', change: 1 },
        ],
      },
    ],
  };

  async function csvOf(table = content.tables[0]): Promise<string[]> {
    let text = '';
    for await (const chunk of csvStream(content, table)) text += String(chunk);
    return text.slice(1).split('\r\n');
  }

  it('prefixes a single quote to every text cell a spreadsheet would run as a formula (= + - @ tab CR)', async () => {
    const lines = await csvOf();
    expect(lines[0]).toBe('海州区招商引资周报 2026-W48（2026-11-23 至 2026-11-29）到位资金');
    expect(lines[1]).toBe('项目,金额（万元）,较上周');
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://evil.example"",""点我"")",-12.50,-3`);
    expect(lines[3]).toBe(`'+86 阜新,1.00,2`);
    expect(lines[4]).toBe(`'-1+1,0.00,0`);
    expect(lines[5]).toBe(`'@SUM(A1:A2),3.00,`);
    expect(lines[6]).toBe(`'\tcmd,4.00,1`);
    expect(lines[7]).toBe(`"'\r=1",5.00,1`);
    // a text that looks like a number is still text: it is escaped too
    expect(lines[8]).toBe(`'-7,6.00,1`);
    expect(lines[9]).toBe('阜新新材料产业园,7.00,1');
  });

  it('keeps a negative number of a numeric column a number', () => {
    expect(csvField('-12.50', true)).toBe('-12.50');
    expect(csvField('-3', true)).toBe('-3');
    expect(csvField('-12.5%', true)).toBe('-12.5%');
    // a numeric column's value that is not a plain number is escaped like any text
    expect(csvField('-1+2', true)).toBe(`'-1+2`);
    expect(csvField('=1+2', true)).toBe(`'=1+2`);
  });
});
