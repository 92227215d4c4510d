import { businessDateOf } from '@app/core';
import { BureauRefView, bureauRefOf, UserRefView, userRefOf } from '@app/identity';
import { maskEmail, maskPhone, maskWechat } from './contact-phone';
import { ContactDto } from './dto/contact.dto';
import { DuplicateCandidateDto, InvestorDto, OpenLeadRefDto } from './dto/investor.dto';
import { InvestorRefDto, LeadDto, TransferDto } from './dto/lead.dto';
import { VisitDto } from './dto/visit.dto';
import { ContactEntity } from './entities/contact.entity';
import { InvestorEntity } from './entities/investor.entity';
import { LeadTransferEntity } from './entities/lead-transfer.entity';
import { LeadEntity } from './entities/lead.entity';
import { VisitEntity } from './entities/visit.entity';

/** Claims are stored as instants; the date shown in a 撞单 message is the district's. */
const DISTRICT_TIME_ZONE = 'Asia/Shanghai';
import type { SimilarInvestor } from './investor.repository';
import { LEAD_SOURCE_LABELS, VISIT_KIND_LABELS } from './lead-source';

export const investorRef = (investor: Pick<InvestorEntity, 'id' | 'name' | 'uscc'>): InvestorRefDto => ({
  id: investor.id,
  name: investor.name,
  uscc: investor.uscc,
});

/** A registered company that a new name may duplicate, with who follows it. */
export function toDuplicateCandidate({ investor, similarity }: SimilarInvestor): DuplicateCandidateDto {
  return {
    id: investor.id,
    name: investor.name,
    uscc: investor.uscc,
    similarity,
    openLead: investor.openLead ? openLeadRef(investor.openLead) : null,
  };
}

export function openLeadRef(lead: LeadEntity): OpenLeadRefDto {
  return {
    id: lead.id,
    bureau: bureauRefOf(lead.bureau as BureauRefView),
    officer: userRefOf(lead.officer as UserRefView),
    since: lead.registeredAt,
  };
}

export function toInvestorDto(investor: InvestorEntity): InvestorDto {
  return {
    id: investor.id,
    name: investor.name,
    uscc: investor.uscc,
    industry: investor.industry,
    chainPosition: investor.chainPosition,
    isChainLeader: investor.isChainLeader,
    region: investor.region,
    createdByBureau: investor.createdByBureau ? bureauRefOf(investor.createdByBureau) : null,
    openLead: investor.openLead ? openLeadRef(investor.openLead) : null,
    claimedBy:
      investor.claimedByBureau && investor.claimedAt
        ? {
            bureau: bureauRefOf(investor.claimedByBureau),
            since: businessDateOf(investor.claimedAt, DISTRICT_TIME_ZONE),
          }
        : null,
    createdAt: investor.createdAt.toISOString(),
  };
}

/** A contact as the reader may see it: every channel (phone, e-mail, WeChat) masked unless `showAll`. */
export function toContactDto(contact: ContactEntity, showAll: boolean): ContactDto {
  const mask = <T extends string | null>(value: T, masker: (text: string) => string): T | string =>
    value === null || showAll ? value : masker(value);
  return {
    id: contact.id,
    investorId: contact.investorId,
    name: contact.name,
    title: contact.title,
    phone: mask(contact.phone, maskPhone),
    phoneMasked: contact.phone !== null && !showAll,
    email: mask(contact.email, maskEmail),
    wechat: mask(contact.wechat, maskWechat),
    masked: !showAll,
    createdAt: contact.createdAt.toISOString(),
  };
}

