import { addDays, PeriodWords, periodWords, ReportPeriodKind, ReportTable } from '@app/core';
import type { ReportContent } from './report-builder';

/** The figures a 通报's narrative states, each read from the report's own tables (so they equal the report's). */
export interface BulletinFigures {
  visits: number;
  leaderVisits: number;
  newLeads: number;
  signings: number;
  signedAmount: number;
  fundsAmount: number;
}

/** One bureau as the narrative names it. */
interface RankedBureau {
  name: string;
  rank: number;
  score: string;
}

/** The narrative of a 通报: its headed parts, each a list of paragraphs, written from the figures. */
export interface BulletinNarrative {
  title: string;
  figures: BulletinFigures;
  previous: BulletinFigures | null;
  parts: { heading: string; paragraphs: string[] }[];
}

const tableOf = (content: ReportContent, key: string): ReportTable | undefined =>
  content.tables.find((table) => table.key === key);

const sumOf = (table: ReportTable | undefined, column: string): number =>
  (table?.rows ?? []).reduce((sum, row) => sum + Number(row[column] ?? 0), 0);

/** Amounts of the report are exact decimal strings in 万元; the narrative rounds their sums to two places. */
const amount = (value: number): string => value.toFixed(2).replace(/\.00$/, '');

export function bulletinFigures(content: ReportContent): BulletinFigures {
  const visits = tableOf(content, 'visits');
  const signings = tableOf(content, 'signings');
  return {
    visits: sumOf(visits, 'visits'),
    leaderVisits: sumOf(visits, 'leaderVisits'),
    newLeads: sumOf(visits, 'newLeads'),
    signings: signings?.rows.length ?? 0,
    signedAmount: Math.round(sumOf(signings, 'signedAmount') * 100) / 100,
    fundsAmount: Math.round(sumOf(tableOf(content, 'funds'), 'monthAmount') * 100) / 100,
  };
}

/** The kind of period a report covers. */
export function periodKindOf(content: ReportContent): ReportPeriodKind {
  return content.kind === 'monthly' ? 'month' : content.kind === 'quarterly' ? 'quarter' : 'week';
}

/** The words a report's 通报 names its period with. */
export const bulletinWords = (content: ReportContent): PeriodWords => periodWords(periodKindOf(content));

const QUARTER_NAMES = ['一', '二', '三', '四'];

/** `关于2026年第48周…` / `关于2026年11月…` / `关于2026年第四季度…的通报`. */
function titleOf(content: ReportContent): string {
  const label = content.week ?? content.period ?? '';
  const year = label.slice(0, 4);
  const span =
    content.kind === 'monthly'
      ? `${year}年${Number(label.slice(5, 7))}月`
      : content.kind === 'quarterly'
        ? `${year}年第${QUARTER_NAMES[Number(label.slice(6)) - 1]}季度`
        : `${year}年第${Number(label.split('-W')[1])}周`;
  return `关于${span}招商引资工作情况的通报`;
}

/**
 * `较上周增加 3 次` / `较上月减少 2 个` / `与上季度持平`; nothing when there is no earlier report to compare with.
 */
function change(
  words: PeriodWords,
  now: number,
  before: number | undefined,
  unit: string,
  format = (n: number) => String(n),
): string {
  if (before === undefined) return '';
  const delta = Math.round((now - before) * 100) / 100;
  if (delta === 0) return `，与${words.previous}持平`;
  return `，较${words.previous}${delta > 0 ? '增加' : '减少'}${format(Math.abs(delta))}${unit}`;
}

function ranked(content: ReportContent): RankedBureau[] {
  return (tableOf(content, 'ranking')?.rows ?? [])
    .filter((row) => typeof row.weekRank === 'number')
    .map((row) => ({ name: String(row.bureauName), rank: row.weekRank as number, score: String(row.weekScore) }))
    .sort((a, b) => a.rank - b.rank);
}

const named = (bureaus: RankedBureau[]) => bureaus.map((b) => `${b.name}（${b.score}分）`).join('、');

/** `2026-11-30` → `2026年11月30日`. */
export function chineseDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}

