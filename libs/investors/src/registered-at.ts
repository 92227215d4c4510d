import { isCalendarDate } from '@app/core';

/** The earliest 登记日期 a lead may carry. */
export const EARLIEST_REGISTERED_AT = '2000-01-01';

/**
 * Why a lead's 登记日期 cannot be taken, in words naming the field, or null: a real date, not after today in the
 * district (`today`), not before 2000-01-01. The one place the rule lives, for the API and the import alike.
 */
export function registeredAtProblem(date: string, today: string): string | null {
  if (!isCalendarDate(date)) return '登记日期不是有效日期，应写作 2026-03-05';
  if (date > today) return `登记日期不能晚于今天（${today}）`;
  if (date < EARLIEST_REGISTERED_AT) return `登记日期不能早于 ${EARLIEST_REGISTERED_AT}`;
  return null;
}
