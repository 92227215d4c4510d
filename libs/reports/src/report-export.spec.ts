import { WeeklyReportContent } from './report-builder';
import { xlsxStream } from './report-export';

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
