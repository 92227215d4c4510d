import { domainException, ErrorKind } from '@app/core';

export enum ReportsExceptionCode {
  InvalidWeek = 'INVALID_WEEK',
  WeekNotOver = 'WEEK_NOT_OVER',
  ReportNotFound = 'REPORT_NOT_FOUND',
  WeekOutOfOrder = 'WEEK_OUT_OF_ORDER',
  ReportTampered = 'REPORT_TAMPERED',
  TableRequired = 'TABLE_REQUIRED',
  InvalidPeriod = 'INVALID_PERIOD',
  PeriodNotOver = 'PERIOD_NOT_OVER',
  PeriodOutOfOrder = 'PERIOD_OUT_OF_ORDER',
}

const KIND: Record<ReportsExceptionCode, ErrorKind> = {
  [ReportsExceptionCode.InvalidWeek]: 'invalid',
  [ReportsExceptionCode.WeekNotOver]: 'unprocessable',
  [ReportsExceptionCode.ReportNotFound]: 'not_found',
  [ReportsExceptionCode.WeekOutOfOrder]: 'unprocessable',
  [ReportsExceptionCode.ReportTampered]: 'conflict',
  [ReportsExceptionCode.TableRequired]: 'invalid',
  [ReportsExceptionCode.InvalidPeriod]: 'invalid',
  [ReportsExceptionCode.PeriodNotOver]: 'unprocessable',
  [ReportsExceptionCode.PeriodOutOfOrder]: 'unprocessable',
};

export class ReportsException extends domainException(KIND) {}
