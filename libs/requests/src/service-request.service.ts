import {
  Actor,
  AppConfig,
  AuditService,
  bureauScopeOf,
  BusinessClock,
  DomainException,
  NotFoundException,
  Page,
  pageOf,
  Period,
  periodOf,
  ProjectDirectory,
  TransactionRunner,
} from '@app/core';
import { BureauRepository, listBureau } from '@app/identity';
import { VisitService } from '@app/investors';
import { ProjectProgressService } from '@app/pipeline';
import { Injectable } from '@nestjs/common';
import { RequestFiguresDto, RequestFiguresQueryDto, RequestFigureValuesDto } from './dto/request-figures.dto';
import {
  CreateServiceRequestDto,
  FeedbackServiceRequestDto,
  ReplyServiceRequestDto,
  ResolveServiceRequestDto,
  RouteServiceRequestDto,
  ServiceRequestDetailDto,
  ServiceRequestDto,
  ServiceRequestQueryDto,
} from './dto/service-request.dto';
import { requestStateOf, toServiceRequestDto, toServiceRequestEventDto } from './requests.mapper';
import { RequestsException, RequestsExceptionCode, staleRequest } from './requests.exception';
import { RequestChannel, RequestDueDays, RequestEventType } from './request-kind';
import { planRequestStep, receivedState, RequestAction, RequestRefusal } from './request-machine';
import { ServiceDepartmentRepository } from './service-department.repository';
import { ServiceRequestEventRepository } from './service-request-event.repository';
import { RequestFigureRow, ServiceRequestPatch, ServiceRequestRepository } from './service-request.repository';

const REFUSAL_CODES: Record<RequestRefusal['code'], RequestsExceptionCode> = {
  INVALID_TRANSITION: RequestsExceptionCode.InvalidTransition,
  DATE_OUT_OF_ORDER: RequestsExceptionCode.DateOutOfOrder,
  DATE_IN_FUTURE: RequestsExceptionCode.DateInFuture,
};

/** 企业诉求 under 首办责任制: received by a bureau, routed, replied to, resolved and closed by its 回访. */
@Injectable()
export class ServiceRequestService {
  constructor(
    private readonly requests: ServiceRequestRepository,
    private readonly events: ServiceRequestEventRepository,
    private readonly departments: ServiceDepartmentRepository,
    private readonly bureaus: BureauRepository,
    private readonly progress: ProjectProgressService,
    private readonly visits: VisitService,
    private readonly projects: ProjectDirectory,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
    private readonly config: AppConfig,
  ) {}

  private dueDays(): RequestDueDays {
    return this.config.requestDueDays;
  }

  async list(actor: Actor, query: ServiceRequestQueryDto): Promise<Page<ServiceRequestDto>> {
    const bureauId = await listBureau(this.bureaus, bureauScopeOf(actor), query.bureau);
    if (bureauId === undefined) return pageOf([], 0, query);
    const today = this.clock.today();
    const [rows, total] = await this.requests.list(
      { bureauId, status: query.status, kind: query.kind, overdue: query.overdue, today },
      query.skip,
      query.pageSize,
    );
    return pageOf(
      rows.map((row) => toServiceRequestDto(row, today)),
      total,
      query,
    );
  }

  async get(actor: Actor, id: string): Promise<ServiceRequestDetailDto> {
    const request = await this.requests.findById(id, bureauScopeOf(actor));
    if (!request) throw new NotFoundException('诉求');
    const events = await this.events.listOfRequest(id);
    return { ...toServiceRequestDto(request, this.clock.today()), events: events.map(toServiceRequestEventDto) };
  }

