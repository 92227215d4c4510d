import { AuditChainHeadEntity, AuditEntryEntity } from '@app/core';
import { DemoMarkerEntity } from '@app/demo';
import { BureauEntity, SessionEntity, UserEntity } from '@app/identity';
import { WeeklyReportEntity } from '@app/reports';
import { BureauDailyStatEntity, BureauStatDeltaEntity, BureauTargetEntity, RankingWeightsEntity } from '@app/rankings';

/** Every table of the CRM, for the data source and for the migration check. */
export const ENTITIES = [
  AuditEntryEntity,
  AuditChainHeadEntity,
  BureauEntity,
  UserEntity,
  SessionEntity,
  DemoMarkerEntity,
  BureauTargetEntity,
  RankingWeightsEntity,
  BureauDailyStatEntity,
  BureauStatDeltaEntity,
  WeeklyReportEntity,
];
