import { domainException, ErrorKind } from '@app/core';

export enum RankingsExceptionCode {
  UnknownBureau = 'UNKNOWN_BUREAU',
  WeightsInThePast = 'WEIGHTS_IN_THE_PAST',
  NoWeights = 'NO_WEIGHTS',
  InvalidDate = 'INVALID_DATE',
}

const KIND: Record<RankingsExceptionCode, ErrorKind> = {
  [RankingsExceptionCode.UnknownBureau]: 'invalid',
  [RankingsExceptionCode.WeightsInThePast]: 'unprocessable',
  [RankingsExceptionCode.NoWeights]: 'conflict',
  [RankingsExceptionCode.InvalidDate]: 'invalid',
};

export class RankingsException extends domainException(KIND) {}