/**
 * The 通报 of a report, written from its tables: the period's totals and their change from the period before,
 * the top and bottom bureaus, those behind 时序进度, new signings, 包保 projects' slipped nodes and overdue 督办
 * orders where the report has those tables. A reader who sees part of the report gets the narrative of that part.
 */
export function bulletinNarrative(content: ReportContent, previous: ReportContent | null): BulletinNarrative {
  const figures = bulletinFigures(content);
  const before = previous ? bulletinFigures(previous) : null;
  const words = bulletinWords(content);
  const title = titleOf(content);
  const period = `${chineseDate(content.from)}至${chineseDate(addDays(content.to, -1))}`;
  const delta = (now: number, was: number | undefined, unit: string, format?: (n: number) => string) =>
    change(words, now, was, unit, format);
  const parts: BulletinNarrative['parts'] = [];

  parts.push({
    heading: '一、总体情况',
    paragraphs: [
      `${period}，全区各招商局共开展走访接洽${figures.visits}次${delta(figures.visits, before?.visits, '次')}，` +
        `其中县级领导带队${figures.leaderVisits}次；新增线索${figures.newLeads}条${delta(figures.newLeads, before?.newLeads, '条')}；` +
        `新签约项目${figures.signings}个${delta(figures.signings, before?.signings, '个')}，` +
        `签约额${amount(figures.signedAmount)}万元${delta(figures.signedAmount, before?.signedAmount, '万元', amount)}；` +
        `${content.kind === 'quarterly' ? '本季度' : '本月'}到位资金${amount(figures.fundsAmount)}万元。`,
    ],
  });

  const bureaus = ranked(content);
  const rankingParagraphs: string[] = [];
  if (bureaus.length > 0) {
    const count = Math.min(3, Math.floor(bureaus.length / 2) || 1);
    rankingParagraphs.push(`${words.current}综合得分位列前${count}名的是：${named(bureaus.slice(0, count))}。`);
    if (bureaus.length > count) {
      rankingParagraphs.push(`位列后${count}名的是：${named(bureaus.slice(-count))}。`);
    }
  }
  // 时序进度: the ranking's `behind` is true for a bureau whose year-to-date completion trails the year's elapsed share
  const behind = (tableOf(content, 'ranking')?.rows ?? []).filter((row) => row.behind === true);
  rankingParagraphs.push(
    behind.length > 0
      ? `落后于时序进度的有${behind.length}个招商局：${behind.map((row) => String(row.bureauName)).join('、')}。` +
          '请相关招商局分析原因，加快推进。'
      : '各招商局均达到时序进度。',
  );
  parts.push({ heading: '二、排名情况', paragraphs: rankingParagraphs });

  const signings = tableOf(content, 'signings')?.rows ?? [];
  parts.push({
    heading: '三、新签约项目',
    paragraphs:
      signings.length > 0
        ? signings.map(
            (row, i) =>
              `${i + 1}. ${String(row.bureauName)}：${String(row.project)}，客商${String(row.investor)}，` +
              `签约额${String(row.signedAmount ?? '—')}万元。`,
          )
        : [`${words.current}无新签约项目。`],
  });

  const attention: string[] = [];
  const slips = tableOf(content, 'milestoneSlips');
  if (slips) {
    attention.push(
      slips.rows.length > 0
        ? `包保重点项目有${slips.rows.length}个节点滞后：` +
            slips.rows
              .slice(0, 10)
              .map((row) => `${String(row.project)}（${String(row.node)}，${String(row.leader)}包保）`)
              .join('、') +
            (slips.rows.length > 10 ? '等' : '') +
            '。'
        : '包保重点项目节点均按计划推进。',
    );
  }
  const orders = tableOf(content, 'supervision');
  if (orders) {
    const overdue = sumOf(orders, 'overdue');
    const closedLate = sumOf(orders, 'closedLate');
    attention.push(
      overdue > 0 || closedLate > 0
        ? `督办事项逾期未办结${overdue}件，逾期办结${closedLate}件，请相关招商局抓紧办理。`
        : '督办事项均在期限内办理。',
    );
  }
  if (attention.length > 0) parts.push({ heading: '四、需要关注的事项', paragraphs: attention });

  return { title, figures, previous: before, parts };
}
