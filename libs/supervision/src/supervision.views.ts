/**
 * The SQL views through which other libraries read supervision's records (migrated with the schema; each reads
 * only this library's tables). Their columns:
 * - `orderFacts`: id, bureau_id, matter, status, due_date, issued_on, closed_on, overdue_on (the first day it
 *   stood overdue, once counted).
 */
export const SUPERVISION_VIEWS = {
  orderFacts: 'supervision_order_facts',
} as const;
