import { domainException, ErrorKind } from '@app/core';

export enum PipelineExceptionCode {
  StaleVersion = 'STALE_VERSION',
  InvalidTransition = 'INVALID_TRANSITION',
  GateDataRequired = 'GATE_DATA_REQUIRED',
  UnexpectedGateData = 'UNEXPECTED_GATE_DATA',
  GateDateInFuture = 'GATE_DATE_IN_FUTURE',
  GateDateOutOfOrder = 'GATE_DATE_OUT_OF_ORDER',
  InvalidUscc = 'INVALID_USCC',
  CorrectionNotAllowed = 'CORRECTION_NOT_ALLOWED',
  ReasonRequired = 'REASON_REQUIRED',
  DealNotUpgradable = 'DEAL_NOT_UPGRADABLE',
  FundsStageTooEarly = 'FUNDS_STAGE_TOO_EARLY',
  FundMonthOutOfRange = 'FUND_MONTH_OUT_OF_RANGE',
  InvalidLeader = 'INVALID_LEADER',
  UnknownInvestor = 'UNKNOWN_INVESTOR',
  UnknownBureau = 'UNKNOWN_BUREAU',
}

const KIND: Record<PipelineExceptionCode, ErrorKind> = {
  [PipelineExceptionCode.StaleVersion]: 'conflict',
  [PipelineExceptionCode.InvalidTransition]: 'unprocessable',
  [PipelineExceptionCode.GateDataRequired]: 'unprocessable',
  [PipelineExceptionCode.UnexpectedGateData]: 'unprocessable',
  [PipelineExceptionCode.GateDateInFuture]: 'unprocessable',
  [PipelineExceptionCode.GateDateOutOfOrder]: 'unprocessable',
  [PipelineExceptionCode.InvalidUscc]: 'unprocessable',
  [PipelineExceptionCode.CorrectionNotAllowed]: 'forbidden',
  [PipelineExceptionCode.ReasonRequired]: 'unprocessable',
  [PipelineExceptionCode.DealNotUpgradable]: 'conflict',
  [PipelineExceptionCode.FundsStageTooEarly]: 'conflict',
  [PipelineExceptionCode.FundMonthOutOfRange]: 'unprocessable',
  [PipelineExceptionCode.InvalidLeader]: 'invalid',
  [PipelineExceptionCode.UnknownInvestor]: 'invalid',
  [PipelineExceptionCode.UnknownBureau]: 'invalid',
};

export class PipelineException extends domainException(KIND) {}
