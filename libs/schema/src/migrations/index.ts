import { Foundation1795691828657 } from './1795691828657-Foundation';
import { SeedBureaus1795691900000 } from './1795691900000-SeedBureaus';
import { Investors1795693009274 } from './1795693009274-Investors';
import { Pipeline1795693522425 } from './1795693522425-Pipeline';
import { PipelineExtras1795693522426 } from './1795693522426-PipelineExtras';
import { Rankings1795693704322 } from './1795693704322-Rankings';
import { SeedRankingWeights1795693800000 } from './1795693800000-SeedRankingWeights';
import { WeeklyReports1795693955106 } from './1795693955106-WeeklyReports';
import { Alerts1795695025230 } from './1795695025230-Alerts';
import { LeadImportJobs1795702624353 } from './1795702624353-LeadImportJobs';
import { RollupGeneration1795703015787 } from './1795703015787-RollupGeneration';
import { IdempotencyLocation1795706780591 } from './1795706780591-IdempotencyLocation';
import { RollupChanges1795706920951 } from './1795706920951-RollupChanges';
import { VisitListIndexes1795707610543 } from './1795707610543-VisitListIndexes';
import { BatchRequire1795709476346 } from './1795709476346-BatchRequire';
import { InvestorClaims1795712000000 } from './1795712000000-InvestorClaims';
import { LeadRegisteredAt1795712000001 } from './1795712000001-LeadRegisteredAt';
import { AuditHmac1796163668814 } from './1796163668814-AuditHmac';
import { MustChangePassword1796163773354 } from './1796163773354-MustChangePassword';
import { JobSchedules1796163908104 } from './1796163908104-JobSchedules';
import { IdempotencyRequestId1796165004271 } from './1796165004271-IdempotencyRequestId';
import { AuditPrefixHorizon1796173446501 } from './1796173446501-AuditPrefixHorizon';
import { ReadViews1796175888112 } from './1796175888112-ReadViews';
import { ProjectStageSpans1796178759348 } from './1796178759348-ProjectStageSpans';
import { SupervisionOrders1796200000000 } from './1796200000000-SupervisionOrders';
import { SupervisionFigures1796200000001 } from './1796200000001-SupervisionFigures';
import { Milestones1796200100000 } from './1796200100000-Milestones';
import { ReadIndexes1796200200000 } from './1796200200000-ReadIndexes';
import { StageSpanBureau1796200200001 } from './1796200200001-StageSpanBureau';
import { FundFactsProject1796200300000 } from './1796200300000-FundFactsProject';
import { ReferenceViews1796200400000 } from './1796200400000-ReferenceViews';
import { Chains1796200500000 } from './1796200500000-Chains';
import { ServiceRequests1796200600000 } from './1796200600000-ServiceRequests';
import { ServiceRequestExtras1796200600001 } from './1796200600001-ServiceRequestExtras';
import { PeriodReports1796300000000 } from './1796300000000-PeriodReports';
export const MIGRATIONS = [
  Foundation1795691828657,
  SeedBureaus1795691900000,
  Investors1795693009274,
  Pipeline1795693522425,
  PipelineExtras1795693522426,
  Rankings1795693704322,
  SeedRankingWeights1795693800000,
  WeeklyReports1795693955106,
  Alerts1795695025230,
  LeadImportJobs1795702624353,
  RollupGeneration1795703015787,
  IdempotencyLocation1795706780591,
  RollupChanges1795706920951,
  VisitListIndexes1795707610543,
  BatchRequire1795709476346,
  InvestorClaims1795712000000,
  LeadRegisteredAt1795712000001,
  AuditHmac1796163668814,
  MustChangePassword1796163773354,
  JobSchedules1796163908104,
  IdempotencyRequestId1796165004271,
  AuditPrefixHorizon1796173446501,
  ReadViews1796175888112,
  ProjectStageSpans1796178759348,
  SupervisionOrders1796200000000,
  SupervisionFigures1796200000001,
  Milestones1796200100000,
  ReadIndexes1796200200000,
  StageSpanBureau1796200200001,
  FundFactsProject1796200300000,
  ReferenceViews1796200400000,
  Chains1796200500000,
  ServiceRequests1796200600000,
  ServiceRequestExtras1796200600001,
  PeriodReports1796300000000,
];
