import {
  addDays,
  BUREAU_COLUMNS,
  daysBetween,
  Period,
  periodWords,
  ReportSection,
  ReportSectionProvider,
  ReportTable,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { RankingDto } from './dto/ranking.dto';
import { DeductionMetric, FIGURE_LABELS, FigureKey, FIGURES, TargetMetric } from './figures';
import { RankingService } from './ranking.service';
import { SCORE_FORMULA } from './scoring';

/** The assessed metrics in the ranking table's order, each with the key its year-to-date rate was published under. */
const RATE_METRICS = [
  ['signedAmount', 'signedAmount'],
  ['signedCount', 'signedCount'],
  ['startedCount', 'startedCount'],
  ['fundsInPlace', 'funds'],
  ['visits', 'visits'],
] as const satisfies readonly (readonly [TargetMetric, string])[];

/** The figures of the visit activity table, this period and this year. */
const ACTIVITY_FIGURES = ['visits', 'leaderVisits', 'newLeads'] as const satisfies readonly FigureKey[];
const ytdKey = (key: FigureKey) => `ytd${key[0].toUpperCase()}${key.slice(1)}`;
const byKey = new Map(FIGURES.map((figure) => [figure.key, figure]));

/**
 * The report period's ranking (its week, month or quarter) and the year-to-date one as of the period's last day:
 * what both sections read. The tables keep the weekly report's column keys (`weekRank`, …) in every report, where
 * they mean the report's own period; the headers name it (本周 / 本月 / 本季度).
 */
async function periodAndYear(rankings: RankingService, period: Period): Promise<[RankingDto, RankingDto]> {
  const lastDay = addDays(period.to, -1);
  return [await rankings.ranking(period.kind, lastDay), await rankings.ranking('ytd', lastDay)];
}

/** 排名: each bureau's rank in the report's period and year to date, change, score, completion and 时序进度. */
@Injectable()
@ReportSection(10)
export class RankingReportSection implements ReportSectionProvider {
  constructor(private readonly rankings: RankingService) {}

  earliestDate(): Promise<string | null> {
    return this.rankings.firstDataDay();
  }

  async build(period: Period): Promise<ReportTable> {
    const [current, ytd] = await periodAndYear(this.rankings, period);
    const ytdByCode = new Map(ytd.rows.map((row) => [row.bureau.code, row]));
    const words = periodWords(period.kind);
    return {
      key: 'ranking',
      title: '排名',
      note:
        `${words.current}得分与完成率按期间目标计算（期间目标 = 年度目标 × ${daysBetween(period.from, period.to)} ÷ 全年天数），` +
        `年度累计完成率按年度目标计算。${SCORE_FORMULA}`,
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'weekRank', header: `${words.current}名次`, type: 'int' },
        { key: 'weekRankChange', header: `较${words.previous}`, type: 'change' },
        { key: 'weekScore', header: `${words.current}得分`, type: 'amount' },
        { key: 'ytdRank', header: '年度累计名次', type: 'int' },
        { key: 'ytdRankChange', header: '累计名次变化', type: 'change' },
        { key: 'ytdScore', header: '累计得分', type: 'amount' },
        ...RATE_METRICS.flatMap(([metric, key]) => [
          {
            key: `${metric}WeekRate`,
            header: `${words.current}${byKey.get(metric)!.label}完成率`,
            type: 'percent' as const,
          },
          { key: `${key}Rate`, header: `年度累计${byKey.get(metric)!.label}完成率`, type: 'percent' as const },
        ]),
        { key: 'behind', header: '时序进度落后', type: 'text' },
      ],
      rows: current.rows.map((row) => {
        const year = ytdByCode.get(row.bureau.code);
        const rates: Record<string, number | null> = {};
        // the year-to-date columns keep the keys they were published with
        for (const [metric, key] of RATE_METRICS) {
          rates[`${metric}WeekRate`] = row.completionPeriod[metric];
          rates[`${key}Rate`] = row.completion[metric];
        }
        return {
          bureauCode: row.bureau.code,
          bureauName: row.bureau.name,
          weekRank: row.rank,
          weekRankChange: row.rankChange,
          weekScore: row.score.toFixed(2),
          ytdRank: year?.rank ?? null,
          ytdRankChange: year?.rankChange ?? null,
          ytdScore: year ? year.score.toFixed(2) : null,
          ...rates,
          behind: row.behind,
        };
      }),
    };
  }
}