  /** Receives a request: the receiver's bureau owns it until it is closed (首办责任制). */
  async create(actor: Actor, dto: CreateServiceRequestDto): Promise<ServiceRequestDetailDto> {
    if (!actor.bureauId) {
      throw new RequestsException(RequestsExceptionCode.NoBureau, '只有招商局用户可以受理企业诉求（首办责任制）');
    }
    const today = this.clock.today();
    const receivedOn = dto.receivedOn ?? today;
    if (receivedOn > today) {
      throw new RequestsException(RequestsExceptionCode.DateInFuture, `受理日期不能晚于今天（${today}）`, {
        field: 'receivedOn',
      });
    }
    if (!(await this.progress.hasLandedProject(dto.investorId))) {
      throw new RequestsException(
        RequestsExceptionCode.InvestorNotLanded,
        '只能为有注册落地（或开工、投产）项目的企业受理诉求',
        { field: 'investorId' },
      );
    }
    if (dto.visitId) await this.checkVisit(actor, dto);
    const state = receivedState(dto.kind, receivedOn, this.dueDays());
    const id = await this.transactions.run(async (tx) => {
      const requestId = await this.requests.insert(
        {
          investorId: dto.investorId,
          bureauId: actor.bureauId as string,
          receivedById: actor.userId,
          kind: dto.kind,
          channel: dto.channel,
          visitId: dto.visitId ?? null,
          content: dto.content,
          receivedOn,
          dueOn: state.dueOn,
          status: state.status,
          lastEventOn: state.lastEventOn,
        },
        tx,
      );
      await this.events.append(
        requestId,
        { type: RequestEventType.Received, businessDate: receivedOn, actorId: actor.userId, note: dto.content },
        tx,
      );
      await this.audit.record(
        actor,
        {
          action: 'service_request.create',
          entity: 'service_request',
          entityId: requestId,
          after: { investorId: dto.investorId, kind: dto.kind, channel: dto.channel, receivedOn, dueOn: state.dueOn },
        },
        tx,
      );
      return requestId;
    });
    return this.get(actor, id);
  }

  /**
   * A visit named as the request's source must be one the receiver's bureau made to this company: filed under
   * its lead, or under one of its projects (a landed company's visits usually are).
   */
  private async checkVisit(actor: Actor, dto: CreateServiceRequestDto): Promise<void> {
    if (dto.channel !== RequestChannel.Visit) {
      throw new RequestsException(RequestsExceptionCode.VisitRequired, '只有受理渠道为走访时才能关联走访记录', {
        field: 'visitId',
      });
    }
    const visit = await this.visits.get(actor, dto.visitId as string).catch((error: unknown) => {
      if (error instanceof DomainException && error.kind === 'not_found') return null;
      throw error;
    });
    const ofCompany =
      !!visit &&
      (visit.investor?.id === dto.investorId ||
        (visit.projectId !== null && (await this.projects.projectIdsOf(dto.investorId)).includes(visit.projectId)));
    if (!ofCompany) {
      throw new RequestsException(RequestsExceptionCode.UnknownVisit, '走访记录不存在，或不是本局对该企业的走访', {
        field: 'visitId',
      });
    }
  }

  route(actor: Actor, id: string, dto: RouteServiceRequestDto): Promise<ServiceRequestDetailDto> {
    return this.step(
      actor,
      id,
      dto.expectedVersion,
      { type: RequestEventType.Routed, on: dto.date ?? this.clock.today(), departmentId: dto.departmentId },
      dto.note ?? null,
      {},
    );
  }

  reply(actor: Actor, id: string, dto: ReplyServiceRequestDto): Promise<ServiceRequestDetailDto> {
    return this.step(
      actor,
      id,
      dto.expectedVersion,
      { type: RequestEventType.Reply, on: dto.date ?? this.clock.today() },
      dto.note,
      {},
    );
  }

  resolve(actor: Actor, id: string, dto: ResolveServiceRequestDto): Promise<ServiceRequestDetailDto> {
    return this.step(
      actor,
      id,
      dto.expectedVersion,
      { type: RequestEventType.Resolved, on: dto.date ?? this.clock.today() },
      dto.resolution,
      { resolution: dto.resolution },
    );
  }

  feedback(actor: Actor, id: string, dto: FeedbackServiceRequestDto): Promise<ServiceRequestDetailDto> {
    return this.step(
      actor,
      id,
      dto.expectedVersion,
      { type: RequestEventType.Feedback, on: dto.date ?? this.clock.today(), satisfaction: dto.satisfaction },
      dto.note ?? null,
      { satisfaction: dto.satisfaction },
    );
  }

