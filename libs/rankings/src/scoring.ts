import { BureauRef } from './ranking.types';
import { toCents } from '@app/core';
import {
  DEDUCTION_METRICS,
  DeductionMetric,
  Figures,
  metricValue,
  TARGET_METRICS,
  TargetMetric,
  Targets,
  Weights,
} from './figures';

export const COMPLETION_CAP = 1.5;

/** The score's formula, as the API and the report state it. */
export const SCORE_FORMULA =
  '得分 = Σ 权重ₖ × min(实际ₖ ÷ 期间目标ₖ, 1.5) × 100 ÷ Σ 权重ₖ；期间目标ₖ = 年度目标ₖ × 期间天数 ÷ 全年天数' +
  '（年度累计为已过天数 ÷ 全年天数，保留四位小数）；年度目标为 0 或未设、权重为 0 的指标不计入两个求和；' +
  '再减去督办扣分：Σ 扣分权重ⱼ × 本期件数ⱼ（督办逾期、逾期办结）';

/** One deducting figure's part of the score: points taken off per record, times the period's records. */
export interface ScoreDeduction {
  metric: DeductionMetric;
  weight: number;
  /** The period's records (orders overdue, or closed late). */
  count: number;
  /** weight × count: the points taken off. */
  points: number;
}

/** One metric's part of the score: everything a reader needs to recompute it. */
export interface ScoreTerm {
  metric: TargetMetric;
  weight: number;
  /** The period's actual (amounts in 万元). */
  actual: number;
  annualTarget: number;
  /** The annual target scaled to the period, rounded to four decimals: what the score divides by. */
  periodTarget: number;
  /** min(actual ÷ periodTarget, 1.5). */
  cappedRatio: number;
  /** weight × cappedRatio × 100 ÷ Σ weights, rounded to four decimals. */
  points: number;
}

export interface ScoreBreakdown {
  /** Σ of the weights of the metrics that count (a target above 0 and a weight above 0). */
  weightSum: number;
  terms: ScoreTerm[];
  /** What the accountability figures take off (only those with a weight above 0 and a record in the period). */
  deductions: ScoreDeduction[];
}

export interface ScoredBureau {
  bureau: BureauRef;
  figures: Figures;
  /** Year-to-date actual ÷ annual target per metric; null where the bureau has no target for it. */
  completion: Record<TargetMetric, number | null>;
  /** The period's actual ÷ the period-scaled target per metric (uncapped); null without a target. */
  completionPeriod: Record<TargetMetric, number | null>;
  score: number;
  scoreBreakdown: ScoreBreakdown;
  behind: boolean;
  behindMetrics: TargetMetric[];
}

export interface RankedBureau extends ScoredBureau {
  rank: number;
  /** Places gained since the previous period of the same kind (negative: lost); null without one. */
  rankChange: number | null;
}

export interface ScoringInput {
  bureau: BureauRef;
  /** The period's own figures: what the score measures. */
  figures: Figures;
  /** Year-to-date figures as of the period's as-of day: what completion and 时序进度 measure. */
  ytdFigures: Figures;
  targets: Targets | null;
}

/**
 * The district's score:  Σ wₖ × min(actualₖ / targetₖ, 1.5) × 100 ÷ Σ wₖ  over the period's own figures.
 * targetₖ is the annual target scaled to the period (`periodShare`: a week is 7/365 of a year), so a bureau
 * exactly on pace scores 100 whatever the period. A metric whose annual target is zero or missing is not
 * assessed for that bureau: it leaves both sums, so the score stays on the same 0–150 scale.
 * Completion rates are year-to-date against the annual target; `behind` (时序进度) when one is below
 * `yearShare`, the share of the year elapsed at the as-of day.
 */
