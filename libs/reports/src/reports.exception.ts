import { domainException, ErrorKind } from '@app/core';

export enum ReportsExceptionCode {
  InvalidWeek = 'INVALID_WEEK',
  WeekNotOver = 'WEEK_NOT_OVER',
  ReportNotFound = 'REPORT_NOT_FOUND',
  WeekOutOfOrder = 'WEEK_OUT_OF_ORDER',
  ReportTampered = 'REPORT_TAMPERED',
  TableRequired = 'TABLE_REQUIRED',
}

const KIND: Record<ReportsExceptionCode, ErrorKind> = {
  [ReportsExceptionCode.InvalidWeek]: 'invalid',
  [ReportsExceptionCode.WeekNotOver]: 'unprocessable',
  [ReportsExceptionCode.ReportNotFound]: 'not_found',
  [ReportsExceptionCode.WeekOutOfOrder]: 'unprocessable',
  [ReportsExceptionCode.ReportTampered]: 'conflict',
  [ReportsExceptionCode.TableRequired]: 'invalid',
};

export class ReportsException extends domainException(KIND) {}
