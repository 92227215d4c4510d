import { BUREAU_COLUMNS, canonicalJson, Role } from '@app/core';
import { WeeklyReportContent } from './report-builder';
import { visibleReport } from './report-scope';
import { hashOf } from './report-publisher';

const bureauRow = (code: string, extra: Record<string, string | number>) => ({
  bureauCode: code,
  bureauName: `海州区第${code.slice(1)}招商局`,
  ...extra,
});

function report(): WeeklyReportContent {
  return {
    week: '2026-W48',
    from: '2026-11-23',
    to: '2026-11-30',
    generatedAt: '2026-11-30T00:00:03.000Z',
    tables: [
      {
        key: 'ranking',
        title: '排名',
        columns: [...BUREAU_COLUMNS, { key: 'weekRank', header: '本周名次', type: 'int' }],
        rows: [bureauRow('B01', { weekRank: 1 }), bureauRow('B02', { weekRank: 2 })],
      },
      {
        key: 'signings',
        title: '新签约项目',
        columns: [...BUREAU_COLUMNS, { key: 'project', header: '项目名称', type: 'text' }],
        rows: [
          bureauRow('B01', { project: '年产2万吨电子级氢氟酸项目' }),
          bureauRow('B02', { project: '光伏支架项目' }),
        ],
      },
      {
        key: 'alerts',
        title: '预警',
        columns: [...BUREAU_COLUMNS, { key: 'subject', header: '对象', type: 'text' }],
        rows: [bureauRow('B01', { subject: '阜新金山氟化工有限公司' })],
      },
      {
        key: 'notes',
        title: '说明',
        columns: [{ key: 'text', header: '说明', type: 'text' }],
        rows: [{ text: '阜新金山氟化工有限公司本周签约' }],
      },
    ],
  };
}

const staffOf = (code: string | null) => ({
  role: Role.Staff,
  bureauId: code ? `id-${code}` : null,
  bureauCode: code,
});

describe('visibleReport', () => {
  it('keeps the ranking whole and only the reader bureau’s rows of every other table', () => {
    const { content, scope } = visibleReport(report(), staffOf('B02'));
    expect(scope).toEqual({ bureau: 'B02', filtered: true });
    expect(content.tables.map((table) => [table.key, table.rows.map((row) => row.bureauCode ?? '-')])).toEqual([
      ['ranking', ['B01', 'B02']],
      ['signings', ['B02']],
      ['alerts', []],
      // a table without a bureau column lists nothing to a bureau user: new tables are private until made public
      ['notes', []],
    ]);
  });

  it.each([Role.Leader, Role.Supervisor, Role.Admin])('shows a %s the report as stored', (role) => {
    const stored = report();
    const { content, scope } = visibleReport(stored, { role, bureauId: null, bureauCode: null });
    expect(scope).toEqual({ bureau: null, filtered: false });
    expect(content).toBe(stored);
  });

  it('shows a bureau user without a bureau no rows but the ranking', () => {
    const { content, scope } = visibleReport(report(), staffOf(null));
    expect(scope).toEqual({ bureau: null, filtered: true });
    expect(content.tables.filter((table) => table.rows.length > 0).map((table) => table.key)).toEqual(['ranking']);
  });

  it('leaves the stored snapshot and its hash untouched', () => {
    const stored = report();
    const before = [canonicalJson(stored), hashOf(stored)];
    visibleReport(stored, { role: Role.BureauHead, bureauId: 'id-B02', bureauCode: 'B02' });
    expect([canonicalJson(stored), hashOf(stored)]).toEqual(before);
  });
});
