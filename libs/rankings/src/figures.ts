import { FIGURE_LABELS, Figures, mapFigures, TargetMetric, toCents, WEIGHT_FIGURES, WeightedMetric } from '@app/core';

export {
  emptyFigures,
  FIGURE_KEYS,
  FIGURE_LABELS,
  FIGURES,
  figuresFrom,
  mapFigures,
  sumFigures,
  TARGET_FIGURES,
  TARGET_METRICS,
  DEDUCTION_FIGURES,
  DEDUCTION_METRICS,
  WEIGHT_FIGURES,
} from '@app/core';
export type { DeductionMetric, FigureKey, Figures, TargetMetric, WeightedMetric } from '@app/core';

/** The annual target of a bureau, per assessed metric. */
export type Targets = Record<TargetMetric, string>;
/** The weight of each assessed metric, and the points each deducting one takes off per record. */
export type Weights = Record<WeightedMetric, number>;

export const DEFAULT_WEIGHTS: Weights = mapFigures(WEIGHT_FIGURES, (figure) =>
  'defaultWeight' in figure ? figure.defaultWeight : figure.deductionWeight,
);

/** The label of an assessed metric, as reports print it. */
export const metricLabel = (metric: TargetMetric): string => FIGURE_LABELS[metric];

export function metricValue(figures: Figures, metric: TargetMetric): bigint {
  const value = figures[metric];
  return typeof value === 'string' ? toCents(value) : BigInt(value) * 100n;
}
