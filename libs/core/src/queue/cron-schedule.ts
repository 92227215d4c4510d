import { parseExpression } from 'cron-parser';

/** The latest time at or before `at` when the cron schedule, read in `timeZone`, fires. */
export function lastRunAt(cron: string, timeZone: string, at: Date): Date {
  // the parser looks strictly before its current date: one millisecond later counts a run at `at` itself
  return parseExpression(cron, { tz: timeZone, currentDate: new Date(at.getTime() + 1) })
    .prev()
    .toDate();
}
