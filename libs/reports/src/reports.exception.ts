import { domainException, ErrorKind } from '@app/core';

export enum ReportsExceptionCode {
  InvalidWeek = 'INVALID_WEEK',
  WeekNotOver = 'WEEK_NOT_OVER',
  ReportNotFound = 'REPORT_NOT_FOUND',
}

const KIND: Record<ReportsExceptionCode, ErrorKind> = {
  [ReportsExceptionCode.InvalidWeek]: 'invalid',
  [ReportsExceptionCode.WeekNotOver]: 'unprocessable',
  [ReportsExceptionCode.ReportNotFound]: 'not_found',
};

export class ReportsException extends domainException(KIND) {}
