import { businessDateProblem, isCalendarDate } from '@app/core';

/**
 * Why a lead's 登记日期 cannot be taken, in words naming the field, or null: a real date that happened (the
 * business-date rule: not after today in the district, `today`, not before 2000-01-01). For the API and the import alike.
 */
export function registeredAtProblem(date: string, today: string): string | null {
  if (!isCalendarDate(date)) return '登记日期不是有效日期，应写作 2026-03-05';
  return businessDateProblem(date, today, '登记日期');
}
