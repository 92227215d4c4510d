import { domainException, ErrorKind } from '@app/core';

export enum IdentityExceptionCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  AccountLocked = 'ACCOUNT_LOCKED',
  AccountDisabled = 'ACCOUNT_DISABLED',
  Unauthenticated = 'UNAUTHENTICATED',
  SessionExpired = 'SESSION_EXPIRED',
  SessionIdle = 'SESSION_IDLE',
  InvalidRefreshToken = 'INVALID_REFRESH_TOKEN',
  UsernameTaken = 'USERNAME_TAKEN',
  UnknownBureau = 'UNKNOWN_BUREAU',
  BureauRequired = 'BUREAU_REQUIRED',
  RoleNotAllowed = 'ROLE_NOT_ALLOWED',
  RouteNotDeclared = 'ROUTE_NOT_DECLARED',
  PasswordChangeRequired = 'PASSWORD_CHANGE_REQUIRED',
  WrongPassword = 'WRONG_PASSWORD',
  InvalidOfficer = 'INVALID_OFFICER',
  InvalidLeader = 'INVALID_LEADER',
  SignInBusy = 'SIGN_IN_BUSY',
}

const KIND: Record<IdentityExceptionCode, ErrorKind> = {
  [IdentityExceptionCode.InvalidCredentials]: 'unauthenticated',
  [IdentityExceptionCode.AccountLocked]: 'locked',
  [IdentityExceptionCode.AccountDisabled]: 'forbidden',
  [IdentityExceptionCode.Unauthenticated]: 'unauthenticated',
  [IdentityExceptionCode.SessionExpired]: 'unauthenticated',
  [IdentityExceptionCode.SessionIdle]: 'unauthenticated',
  [IdentityExceptionCode.InvalidRefreshToken]: 'unauthenticated',
  [IdentityExceptionCode.UsernameTaken]: 'conflict',
  [IdentityExceptionCode.UnknownBureau]: 'invalid',
  [IdentityExceptionCode.BureauRequired]: 'invalid',
  [IdentityExceptionCode.RoleNotAllowed]: 'forbidden',
  [IdentityExceptionCode.RouteNotDeclared]: 'forbidden',
  [IdentityExceptionCode.PasswordChangeRequired]: 'forbidden',
  [IdentityExceptionCode.WrongPassword]: 'invalid',
  [IdentityExceptionCode.InvalidOfficer]: 'invalid',
  [IdentityExceptionCode.InvalidLeader]: 'invalid',
  [IdentityExceptionCode.SignInBusy]: 'unavailable',
};

export class IdentityException extends domainException(KIND) {}
