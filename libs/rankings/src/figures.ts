import { FIGURE_LABELS, Figures, mapFigures, TARGET_FIGURES, TargetMetric, toCents } from '@app/core';

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
} from '@app/core';
export type { FigureKey, Figures, TargetMetric } from '@app/core';

/** The annual target of a bureau, per assessed metric. */
export type Targets = Record<TargetMetric, string>;
export type Weights = Record<TargetMetric, number>;

export const DEFAULT_WEIGHTS: Weights = mapFigures(TARGET_FIGURES, (figure) => figure.defaultWeight);

/** The label of an assessed metric, as reports print it. */
export const metricLabel = (metric: TargetMetric): string => FIGURE_LABELS[metric];

export function metricValue(figures: Figures, metric: TargetMetric): bigint {
  const value = figures[metric];
  return typeof value === 'string' ? toCents(value) : BigInt(value) * 100n;
}
