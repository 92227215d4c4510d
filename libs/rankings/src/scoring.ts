import { BureauRef } from './ranking.types';
import { toCents } from '@app/core';
import { Figures, metricValue, TARGET_METRICS, TargetMetric, Targets, Weights } from './figures';

export const COMPLETION_CAP = 1.5;

export interface ScoredBureau {
  bureau: BureauRef;
  figures: Figures;
  /** Year-to-date actual ÷ annual target per metric; null where the bureau has no target for it. */
  completion: Record<TargetMetric, number | null>;
  score: number;
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
  const behindMetrics: TargetMetric[] = [];
  for (const metric of TARGET_METRICS) {
    const target = input.targets ? toCents(input.targets[metric]) : 0n;
    if (target <= 0n) {
      completion[metric] = null;
      continue;
    }
    const annual = Number(target);
    const ytd = Number(metricValue(input.ytdFigures, metric));
    completion[metric] = round(ytd / annual, 4);
    if (ytd / annual < yearShare) behindMetrics.push(metric);
    const actual = Number(metricValue(input.figures, metric));
    const weight = weights[metric] ?? 0;
    if (weight <= 0) continue;
    weighted += weight * Math.min(actual / (annual * periodShare), COMPLETION_CAP);
    weightSum += weight;
  }
  const score = weightSum > 0 ? round((weighted / weightSum) * 100, 2) : 0;
  return {
    bureau: input.bureau,
    figures: input.figures,
    completion,
    score,
    behind: behindMetrics.length > 0,
    behindMetrics,
  };
}

/** Rank by score; ties by signed amount, then bureau code. */
export function rank(rows: ScoredBureau[], previousRanks?: Map<string, number>): RankedBureau[] {
  // the signed amount is parsed once per bureau, not once per comparison
  const keyed = rows.map((row) => ({ row, amount: toCents(row.figures.signedAmount) }));
  keyed.sort((a, b) => {
    if (b.row.score !== a.row.score) return b.row.score - a.row.score;
    if (a.amount !== b.amount) return b.amount > a.amount ? 1 : -1;
    return a.row.bureau.code < b.row.bureau.code ? -1 : a.row.bureau.code > b.row.bureau.code ? 1 : 0;
  });
  return keyed.map(({ row }, index) => {
    const previous = previousRanks?.get(row.bureau.code);
    // fields named one by one: spreading a thousand rows costs more than the rest of the ranking
    return {
      bureau: row.bureau,
      figures: row.figures,
      completion: row.completion,
      score: row.score,
      behind: row.behind,
      behindMetrics: row.behindMetrics,
      rank: index + 1,
      rankChange: previous === undefined ? null : previous - (index + 1),
    };
  });
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
