import { Actor, addDays, districtToday } from '@app/core';
import {
  InvestorService,
  LeadService,
  LeadSource,
  USCC_ALPHABET,
  VisitKind,
  VisitService,
  withUsccCheckChar,
} from '@app/investors';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CreateInvestorDto, InvestorDto } from '../../libs/investors/src/dto/investor.dto';
import type { CreateLeadDto, LeadDto } from '../../libs/investors/src/dto/lead.dto';
import type { CreateVisitDto, VisitDto } from '../../libs/investors/src/dto/visit.dto';
import { TestApp } from '../support/test-app';
import { Providers } from './user.factory';

type Auth = { Authorization: string };

/** A valid 统一社会信用代码 of a Fuxin company, different on every call. */
export function randomUscc(): string {
  let organisation = '';
  for (let i = 0; i < 9; i++) organisation += USCC_ALPHABET[randomInt(USCC_ALPHABET.length)];
  return withUsccCheckChar(`91210900${organisation}`);
}

/** A company name no other call returns, and not similar to one (four random ideographs). */
export function randomCompanyName(suffix = '科技有限公司'): string {
  let core = '';
  for (let i = 0; i < 4; i++) core += String.fromCodePoint(0x4e00 + randomInt(0x5000));
  return `阜新${core}${suffix}`;
}

export function investorBody(overrides: Partial<CreateInvestorDto> = {}): CreateInvestorDto {
  return {
    name: randomCompanyName(),
    uscc: randomUscc(),
    industry: '氟化工',
    chainPosition: '中游材料',
    isChainLeader: false,
    region: '辽宁省阜新市',
    ...overrides,
  };
}

/** Registers an investor through the API. */
export async function createInvestor(
  t: TestApp,
  auth: Auth,
  overrides: Partial<CreateInvestorDto> = {},
): Promise<{ id: string; name: string; uscc: string | null }> {
  const response = await t.http.post('/api/v1/investors').set(auth).send(investorBody(overrides));
  if (response.status !== 201) {
    throw new Error(`create investor failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as { id: string; name: string; uscc: string | null };
}

export function leadBody(investorId: string, overrides: Partial<CreateLeadDto> = {}): CreateLeadDto {
  return {
    investorId,
    source: LeadSource.BusinessReferral,
    industry: '氟化工',
    intendedAmount: '12500.00',
    nextFollowUpAt: addDays(districtToday(), 7),
    ...overrides,
  };
}

/** Registers a lead through the API, as the signed-in user's own. */
export async function createLead(
  t: TestApp,
  auth: Auth,
  investorId: string,
  overrides: Partial<CreateLeadDto> = {},
): Promise<{ id: string; bureau: { code: string } }> {
  const response = await t.http.post('/api/v1/leads').set(auth).send(leadBody(investorId, overrides));
  if (response.status !== 201) {
    throw new Error(`create lead failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as { id: string; bureau: { code: string } };
}

/**
 * Moves a lead's next follow-up to a day that has passed, as time does (the API takes no follow-up before today):
 * for tests of overdue follow-ups.
 */
export async function followUpDueSince(t: TestApp, leadId: string, date: string): Promise<void> {
  await t.get(DataSource).query('UPDATE lead SET next_follow_up_at = $1 WHERE id = $2', [date, leadId]);
}

export function visitBody(leadId: string, overrides: Partial<CreateVisitDto> = {}): CreateVisitDto {
  return {
    leadId,
    date: '2026-11-18',
    kind: VisitKind.Outbound,
    place: '江苏省常州市武进区',
    participants: '招商专员、企业董事长',
    summary: '介绍氟产业园配套条件，企业有意扩产电子级氢氟酸',
    nextSteps: '邀请企业来阜考察',
    nextFollowUpAt: '2026-12-01',
    ...overrides,
  };
}

/** Registers an investor through InvestorService, as `actor` (the service tier). */
export function registerInvestor(
  t: Providers,
  actor: Actor,
  overrides: Partial<CreateInvestorDto> = {},
): Promise<InvestorDto> {
  return t.get(InvestorService).create(actor, investorBody(overrides));
}

/** Registers a lead through LeadService, as `actor`'s own unless `officerId` says otherwise. */
export function registerLead(
  t: Providers,
  actor: Actor,
  investorId: string,
  overrides: Partial<CreateLeadDto> = {},
): Promise<LeadDto> {
  return t.get(LeadService).create(actor, leadBody(investorId, overrides));
}

/** Records a visit through VisitService, as `actor`. */
export function recordVisit(
  t: Providers,
  actor: Actor,
  leadId: string,
  overrides: Partial<CreateVisitDto> = {},
): Promise<VisitDto> {
  return t.get(VisitService).create(actor, visitBody(leadId, overrides));
}

/**
 * A request body with fields its DTO refuses (a wrong type, an unknown field, a null): for tests of validation,
 * which the typed builders above would not compile.
 */
export function malformed(body: object, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...body, ...fields };
}