export function toLeadDto(lead: LeadEntity): LeadDto {
  return {
    id: lead.id,
    investor: investorRef(lead.investor as InvestorEntity),
    bureau: bureauRefOf(lead.bureau as BureauRefView),
    officer: userRefOf(lead.officer as UserRefView),
    source: lead.source,
    sourceLabel: LEAD_SOURCE_LABELS[lead.source],
    industry: lead.industry,
    intendedAmount: lead.intendedAmount,
    registeredAt: lead.registeredAt,
    nextFollowUpAt: lead.nextFollowUpAt,
    lastContactAt: lead.lastContactAt,
    status: lead.status,
    dropReason: lead.dropReason,
    note: lead.note,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}

export function toTransferDto(transfer: LeadTransferEntity): TransferDto {
  return {
    id: transfer.id,
    leadId: transfer.leadId,
    investor: investorRef((transfer.lead as LeadEntity).investor as InvestorEntity),
    fromBureau: bureauRefOf(transfer.fromBureau as BureauRefView),
    toBureau: bureauRefOf(transfer.toBureau as BureauRefView),
    requestedBy: userRefOf(transfer.requestedBy as UserRefView),
    reason: transfer.reason,
    status: transfer.status,
    decidedBy: transfer.decidedBy ? userRefOf(transfer.decidedBy) : null,
    decidedAt: transfer.decidedAt?.toISOString() ?? null,
    decisionNote: transfer.decisionNote,
    createdAt: transfer.createdAt.toISOString(),
  };
}

/** A visit with what its answer names: the bureau, the officer and (for a lead's visit) the investor. */
export type VisitView = Omit<VisitEntity, 'lead' | 'bureau' | 'officer' | 'updatedAt'> & {
  bureau: Pick<BureauRefView, 'code' | 'name'>;
  officer: Pick<UserRefView, 'id' | 'displayName'>;
  investor: Pick<InvestorEntity, 'id' | 'name' | 'uscc'> | null;
};

export function visitView(visit: VisitEntity): VisitView {
  return {
    ...visit,
    bureau: visit.bureau as BureauRefView,
    officer: visit.officer as UserRefView,
    investor: visit.lead?.investor ?? null,
  };
}

export function toVisitDto(visit: VisitView, users: Map<string, Pick<UserRefView, 'id' | 'displayName'>>): VisitDto {
  return {
    id: visit.id,
    leadId: visit.leadId,
    projectId: visit.projectId,
    investor: visit.investor ? investorRef(visit.investor) : null,
    bureau: bureauRefOf(visit.bureau),
    officer: userRefOf(visit.officer),
    date: visit.date,
    kind: visit.kind,
    kindLabel: VISIT_KIND_LABELS[visit.kind],
    place: visit.place,
    participants: visit.participants,
    leaders: visit.leaderIds.map((id) => {
      const user = users.get(id);
      return user ? userRefOf(user) : { id, displayName: '' };
    }),
    leaderLed: visit.leaderLed,
    summary: visit.summary,
    nextSteps: visit.nextSteps,
    nextFollowUpAt: visit.nextFollowUpAt,
    createdAt: visit.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a lead. */
export function auditViewOfLead(lead: LeadEntity): Record<string, unknown> {
  return {
    investorId: lead.investorId,
    bureau: lead.bureau?.code ?? lead.bureauId,
    officerId: lead.officerId,
    source: lead.source,
    industry: lead.industry,
    intendedAmount: lead.intendedAmount,
    registeredAt: lead.registeredAt,
    nextFollowUpAt: lead.nextFollowUpAt,
    lastContactAt: lead.lastContactAt,
    status: lead.status,
    dropReason: lead.dropReason,
    note: lead.note,
  };
}

export function auditViewOfInvestor(investor: InvestorEntity): Record<string, unknown> {
  return {
    name: investor.name,
    uscc: investor.uscc,
    industry: investor.industry,
    chainPosition: investor.chainPosition,
    isChainLeader: investor.isChainLeader,
    region: investor.region,
  };
}

export function auditViewOfVisit(
  visit: Omit<VisitEntity, 'lead' | 'bureau' | 'officer' | 'updatedAt'> & { bureau?: Pick<BureauRefView, 'code'> },
): Record<string, unknown> {
  return {
    leadId: visit.leadId,
    bureau: visit.bureau?.code ?? visit.bureauId,
    officerId: visit.officerId,
    date: visit.date,
    kind: visit.kind,
    place: visit.place,
    leaderIds: visit.leaderIds,
    summary: visit.summary,
    nextSteps: visit.nextSteps,
    nextFollowUpAt: visit.nextFollowUpAt,
  };
}