export function scoreBureau(
  input: ScoringInput,
  weights: Weights,
  periodShare: number,
  yearShare: number,
): ScoredBureau {
  let weighted = 0;
  let weightSum = 0;
  const completion = {} as Record<TargetMetric, number | null>;
  const completionPeriod = {} as Record<TargetMetric, number | null>;
  const behindMetrics: TargetMetric[] = [];
  const terms: Omit<ScoreTerm, 'points'>[] = [];
  for (const metric of TARGET_METRICS) {
    const target = input.targets ? toCents(input.targets[metric]) : 0n;
    if (target <= 0n) {
      completion[metric] = null;
      completionPeriod[metric] = null;
      continue;
    }
    // in the metric's own unit (a count, or 万元): the figures a reader sees
    const annual = Number(target) / 100;
    const ytd = Number(metricValue(input.ytdFigures, metric)) / 100;
    completion[metric] = round(ytd / annual, 4);
    if (ytd / annual < yearShare) behindMetrics.push(metric);
    const actual = Number(metricValue(input.figures, metric)) / 100;
    const periodTarget = round(annual * periodShare, 4);
    const ratio = periodTarget > 0 ? actual / periodTarget : actual > 0 ? COMPLETION_CAP : 0;
    completionPeriod[metric] = round(ratio, 4);
    const weight = weights[metric] ?? 0;
    if (weight <= 0) continue;
    const cappedRatio = Math.min(ratio, COMPLETION_CAP);
    weighted += weight * cappedRatio;
    weightSum += weight;
    terms.push({ metric, weight, actual, annualTarget: annual, periodTarget, cappedRatio });
  }
  const deductions: ScoreDeduction[] = DEDUCTION_METRICS.flatMap((metric) => {
    const weight = weights[metric] ?? 0;
    const count = Number(input.figures[metric]);
    return weight > 0 && count > 0 ? [{ metric, weight, count, points: weight * count }] : [];
  });
  const deducted = deductions.reduce((total, deduction) => total + deduction.points, 0);
  const score = round((weightSum > 0 ? (weighted / weightSum) * 100 : 0) - deducted, 2);
  return {
    bureau: input.bureau,
    figures: input.figures,
    completion,
    completionPeriod,
    score,
    scoreBreakdown: {
      weightSum,
      terms: terms.map((term) => ({ ...term, points: round((term.weight * term.cappedRatio * 100) / weightSum, 4) })),
      deductions,
    },
    behind: behindMetrics.length > 0,
    behindMetrics,
  };
}

/**
 * Rank by score, then signed amount; bureaus equal on both share a rank (1, 2, 2, 4) and are listed by code.
 * The change is against the previous period's (shared) rank: two bureaus sharing a rank in both periods show 0.
 */
export function rank(rows: ScoredBureau[], previousRanks?: Map<string, number>): RankedBureau[] {
  // the signed amount is parsed once per bureau, not once per comparison
  const keyed = rows.map((row) => ({ row, amount: toCents(row.figures.signedAmount) }));
  keyed.sort((a, b) => {
    if (b.row.score !== a.row.score) return b.row.score - a.row.score;
    if (a.amount !== b.amount) return b.amount > a.amount ? 1 : -1;
    return a.row.bureau.code < b.row.bureau.code ? -1 : a.row.bureau.code > b.row.bureau.code ? 1 : 0;
  });
  let shared = 0;
  return keyed.map(({ row, amount }, index) => {
    const before = keyed[index - 1];
    if (index === 0 || before.row.score !== row.score || before.amount !== amount) shared = index + 1;
    const previous = previousRanks?.get(row.bureau.code);
    // fields named one by one: spreading a thousand rows costs more than the rest of the ranking
    return {
      bureau: row.bureau,
      figures: row.figures,
      completion: row.completion,
      completionPeriod: row.completionPeriod,
      score: row.score,
      scoreBreakdown: row.scoreBreakdown,
      behind: row.behind,
      behindMetrics: row.behindMetrics,
      rank: shared,
      rankChange: previous === undefined ? null : previous - shared,
    };
  });
}

/**
 * Sets each row's change of rank against the previous period's ranking: the previous (shared) rank minus
 * this one, null for a bureau the previous period did not rank. A bureau that shares its rank in both
 * periods with the same score and signed amount (typically tied at 0 in both) shows no change, 0: other
 * bureaus leaving or joining its tie do not move it.
 */
export function applyRankChanges(current: RankedBureau[], previous: RankedBureau[]): void {
  const tied = (rows: RankedBureau[]) => {
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.rank, (counts.get(row.rank) ?? 0) + 1);
    return (row: RankedBureau) => (counts.get(row.rank) ?? 0) > 1;
  };
  const tiedNow = tied(current);
  const tiedBefore = tied(previous);
  const before = new Map(previous.map((row) => [row.bureau.code, row]));
  for (const row of current) {
    const old = before.get(row.bureau.code);
    if (!old) row.rankChange = null;
    else if (
      tiedNow(row) &&
      tiedBefore(old) &&
      old.score === row.score &&
      toCents(old.figures.signedAmount) === toCents(row.figures.signedAmount)
    )
      row.rankChange = 0;
    else row.rankChange = old.rank - row.rank;
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
