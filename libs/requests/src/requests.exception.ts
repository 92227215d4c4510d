import { domainException, ErrorKind } from '@app/core';

export enum RequestsExceptionCode {
  StaleVersion = 'STALE_VERSION',
  InvalidTransition = 'INVALID_TRANSITION',
  DateOutOfOrder = 'DATE_OUT_OF_ORDER',
  DateInFuture = 'DATE_IN_FUTURE',
  InvestorNotLanded = 'INVESTOR_NOT_LANDED',
  UnknownVisit = 'UNKNOWN_VISIT',
  VisitRequired = 'VISIT_REQUIRED',
  UnknownDepartment = 'UNKNOWN_DEPARTMENT',
  DuplicateDepartment = 'DUPLICATE_DEPARTMENT',
  NoBureau = 'NO_BUREAU',
}

const KIND: Record<RequestsExceptionCode, ErrorKind> = {
  [RequestsExceptionCode.StaleVersion]: 'conflict',
  [RequestsExceptionCode.InvalidTransition]: 'unprocessable',
  [RequestsExceptionCode.DateOutOfOrder]: 'unprocessable',
  [RequestsExceptionCode.DateInFuture]: 'unprocessable',
  [RequestsExceptionCode.InvestorNotLanded]: 'unprocessable',
  [RequestsExceptionCode.UnknownVisit]: 'invalid',
  [RequestsExceptionCode.VisitRequired]: 'invalid',
  [RequestsExceptionCode.UnknownDepartment]: 'invalid',
  [RequestsExceptionCode.DuplicateDepartment]: 'conflict',
  [RequestsExceptionCode.NoBureau]: 'forbidden',
};

export class RequestsException extends domainException(KIND) {}

export const staleRequest = (): RequestsException =>
  new RequestsException(RequestsExceptionCode.StaleVersion, '诉求已被他人更新，请刷新后重试');
