import { registerDecorator, ValidationOptions } from 'class-validator';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** 万元 with at most two decimals, non-negative, below 10^12: what numeric(14,2) holds. */
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one), years 1900–2199. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_ONLY.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1900 || year > 2199) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function isMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = MONTH.exec(value);
  return match !== null && Number(match[1]) >= 1900 && Number(match[1]) <= 2199;
}

export function isAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT_PATTERN.test(value);
}

/** An instant with an explicit offset, e.g. 2026-11-29T23:30:00+08:00 (a phone logging the moment of a meeting). */
export function isInstantWithOffset(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    INSTANT.test(value) &&
    isCalendarDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** A property decorator from a predicate and its message (`{label}` becomes the field's Chinese label). */
export function validationRule(name: string, message: string, validate: (value: unknown) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate },
      });
}

export const IsCalendarDate = validationRule('isCalendarDate', '{label}应为有效日期，写作 2026-11-18', isCalendarDate);

export const IsMonth = validationRule('isMonth', '{label}应为有效月份，写作 2026-11', isMonth);

export const IsAmount = validationRule(
  'isAmount',
  '{label}应为以万元计的非负金额，写作字符串、最多两位小数，如 "12500.00"',
  isAmount,
);

/** A business date, or an instant whose business date the service works out in the district's time zone. */
export const IsDateOrInstant = validationRule(
  'isDateOrInstant',
  '{label}应为有效日期（如 2026-11-18）或带时区的时刻（如 2026-11-29T23:30:00+08:00）',
  (value) => isCalendarDate(value) || isInstantWithOffset(value),
);
