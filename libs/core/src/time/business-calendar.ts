/**
 * Business dates of the district: plain `YYYY-MM-DD` strings in the configured time zone (Asia/Shanghai).
 * A record counts in the period of its own business date; periods are half-open [from, to).
 * Arithmetic runs on UTC midnights of those dates, so no host time zone can shift a day.
 */
export type PeriodKind = 'week' | 'month' | 'quarter' | 'ytd';

export interface Period {
  kind: PeriodKind;
  /** First business date in the period. */
  from: string;
  /** First business date after the period. */
  to: string;
  /** 2026-W48, 2026-11, 2026-Q4 or 2026-YTD-11-29. */
  label: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isBusinessDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.toISOString().slice(0, 10) === value;
}

function parse(date: string): Date {
  if (!isBusinessDate(date)) throw new RangeError(`Not a date: ${date}`);
  return new Date(`${date}T00:00:00.000Z`);
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return format(new Date(parse(date).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / DAY_MS);
}

/** The business date of an instant in the given zone. */
export function businessDateOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The instant a business date begins in the given zone (its midnight there). */
export function startOfBusinessDate(date: string, timeZone: string): Date {
  const utcMidnight = parse(date).getTime();
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMidnight));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return new Date(utcMidnight - (shown - utcMidnight));
}

/** ISO weekday, Monday 1 … Sunday 7. */
function isoWeekday(date: string): number {
  return ((parse(date).getUTCDay() + 6) % 7) + 1;
}

export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO-8601 week label of a date: `2026-W48`. The week belongs to the year of its Thursday. */
export function isoWeekLabel(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = +thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;

/** The Monday that starts an ISO week label, or null for a label that names no week. */
export function weekStart(label: string): string | null {
  const match = WEEK_LABEL.exec(label);
  if (!match) return null;
  const year = +match[1];
  const week = +match[2];
  // 4 January is always in week 1
  const monday = addDays(mondayOf(`${year}-01-04`), (week - 1) * 7);
  return week >= 1 && isoWeekLabel(monday) === label ? monday : null;
}

export function periodOf(kind: PeriodKind, date: string): Period {
  const year = +date.slice(0, 4);
  const month = +date.slice(5, 7);
  switch (kind) {
    case 'week': {
      const from = mondayOf(date);
      return { kind, from, to: addDays(from, 7), label: isoWeekLabel(date) };
    }
    case 'month': {
      const from = `${date.slice(0, 7)}-01`;
      return { kind, from, to: firstOfMonth(year, month + 1), label: date.slice(0, 7) };
    }
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      const from = firstOfMonth(year, (quarter - 1) * 3 + 1);
      return { kind, from, to: firstOfMonth(year, quarter * 3 + 1), label: `${year}-Q${quarter}` };
    }
    case 'ytd':
      return { kind, from: `${year}-01-01`, to: addDays(date, 1), label: `${year}-YTD-${date.slice(5)}` };
  }
}

/**
 * The period a ranking's change is measured against: the week, month or quarter before;
 * for year-to-date, the year-to-date as it stood one week earlier (how far a bureau moved this week).
 */
export function previousPeriod(period: Period): Period {
  switch (period.kind) {
    case 'ytd': {
      const asOf = addDays(period.to, -8);
      // in the first week of January there is no earlier standing this year: compare with an empty span
      return asOf < period.from
        ? { ...period, to: period.from, label: `${period.from.slice(0, 4)}-YTD-empty` }
        : periodOf('ytd', asOf);
    }
    default:
      return periodOf(period.kind, addDays(period.from, -1));
  }
}

/** Share of the calendar year elapsed at the end of `date` (1 January → 1/365). */
export function yearElapsedShare(date: string): number {
  const year = +date.slice(0, 4);
  const days = daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
  return (daysBetween(`${year}-01-01`, date) + 1) / days;
}

function firstOfMonth(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}
