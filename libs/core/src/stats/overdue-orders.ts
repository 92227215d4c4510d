/** An open supervision order past its due date, as the 督查 lights see it. */
export interface OverdueOrder {
  id: string;
  bureauId: string;
  matter: string;
  dueDate: string;
  /** Days past the due date on the day asked about. */
  overdueDays: number;
}

/**
 * The seam through which the alerts read overdue supervision orders without depending on the supervision
 * library (which turns an alert into an order, so it depends on the alerts): supervision provides the
 * implementation. Missing where supervision is not loaded (then no order lights).
 */
export abstract class OverdueOrders {
  /** The orders open at the end of `day` and past their due date then. */
  abstract on(day: string): Promise<OverdueOrder[]>;
}
