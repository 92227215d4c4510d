import { BureauRefView, bureauRefOf, userRefOf, UserRefView } from '@app/identity';
import { InvestorRefView, VisitEntity } from '@app/investors';
import { FundDto } from './dto/fund.dto';
import { ProjectDto } from './dto/project.dto';
import { StageEventDto, TimelineVisitDto } from './dto/stage.dto';
import { ProjectFundEntity } from './entities/project-fund.entity';
import { ProjectStageEventEntity } from './entities/project-stage-event.entity';
import { ProjectEntity } from './entities/project.entity';
import { STAGE_LABELS } from './stage';
import { StageState } from './stage-machine';

export function stageStateOf(project: ProjectEntity): StageState {
  return {
    stage: project.stage,
    terminatedFromStage: project.terminatedFromStage,
    signedAt: project.signedAt,
    signedAmount: project.signedAmount,
    agreementType: project.agreementType,
    registeredAt: project.registeredAt,
    localCompanyUscc: project.localCompanyUscc,
    startedAt: project.startedAt,
    operatingAt: project.operatingAt,
    terminatedAt: project.terminatedAt,
    terminatedReason: project.terminatedReason,
  };
}

export function toProjectDto(project: ProjectEntity): ProjectDto {
  const investor = project.investor as InvestorRefView;
  return {
    id: project.id,
    name: project.name,
    investor: { id: investor.id, name: investor.name, uscc: investor.uscc },
    bureau: bureauRefOf(project.bureau as BureauRefView),
    leadId: project.leadId,
    industry: project.industry,
    plannedInvestment: project.plannedInvestment,
    location: project.location,
    isKeyProject: project.isKeyProject,
    plannedStartMonth: project.plannedStartMonth,
    responsibleLeader: project.responsibleLeader ? userRefOf(project.responsibleLeader) : null,
    officer: userRefOf(project.officer as UserRefView),
    stage: project.stage,
    stageLabel: STAGE_LABELS[project.stage],
    version: project.version,
    signedAt: project.signedAt,
    signedAmount: project.signedAmount,
    agreementType: project.agreementType,
    registeredAt: project.registeredAt,
    localCompanyUscc: project.localCompanyUscc,
    startedAt: project.startedAt,
    operatingAt: project.operatingAt,
    terminatedAt: project.terminatedAt,
    terminatedReason: project.terminatedReason,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a project. */
export function auditViewOfProject(project: ProjectEntity): Record<string, unknown> {
  return {
    name: project.name,
    investorId: project.investorId,
    bureauId: project.bureauId,
    leadId: project.leadId,
    industry: project.industry,
    plannedInvestment: project.plannedInvestment,
    location: project.location,
    isKeyProject: project.isKeyProject,
    plannedStartMonth: project.plannedStartMonth,
    responsibleLeaderId: project.responsibleLeaderId,
    officerId: project.officerId,
    version: project.version,
    ...stageStateOf(project),
  };
}

export function toStageEventDto(event: ProjectStageEventEntity): StageEventDto {
  return {
    id: event.id,
    seq: event.seq,
    fromStage: event.fromStage,
    toStage: event.toStage,
    toStageLabel: STAGE_LABELS[event.toStage],
    businessDate: event.businessDate,
    recordedAt: event.recordedAt.toISOString(),
    actor: userRefOf(event.actor as UserRefView),
    note: event.note,
    gate: event.gate,
    isCorrection: event.isCorrection,
    countsAsSigning: event.countsAsSigning,
  };
}

export function toTimelineVisitDto(visit: VisitEntity): TimelineVisitDto {
  return {
    id: visit.id,
    date: visit.date,
    kind: visit.kind,
    place: visit.place,
    summary: visit.summary,
    leaderLed: visit.leaderLed,
    officer: userRefOf(visit.officer as UserRefView),
  };
}

export function toFundDto(fund: ProjectFundEntity): FundDto {
  return {
    id: fund.id,
    projectId: fund.projectId,
    month: fund.month,
    amount: fund.amount,
    note: fund.note,
    recordedBy: userRefOf(fund.recordedBy as UserRefView),
    updatedAt: fund.updatedAt.toISOString(),
  };
}

export function auditViewOfFund(fund: ProjectFundEntity): Record<string, unknown> {
  return { projectId: fund.projectId, month: fund.month, amount: fund.amount, note: fund.note };
}
