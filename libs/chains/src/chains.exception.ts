import { domainException, ErrorKind } from '@app/core';

export enum ChainsExceptionCode {
  ChainNameTaken = 'CHAIN_NAME_TAKEN',
  LinkNameTaken = 'LINK_NAME_TAKEN',
  ParentInOtherChain = 'PARENT_IN_OTHER_CHAIN',
  LinkCycle = 'LINK_CYCLE',
  TargetTaken = 'TARGET_TAKEN',
  TargetAssignedElsewhere = 'TARGET_ASSIGNED_ELSEWHERE',
  TargetConverted = 'TARGET_CONVERTED',
  UnknownBureau = 'UNKNOWN_BUREAU',
  NoBureau = 'NO_BUREAU',
  ImportFileInvalid = 'IMPORT_FILE_INVALID',
  ImportRejected = 'IMPORT_REJECTED',
}

const KIND: Record<ChainsExceptionCode, ErrorKind> = {
  [ChainsExceptionCode.ChainNameTaken]: 'conflict',
  [ChainsExceptionCode.LinkNameTaken]: 'conflict',
  [ChainsExceptionCode.ParentInOtherChain]: 'unprocessable',
  [ChainsExceptionCode.LinkCycle]: 'unprocessable',
  [ChainsExceptionCode.TargetTaken]: 'conflict',
  [ChainsExceptionCode.TargetAssignedElsewhere]: 'conflict',
  [ChainsExceptionCode.TargetConverted]: 'conflict',
  [ChainsExceptionCode.UnknownBureau]: 'invalid',
  [ChainsExceptionCode.NoBureau]: 'forbidden',
  [ChainsExceptionCode.ImportFileInvalid]: 'invalid',
  [ChainsExceptionCode.ImportRejected]: 'unprocessable',
};

export class ChainsException extends domainException(KIND) {}
