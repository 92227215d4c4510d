import { Actor } from '@app/core';
import { withUsccCheckChar } from '@app/investors';
import { AgreementType, ProjectDto, ProjectService, StageService } from '@app/pipeline';
import TestAgent from 'supertest/lib/agent';
import type { CreateProjectDto } from '../../libs/pipeline/src/dto/project.dto';
import type {
  DateGateDto,
  DealGateDto,
  RegistrationGateDto,
  StageChangeDto,
} from '../../libs/pipeline/src/dto/stage.dto';
import { randomUscc } from './investor.factory';
import { Providers } from './user.factory';
import { TestApp } from '../support/test-app';

type Auth = { Authorization: string };

export interface ProjectBody {
  id: string;
  stage: string;
  version: number;
  bureau: { code: string };
  [field: string]: unknown;
}

export function projectBody(investorId: string, overrides: Partial<CreateProjectDto> = {}): CreateProjectDto {
  return {
    name: '年产2万吨电子级氢氟酸项目',
    investorId,
    industry: '氟化工',
    plannedInvestment: '12500.00',
    location: '阜新氟化工产业园',
    isKeyProject: true,
    plannedStartMonth: '2027-03',
    ...overrides,
  };
}

/** Creates a reserve project through the API. */
export async function createProject(
  t: TestApp,
  auth: Auth,
  investorId: string,
  overrides: Partial<CreateProjectDto> = {},
): Promise<ProjectBody> {
  const response = await t.http.post('/api/v1/projects').set(auth).send(projectBody(investorId, overrides));
  if (response.status !== 201) {
    throw new Error(`create project failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as ProjectBody;
}

/** Gate data for every stage, dated in order in the past. */
export const gates = {
  deal: (overrides: Partial<DealGateDto> = {}): DealGateDto => ({
    signedDate: '2026-03-18',
    amount: '12500.00',
    agreementType: AgreementType.Framework,
    ...overrides,
  }),
  registration: (overrides: Partial<RegistrationGateDto> = {}): RegistrationGateDto => ({
    date: '2026-05-12',
    localCompanyUscc: randomUscc(),
    ...overrides,
  }),
  start: (overrides: Partial<DateGateDto> = {}): DateGateDto => ({ date: '2026-07-01', ...overrides }),
  operation: (overrides: Partial<DateGateDto> = {}): DateGateDto => ({ date: '2026-10-20', ...overrides }),
};

export const VALID_LOCAL_USCC = withUsccCheckChar('91210900MA0T00001');

export function moveStage(http: TestAgent, auth: Auth, id: string, body: Record<string, unknown>) {
  return http.post(`/api/v1/projects/${id}/stage`).set(auth).send(body);
}

/** Moves a project forward through the API, failing loudly when the move is refused. */
export async function advance(
  t: TestApp,
  auth: Auth,
  project: ProjectBody,
  body: Record<string, unknown>,
): Promise<ProjectBody> {
  const response = await moveStage(t.http, auth, project.id, { expectedVersion: project.version, ...body });
  if (response.status !== 200) {
    throw new Error(`stage change failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as ProjectBody;
}

/** A project of the caller's bureau that has registered (funds may be recorded). */
export async function registeredProject(t: TestApp, auth: Auth, investorId: string): Promise<ProjectBody> {
  const project = await createProject(t, auth, investorId);
  return advance(t, auth, project, { to: 'registered', deal: gates.deal(), registration: gates.registration() });
}

/** Creates a reserve project through ProjectService, as `actor` (the service tier). */
export function openProject(
  t: Providers,
  actor: Actor,
  investorId: string,
  overrides: Partial<CreateProjectDto> = {},
): Promise<ProjectDto> {
  return t.get(ProjectService).create(actor, projectBody(investorId, overrides));
}

/** Moves a project through StageService against the version it was read at. */
export function changeStage(
  t: Providers,
  actor: Actor,
  project: Pick<ProjectDto, 'id' | 'version'>,
  change: Omit<StageChangeDto, 'expectedVersion'> & Partial<Pick<StageChangeDto, 'expectedVersion'>>,
): Promise<ProjectDto> {
  return t.get(StageService).change(actor, project.id, { expectedVersion: project.version, ...change });
}