  /** Takes one step of the machine against the version the client read: the request, its event and the audit row. */
  private async step(
    actor: Actor,
    id: string,
    expectedVersion: number,
    action: RequestAction,
    note: string | null,
    extra: ServiceRequestPatch,
  ): Promise<ServiceRequestDetailDto> {
    const scope = bureauScopeOf(actor);
    await this.transactions.run(async (tx) => {
      const request = await this.requests.findById(id, scope, tx);
      if (!request) throw new NotFoundException('诉求');
      if (request.version !== expectedVersion) throw staleRequest();
      if (action.type === RequestEventType.Routed) {
        const department = await this.departments.findById(action.departmentId, tx);
        if (!department || !department.isActive) {
          throw new RequestsException(RequestsExceptionCode.UnknownDepartment, '办理部门不存在或已停用', {
            field: 'departmentId',
          });
        }
      }
      const before = requestStateOf(request);
      const plan = planRequestStep(before, action, this.clock.today());
      if (!plan.ok) throw new RequestsException(REFUSAL_CODES[plan.refusal.code], plan.refusal.message);
      const { state } = plan;
      const patch: ServiceRequestPatch = {
        status: state.status,
        departmentId: state.departmentId,
        lastEventOn: state.lastEventOn,
        resolvedOn: state.resolvedOn,
        closedOn: state.closedOn,
        ...extra,
      };
      if (!(await this.requests.updateVersioned(id, expectedVersion, patch, tx))) throw staleRequest();
      await this.events.append(
        id,
        {
          type: action.type,
          businessDate: action.on,
          actorId: actor.userId,
          note,
          departmentId: action.type === RequestEventType.Routed ? action.departmentId : null,
          satisfaction: action.type === RequestEventType.Feedback ? action.satisfaction : null,
        },
        tx,
      );
      await this.audit.record(
        actor,
        {
          action: `service_request.${action.type}`,
          entity: 'service_request',
          entityId: id,
          before: { version: request.version, ...before },
          after: { version: request.version + 1, ...state, note, ...extra },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  /**
   * Each bureau's figures over a period, district-wide like the ranking: received (by the date received), closed
   * (by the date of the 回访 that closed it), closed on time (resolved by the due date) and the satisfaction rate
   * (满意 + 基本满意 over those closed).
   */
  figures(query: RequestFiguresQueryDto): Promise<RequestFiguresDto> {
    return this.figuresOf(periodOf(query.period, query.date ?? this.clock.today()));
  }

  /** The figures over any period (a report's week). */
  async figuresOf(period: Period): Promise<RequestFiguresDto> {
    const [bureaus, rows] = await Promise.all([this.bureaus.list(), this.requests.figures(period.from, period.to)]);
    const byBureau = new Map(rows.map((row) => [row.bureauId, row]));
    const zero = { received: 0, closed: 0, closedOnTime: 0, satisfied: 0 };
    const sum = rows.reduce(
      (total, row) => ({
        received: total.received + row.received,
        closed: total.closed + row.closed,
        closedOnTime: total.closedOnTime + row.closedOnTime,
        satisfied: total.satisfied + row.satisfied,
      }),
      zero,
    );
    return {
      period: period.kind,
      label: period.label,
      from: period.from,
      to: period.to,
      bureaus: [...bureaus]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((bureau) => ({
          bureau: { code: bureau.code, name: bureau.name },
          ...figureValues(byBureau.get(bureau.id) ?? zero),
        })),
      district: figureValues(sum),
    };
  }
}

const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;

function figureValues(row: Omit<RequestFigureRow, 'bureauId'>): RequestFigureValuesDto {
  return {
    received: row.received,
    closed: row.closed,
    closedOnTime: row.closedOnTime,
    onTimeRate: rate(row.closedOnTime, row.closed),
    satisfied: row.satisfied,
    satisfactionRate: rate(row.satisfied, row.closed),
  };
}
