import { domainException, ErrorKind } from '@app/core';

export enum InvestorsExceptionCode {
  UsccTaken = 'USCC_TAKEN',
  DuplicateInvestor = 'DUPLICATE_INVESTOR',
  InvestorRegistered = 'INVESTOR_REGISTERED',
  DuplicateLead = 'DUPLICATE_LEAD',
  LeadNotOpen = 'LEAD_NOT_OPEN',
  NotOwnBureau = 'NOT_OWN_BUREAU',
  InvalidOfficer = 'INVALID_OFFICER',
  InvalidLeader = 'INVALID_LEADER',
  UnknownBureau = 'UNKNOWN_BUREAU',
  TransferPending = 'TRANSFER_PENDING',
  LeadTransferPending = 'LEAD_TRANSFER_PENDING',
  TransferToOwner = 'TRANSFER_TO_OWNER',
  TransferNotPending = 'TRANSFER_NOT_PENDING',
  ImportFileInvalid = 'IMPORT_FILE_INVALID',
  ImportRejected = 'IMPORT_REJECTED',
  ImportBusy = 'IMPORT_BUSY',
}

const KIND: Record<InvestorsExceptionCode, ErrorKind> = {
  [InvestorsExceptionCode.UsccTaken]: 'conflict',
  [InvestorsExceptionCode.DuplicateInvestor]: 'conflict',
  [InvestorsExceptionCode.InvestorRegistered]: 'conflict',
  [InvestorsExceptionCode.DuplicateLead]: 'conflict',
  [InvestorsExceptionCode.LeadNotOpen]: 'conflict',
  [InvestorsExceptionCode.NotOwnBureau]: 'forbidden',
  [InvestorsExceptionCode.InvalidOfficer]: 'invalid',
  [InvestorsExceptionCode.InvalidLeader]: 'invalid',
  [InvestorsExceptionCode.UnknownBureau]: 'invalid',
  [InvestorsExceptionCode.TransferPending]: 'conflict',
  [InvestorsExceptionCode.LeadTransferPending]: 'conflict',
  [InvestorsExceptionCode.TransferToOwner]: 'invalid',
  [InvestorsExceptionCode.TransferNotPending]: 'conflict',
  [InvestorsExceptionCode.ImportFileInvalid]: 'invalid',
  [InvestorsExceptionCode.ImportRejected]: 'unprocessable',
  [InvestorsExceptionCode.ImportBusy]: 'too_many',
};

export class InvestorsException extends domainException(KIND) {}

/** A repository's signal that the database refused a row by one of our unique indexes. */
export class UniqueIndexViolation extends Error {
  constructor(readonly index: string) {
    super(`unique index ${index} refused the row`);
  }
}
