import { domainException, ErrorKind } from '@app/core';

export enum SupervisionExceptionCode {
  StaleVersion = 'STALE_VERSION',
  InvalidTransition = 'INVALID_TRANSITION',
  NotIssuer = 'NOT_ISSUER',
  NotBureauHead = 'NOT_BUREAU_HEAD',
  NotOrderBureau = 'NOT_ORDER_BUREAU',
  ExtensionAlreadyRequested = 'EXTENSION_ALREADY_REQUESTED',
  DueDateNotLater = 'DUE_DATE_NOT_LATER',
  InvalidHandler = 'INVALID_HANDLER',
  UnknownBureau = 'UNKNOWN_BUREAU',
  UnknownSource = 'UNKNOWN_SOURCE',
  SourceBureauMismatch = 'SOURCE_BUREAU_MISMATCH',
}

const KIND: Record<SupervisionExceptionCode, ErrorKind> = {
  [SupervisionExceptionCode.StaleVersion]: 'conflict',
  [SupervisionExceptionCode.InvalidTransition]: 'conflict',
  [SupervisionExceptionCode.NotIssuer]: 'forbidden',
  [SupervisionExceptionCode.NotBureauHead]: 'forbidden',
  [SupervisionExceptionCode.NotOrderBureau]: 'forbidden',
  [SupervisionExceptionCode.ExtensionAlreadyRequested]: 'conflict',
  [SupervisionExceptionCode.DueDateNotLater]: 'unprocessable',
  [SupervisionExceptionCode.InvalidHandler]: 'invalid',
  [SupervisionExceptionCode.UnknownBureau]: 'invalid',
  [SupervisionExceptionCode.UnknownSource]: 'invalid',
  [SupervisionExceptionCode.SourceBureauMismatch]: 'invalid',
};

export class SupervisionException extends domainException(KIND) {}
