import { fromCents, toCents } from '../money';

/**
 * The counted figures of a bureau, once: the key the API and the code use, the column of the rollup tables, whether
 * it counts records or sums 万元, what people read, and — for the assessed ones — the default ranking weight. The
 * rollups, the raw-record sources, the recorder's deltas, the DTOs, the entities and the report columns are all
 * derived from this list; it lives here because the domains that record figures and the rankings that count them
 * both read it.
 */
export const FIGURES = [
  { key: 'visits', column: 'visits', kind: 'count', label: '走访接洽', unit: '次', example: 18, defaultWeight: 10 },
  { key: 'leaderVisits', column: 'leader_visits', kind: 'count', label: '领导带队走请', unit: '次', example: 3 },
  { key: 'newLeads', column: 'new_leads', kind: 'count', label: '新增线索', unit: '条', example: 5, defaultWeight: 0 },
  { key: 'negotiating', column: 'negotiating', kind: 'count', label: '在谈项目', unit: '个', example: 2 },
  {
    key: 'signedCount',
    column: 'signed_count',
    kind: 'count',
    label: '签约项目',
    unit: '个',
    example: 1,
    defaultWeight: 20,
  },
  {
    key: 'signedAmount',
    column: 'signed_amount',
    kind: 'amount',
    label: '签约额',
    unit: '万元',
    example: '12500.00',
    defaultWeight: 30,
  },
  { key: 'registeredCount', column: 'registered_count', kind: 'count', label: '注册落地', unit: '个', example: 1 },
  {
    key: 'startedCount',
    column: 'started_count',
    kind: 'count',
    label: '开工项目',
    unit: '个',
    example: 0,
    defaultWeight: 20,
  },
  { key: 'operatingCount', column: 'operating_count', kind: 'count', label: '竣工投产', unit: '个', example: 0 },
  {
    key: 'fundsInPlace',
    column: 'funds_in_place',
    kind: 'amount',
    label: '到位资金',
    unit: '万元',
    example: '3000.00',
    defaultWeight: 20,
  },
  // accountability (督办问责): each deducts its weight in points per order from the score
  {
    key: 'ordersOverdue',
    column: 'orders_overdue',
    kind: 'count',
    label: '督办逾期',
    unit: '件',
    example: 0,
    deductionWeight: 0,
  },
  {
    key: 'ordersClosedLate',
    column: 'orders_closed_late',
    kind: 'count',
    label: '逾期办结',
    unit: '件',
    example: 0,
    deductionWeight: 0,
  },
] as const satisfies readonly FigureDescriptor[];

export interface FigureDescriptor {
  key: string;
  /** The column of `bureau_daily_stat` and `bureau_stat_delta`. */
  column: string;
  /** `count`: a number of records; `amount`: 万元 as an exact decimal string. */
  kind: 'count' | 'amount';
  label: string;
  unit: string;
  example: number | string;
  /** Present on the assessed figures (annual targets, completion rates, score terms). */
  defaultWeight?: number;
  /**
   * Present on the figures that deduct points (supervision orders overdue or closed late): the default of the
   * weight, in points per record, that the score loses. No annual target, no completion rate.
   */
  deductionWeight?: number;
}

/** One figure of the list, with its literal key. */
export type Figure = (typeof FIGURES)[number];
type Descriptor = Figure;
export type FigureKey = Descriptor['key'];
export type CountFigure = Extract<Descriptor, { kind: 'count' }>['key'];
export type AmountFigure = Extract<Descriptor, { kind: 'amount' }>['key'];

/** What a bureau achieved in a period, counted by business date. Amounts are 万元 as exact decimal strings. */
export type Figures = { [K in CountFigure]: number } & { [K in AmountFigure]: string };

/** A change to a bureau's counted figures on one business day (amounts in 万元 as decimal strings). */
export type BureauStatDelta = Partial<Figures>;

/** The assessed figures: those with an annual target and a ranking weight. */
export type TargetMetric = Extract<Descriptor, { defaultWeight: number }>['key'];
export const TARGET_FIGURES = FIGURES.filter(
  (figure): figure is Extract<Descriptor, { defaultWeight: number }> => 'defaultWeight' in figure,
);
export const TARGET_METRICS: readonly TargetMetric[] = TARGET_FIGURES.map((figure) => figure.key);

/** The figures that deduct points from the score. */
export type DeductionMetric = Extract<Descriptor, { deductionWeight: number }>['key'];
export const DEDUCTION_FIGURES = FIGURES.filter(
  (figure): figure is Extract<Descriptor, { deductionWeight: number }> => 'deductionWeight' in figure,
);
export const DEDUCTION_METRICS: readonly DeductionMetric[] = DEDUCTION_FIGURES.map((figure) => figure.key);

/** Every figure with a ranking weight: the assessed ones, then the deducting ones. */
export type WeightedMetric = TargetMetric | DeductionMetric;
export const WEIGHT_FIGURES: readonly (
  Extract<Descriptor, { defaultWeight: number }> | Extract<Descriptor, { deductionWeight: number }>
)[] = [...TARGET_FIGURES, ...DEDUCTION_FIGURES];

export const FIGURE_KEYS: readonly FigureKey[] = FIGURES.map((figure) => figure.key);

export function isAmountFigure(key: FigureKey): key is AmountFigure {
  return FIGURES.some((figure) => figure.key === key && figure.kind === 'amount');
}

/** The label with its unit where a reader needs one to read the number: `签约额（万元）`, `新增线索`. */
export function figureLabel(figure: FigureDescriptor): string {
  return figure.kind === 'amount' ? `${figure.label}（${figure.unit}）` : figure.label;
}

export const FIGURE_LABELS: Record<FigureKey, string> = mapFigures(FIGURES, figureLabel);

/** One value per figure of `figures`, keyed by figure. */
export function mapFigures<F extends FigureDescriptor, V>(
  figures: readonly F[],
  valueOf: (figure: F) => V,
): Record<F['key'], V> {
  return Object.fromEntries(figures.map((figure) => [figure.key, valueOf(figure)])) as Record<F['key'], V>;
}

export function emptyFigures(): Figures {
  return figuresFrom(() => 0);
}

/** Figures from one raw value per figure (a SQL sum as text, say): counts as integers, amounts as exact 万元. */
export function figuresFrom(valueOf: (figure: Figure) => string | number): Figures {
  return mapFigures(FIGURES, (figure: Figure) => {
    const value = valueOf(figure);
    return figure.kind === 'amount' ? fromCents(toCents(value)) : Math.round(Number(value));
  }) as Figures;
}

/** Figure by figure, `a + b` (amounts exactly). */
export function sumFigures(a: Figures, b: Figures): Figures {
  return figuresFrom(({ key }) =>
    isAmountFigure(key) ? fromCents(toCents(a[key]) + toCents(b[key])) : a[key] + b[key],
  );
}
