import { toCents } from '@app/core';

/** What a bureau achieved in a period, counted by business date. Amounts are 万元 as exact decimal strings. */
export interface Figures {
  visits: number;
  leaderVisits: number;
  newLeads: number;
  negotiating: number;
  signedCount: number;
  signedAmount: string;
  registeredCount: number;
  startedCount: number;
  operatingCount: number;
  fundsInPlace: string;
}

export const COUNT_FIGURES = [
  'visits',
  'leaderVisits',
  'newLeads',
  'negotiating',
  'signedCount',
  'registeredCount',
  'startedCount',
  'operatingCount',
] as const;
export const AMOUNT_FIGURES = ['signedAmount', 'fundsInPlace'] as const;
export type FigureKey = keyof Figures;

/** The annual target of a bureau; the assessed metrics. */
export const TARGET_METRICS = [
  'visits',
  'newLeads',
  'signedCount',
  'signedAmount',
  'startedCount',
  'fundsInPlace',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export type Targets = Record<TargetMetric, string>;
export type Weights = Record<TargetMetric, number>;

export const DEFAULT_WEIGHTS: Weights = {
  signedAmount: 30,
  signedCount: 20,
  startedCount: 20,
  fundsInPlace: 20,
  visits: 10,
  newLeads: 0,
};

export const FIGURE_LABELS: Record<FigureKey, string> = {
  visits: '走访接洽',
  leaderVisits: '领导带队走请',
  newLeads: '新增线索',
  negotiating: '在谈项目',
  signedCount: '签约项目',
  signedAmount: '签约额（万元）',
  registeredCount: '注册落地',
  startedCount: '开工项目',
  operatingCount: '竣工投产',
  fundsInPlace: '到位资金（万元）',
};

export function emptyFigures(): Figures {
  return {
    visits: 0,
    leaderVisits: 0,
    newLeads: 0,
    negotiating: 0,
    signedCount: 0,
    signedAmount: '0.00',
    registeredCount: 0,
    startedCount: 0,
    operatingCount: 0,
    fundsInPlace: '0.00',
  };
}

export function metricValue(figures: Figures, metric: TargetMetric): bigint {
  const value = figures[metric];
  return typeof value === 'string' ? toCents(value) : BigInt(value) * 100n;
}