/**
 * 得分明细: each bureau's score of the report's period term by term (weight, actual, period target, capped ratio, points), so that
 * a reader of the report recomputes every score of the ranking.
 */
@Injectable()
@ReportSection(15)
export class ScoreReportSection implements ReportSectionProvider {
  constructor(private readonly rankings: RankingService) {}

  async build(period: Period): Promise<ReportTable> {
    const current = await this.rankings.ranking(period.kind, addDays(period.to, -1));
    const words = periodWords(period.kind);
    return {
      key: 'scoring',
      title: '得分明细',
      note: `${SCORE_FORMULA}。${words.current}期间目标 = 年度目标 × ${current.periodShare}。`,
      columns: [
        ...BUREAU_COLUMNS,
        { key: 'metric', header: '指标', type: 'text' },
        { key: 'weight', header: '权重', type: 'int' },
        { key: 'actual', header: `${words.current}实际`, type: 'text' },
        { key: 'annualTarget', header: '年度目标', type: 'text' },
        { key: 'periodTarget', header: `${words.current}期间目标`, type: 'text' },
        { key: 'cappedRatio', header: '完成比（封顶1.5）', type: 'text' },
        { key: 'points', header: '得分贡献', type: 'text' },
        { key: 'score', header: `${words.current}得分`, type: 'amount' },
      ],
      rows: [...current.rows]
        .sort((a, b) => (a.bureau.code < b.bureau.code ? -1 : 1))
        .flatMap((row) => [
          ...row.scoreBreakdown.terms.map((term) => ({
            bureauCode: row.bureau.code,
            bureauName: row.bureau.name,
            metric: FIGURE_LABELS[term.metric as TargetMetric],
            weight: term.weight,
            actual: String(term.actual),
            annualTarget: String(term.annualTarget),
            periodTarget: String(term.periodTarget),
            cappedRatio: String(Math.round(term.cappedRatio * 10_000) / 10_000),
            points: String(term.points),
            score: row.score.toFixed(2),
          })),
          // 督办扣分: the points an accountability figure took off (its weight per order)
          ...row.scoreBreakdown.deductions.map((deduction) => ({
            bureauCode: row.bureau.code,
            bureauName: row.bureau.name,
            metric: `${FIGURE_LABELS[deduction.metric as DeductionMetric]}（扣分）`,
            weight: deduction.weight,
            actual: String(deduction.count),
            annualTarget: '',
            periodTarget: '',
            cappedRatio: '',
            points: String(-deduction.points),
            score: row.score.toFixed(2),
          })),
        ]),
    };
  }
}

/** 走访情况: visits, those led by a county-level leader, and new leads per bureau, this period and this year. */
@Injectable()
@ReportSection(60)
export class VisitActivityReportSection implements ReportSectionProvider {
  constructor(private readonly rankings: RankingService) {}

  async build(period: Period): Promise<ReportTable> {
    const [current, ytd] = await periodAndYear(this.rankings, period);
    const ytdByCode = new Map(ytd.rows.map((row) => [row.bureau.code, row.figures]));
    const words = periodWords(period.kind);
    return {
      key: 'visits',
      title: '走访情况',
      columns: [
        ...BUREAU_COLUMNS,
        ...ACTIVITY_FIGURES.map((key) => ({
          key,
          header: `${words.current}${byKey.get(key)!.label}`,
          type: 'int' as const,
        })),
        ...ACTIVITY_FIGURES.map((key) => ({
          key: ytdKey(key),
          header: `年度累计${byKey.get(key)!.label}`,
          type: 'int' as const,
        })),
      ],
      rows: [...current.rows]
        .sort((a, b) => (a.bureau.code < b.bureau.code ? -1 : 1))
        .map((row) => ({
          bureauCode: row.bureau.code,
          bureauName: row.bureau.name,
          ...Object.fromEntries(ACTIVITY_FIGURES.map((key) => [key, row.figures[key]])),
          ...Object.fromEntries(
            ACTIVITY_FIGURES.map((key) => [ytdKey(key), ytdByCode.get(row.bureau.code)?.[key] ?? 0]),
          ),
        })),
    };
  }
}
