import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { ValidationException } from '../errors/domain.exception';
import { businessDateOf } from '../time/business-calendar';
import { isCalendarDate, isInstantWithOffset, isMonth } from './validators';

/**
 * Business dates that happened: a visit, a signing, a registration, a start, an operation, a month of funds.
 * Each lies between 2000-01-01 and today in the district's time zone; a follow-up date lies on or after its
 * record's date. Messages carry `{label}`, which the validation pipe turns into the field's Chinese label.
 */
export const EARLIEST_BUSINESS_DATE = '2000-01-01';

let districtTimeZone = 'Asia/Shanghai';

/** Set at start from APP_TIME_ZONE: the zone whose calendar says which day is today. */
export function useDistrictTimeZone(timeZone: string): void {
  districtTimeZone = timeZone;
}

export function districtToday(): string {
  return businessDateOf(new Date(), districtTimeZone);
}

/** The district's business day of a date, or of an instant written with its offset. */
export function businessDayOf(value: string): string {
  return isCalendarDate(value) ? value : businessDateOf(new Date(value), districtTimeZone);
}

/** Why a business day cannot be one that happened, or null when it can. */
export function businessDateProblem(day: string, today = districtToday(), label = '{label}'): string | null {
  if (day > today) return `${label}不能晚于今天（${today}）`;
  if (day < EARLIEST_BUSINESS_DATE) return `${label}不能早于 ${EARLIEST_BUSINESS_DATE}`;
  return null;
}

/** Why a month cannot be one that has begun, or null when it can. */
export function businessMonthProblem(month: string, today = districtToday(), label = '{label}'): string | null {
  if (month > today.slice(0, 7)) return `${label}不能晚于本月（${today.slice(0, 7)}）`;
  if (month < EARLIEST_BUSINESS_DATE.slice(0, 7)) return `${label}不能早于 ${EARLIEST_BUSINESS_DATE.slice(0, 7)}`;
  return null;
}

function decorator(
  name: string,
  validOptions: ValidationOptions | undefined,
  problem: (value: unknown, args: ValidationArguments) => string | null,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: validOptions,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => problem(value, args) === null,
        defaultMessage: (args: ValidationArguments) => problem(args.value, args) ?? '',
      },
    });
}

/**
 * A business date that happened: YYYY-MM-DD (or, with `instant`, a moment with its offset, whose day in the
 * district counts), from 2000-01-01 to today in the district. Put it on every such field of a request.
 */
export function IsPastBusinessDate(options: { instant?: boolean } & ValidationOptions = {}): PropertyDecorator {
  const { instant = false, ...validOptions } = options;
  return decorator('isPastBusinessDate', validOptions, (value) => {
    if (isCalendarDate(value)) return businessDateProblem(value);
    if (instant && isInstantWithOffset(value)) return businessDateProblem(businessDayOf(value));
    return instant
      ? '{label}应为有效日期（如 2026-11-18）或带时区的时刻（如 2026-11-29T23:30:00+08:00）'
      : '{label}应为有效日期，写作 2026-11-18';
  });
}

/** A month that has begun: YYYY-MM, from 2000-01 to the current month in the district. */
export function IsPastBusinessMonth(options: ValidationOptions = {}): PropertyDecorator {
  return decorator('isPastBusinessMonth', options, (value) =>
    isMonth(value) ? businessMonthProblem(value) : '{label}应为有效月份，写作 2026-11',
  );
}

export interface FollowUpRule {
  /** `today`, or the property of the same request that holds the record's own date (a visit's `date`). */
  notBefore: 'today' | string;
  /** How that date reads in a message, e.g. 走访日期. */
  recordLabel?: string;
}

/**
 * A follow-up date: YYYY-MM-DD, not before the record's date (today for a lead, the visit's date for a visit).
 * When the record's date is not in the request (a correction of the follow-up alone), the service checks it
 * with `assertFollowUpNotBefore`.
 */
export function IsFollowUpDate(rule: FollowUpRule, options: ValidationOptions = {}): PropertyDecorator {
  return decorator('isFollowUpDate', options, (value, args) => {
    if (!isCalendarDate(value)) return '{label}应为有效日期，写作 2026-11-18';
    if (rule.notBefore === 'today') {
      const today = districtToday();
      return value < today ? `{label}不能早于今天（${today}）` : null;
    }
    const recordDate = (args.object as Record<string, unknown>)[rule.notBefore];
    if (typeof recordDate !== 'string' || !(isCalendarDate(recordDate) || isInstantWithOffset(recordDate))) {
      return value < EARLIEST_BUSINESS_DATE ? `{label}不能早于 ${EARLIEST_BUSINESS_DATE}` : null;
    }
    const day = businessDayOf(recordDate);
    return value < day ? `{label}不能早于${rule.recordLabel ?? rule.notBefore}（${day}）` : null;
  });
}

/** The 400 of a follow-up date before its record's date, for services that know the record's date. */
export function assertFollowUpNotBefore(
  followUp: string | null,
  recordDate: string,
  field: string,
  labels: { field: string; record: string },
): void {
  if (followUp === null || followUp >= recordDate) return;
  const message = `${labels.field}（${followUp}）不能早于${labels.record}（${recordDate}）`;
  throw new ValidationException(message, [{ field, problems: [message] }]);
}
