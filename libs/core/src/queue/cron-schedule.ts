import { parseExpression } from 'cron-parser';

/**
 * The last window worked out for each schedule: its run `due` and the run after it, `next`. Every instant between
 * them has `due` as its last run, so the health probe (every schedule, every 5 s) does not walk the calendar again.
 * One entry per schedule (cron and time zone), and the CRM has a handful of them.
 */
const windows = new Map<string, { due: number; next: number }>();

/** The latest time at or before `at` when the cron schedule, read in `timeZone`, fires. */
export function lastRunAt(cron: string, timeZone: string, at: Date): Date {
  const key = `${timeZone} ${cron}`;
  const time = at.getTime();
  const known = windows.get(key);
  if (known && known.due <= time && time < known.next) return new Date(known.due);
  // the parser looks strictly before its current date: one millisecond later counts a run at `at` itself
  const due = parseExpression(cron, { tz: timeZone, currentDate: new Date(time + 1) })
    .prev()
    .toDate();
  const next = parseExpression(cron, { tz: timeZone, currentDate: due }).next().toDate();
  windows.set(key, { due: due.getTime(), next: next.getTime() });
  return due;
}
