import {
  AuditChainHeadEntity,
  AuditEntryEntity,
  AuditVerifiedPrefixEntity,
  IdempotencyRecordEntity,
  JobScheduleEntity,
} from '@app/core';
import { DemoMarkerEntity } from '@app/demo';
import { BureauEntity, BureauRefView, SessionEntity, UserEntity, UserRefView } from '@app/identity';
import { PeriodReportEntity, WeeklyReportEntity } from '@app/reports';
import { AlertEntity, AlertRunEntity } from '@app/alerts';
import {
  BureauDailyStatEntity,
  BureauStatDeltaEntity,
  BureauTargetEntity,
  RankingWeightsEntity,
  RollupChangeEntity,
  RollupGenerationEntity,
} from '@app/rankings';
import {
  ContactEntity,
  InvestorEntity,
  InvestorRefView,
  LeadEntity,
  LeadImportJobEntity,
  LeadTransferEntity,
  VisitEntity,
} from '@app/investors';
import {
  MilestoneProcedureKindEntity,
  ProjectEntity,
  ProjectFundEntity,
  ProjectMilestoneEntity,
  ProjectMilestonePlanEntity,
  ProjectStageEventEntity,
} from '@app/pipeline';
import { SupervisionOrderEntity, SupervisionOrderEventEntity } from '@app/supervision';
import { ChainLinkEntity, ChainTagEntity, ChainTargetEntity, IndustryChainEntity } from '@app/chains';
import { ServiceDepartmentEntity, ServiceRequestEntity, ServiceRequestEventEntity } from '@app/requests';

/** Every table of the CRM and the views other libraries read through, for the data source and the migration check. */
export const ENTITIES = [
  AuditEntryEntity,
  AuditChainHeadEntity,
  AuditVerifiedPrefixEntity,
  BureauEntity,
  UserEntity,
  SessionEntity,
  DemoMarkerEntity,
  IdempotencyRecordEntity,
  JobScheduleEntity,
  InvestorEntity,
  ContactEntity,
  LeadEntity,
  LeadTransferEntity,
  VisitEntity,
  LeadImportJobEntity,
  ProjectEntity,
  ProjectStageEventEntity,
  ProjectFundEntity,
  MilestoneProcedureKindEntity,
  ProjectMilestoneEntity,
  ProjectMilestonePlanEntity,
  BureauTargetEntity,
  RankingWeightsEntity,
  BureauDailyStatEntity,
  BureauStatDeltaEntity,
  RollupGenerationEntity,
  RollupChangeEntity,
  WeeklyReportEntity,
  PeriodReportEntity,
  AlertEntity,
  AlertRunEntity,
  IndustryChainEntity,
  ChainLinkEntity,
  ChainTagEntity,
  ChainTargetEntity,
  BureauRefView,
  UserRefView,
  InvestorRefView,
  SupervisionOrderEntity,
  SupervisionOrderEventEntity,
  ServiceDepartmentEntity,
  ServiceRequestEntity,
  ServiceRequestEventEntity,
];
