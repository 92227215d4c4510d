import { domainException, ErrorKind } from '@app/core';

export enum MilestoneExceptionCode {
  StaleVersion = 'STALE_VERSION',
  NotKeyProject = 'NOT_KEY_PROJECT',
  UnknownProcedure = 'UNKNOWN_PROCEDURE',
  DuplicateNode = 'DUPLICATE_MILESTONE_NODE',
  ActualDateFromStage = 'ACTUAL_DATE_FROM_STAGE',
  DuplicateProcedureKind = 'DUPLICATE_PROCEDURE_KIND',
}

const KIND: Record<MilestoneExceptionCode, ErrorKind> = {
  [MilestoneExceptionCode.StaleVersion]: 'conflict',
  [MilestoneExceptionCode.NotKeyProject]: 'conflict',
  [MilestoneExceptionCode.UnknownProcedure]: 'unprocessable',
  [MilestoneExceptionCode.DuplicateNode]: 'unprocessable',
  [MilestoneExceptionCode.ActualDateFromStage]: 'unprocessable',
  [MilestoneExceptionCode.DuplicateProcedureKind]: 'conflict',
};

export class MilestoneException extends domainException(KIND) {}
