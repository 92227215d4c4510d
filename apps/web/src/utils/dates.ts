/** Today in the district (Asia/Shanghai), as YYYY-MM-DD, whatever the device's time zone. */
export function districtToday(date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(date);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The Sundays ending the last `count` weeks up to `date` (a Sunday itself counts), oldest first. */
export function lastSundays(date: string, count: number): string[] {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const latest = addDays(date, -weekday);
  return Array.from({ length: count }, (_, i) => addDays(latest, -7 * (count - 1 - i)));
}
