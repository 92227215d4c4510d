/** The six yearly target and weight metrics, in the order the district reads them. */
export const METRICS = [
  { key: 'visits', label: '走访接洽（次）', amount: false },
  { key: 'newLeads', label: '新增线索（条）', amount: false },
  { key: 'signedCount', label: '签约项目（个）', amount: false },
  { key: 'signedAmount', label: '签约额（万元）', amount: true },
  { key: 'startedCount', label: '开工项目（个）', amount: false },
  { key: 'fundsInPlace', label: '到位资金（万元）', amount: true },
] as const;

export type MetricKey = (typeof METRICS)[number]['key'];

/** The accountability figures whose weight takes points off the score per order (督办扣分), 0 by default. */
export const DEDUCTIONS = [
  { key: 'ordersOverdue', label: '督办逾期（每件扣分）' },
  { key: 'ordersClosedLate', label: '逾期办结（每件扣分）' },
] as const;
