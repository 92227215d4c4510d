import {
  Actor,
  AuditService,
  bureauScopeOf,
  BureauStatsRecorder,
  BusinessClock,
  NotFoundException,
  Page,
  pageOf,
  ProjectDirectory,
  Role,
  Transaction,
  TransactionRunner,
  ValidationException,
} from '@app/core';
import { AlertService } from '@app/alerts';
import { BureauRepository, listBureau, UserDirectory } from '@app/identity';
import { LeadService } from '@app/investors';
import { Injectable } from '@nestjs/common';
import {
  AssignOrderDto,
  CloseOrderDto,
  CreateSupervisionOrderDto,
  ExtensionDecision,
  OrderExtensionDto,
  OrderReplyDto,
  ReturnOrderDto,
  SupervisionOrderDetailDto,
  SupervisionOrderDto,
  SupervisionOrderQueryDto,
} from './dto/supervision-order.dto';
import { SupervisionOrderEntity } from './entities/supervision-order.entity';
import { OrderActor, OrderCommand, OrderPlan, planOrderAction } from './order-machine';
import { OrderAction, OrderStatus } from './order-status';
import { orderStateOf, toOrderDto, toOrderEventDto } from './supervision.mapper';
import { SupervisionException, SupervisionExceptionCode as Code } from './supervision.exception';
import { SupervisionOrderRepository } from './supervision-order.repository';

export function staleOrderVersion(): SupervisionException {
  return new SupervisionException(Code.StaleVersion, '督办单已被他人处理，请刷新后重试');
}

const invalid = (field: string, message: string): SupervisionException =>
  new SupervisionException(Code.UnknownSource, message, [{ field, problems: [message] }]);

/** What an order came from, worked out before it is written. */
interface OrderSource {
  bureauId: string | null;
  projectId: string | null;
  leadId: string | null;
  alertId: string | null;
  alertMessage: string | null;
}

@Injectable()
export class SupervisionOrderService {
  constructor(
    private readonly orders: SupervisionOrderRepository,
    private readonly bureaus: BureauRepository,
    private readonly users: UserDirectory,
    private readonly projects: ProjectDirectory,
    private readonly leads: LeadService,
    private readonly alerts: AlertService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
    private readonly stats: BureauStatsRecorder,
  ) {}

  /** Issues an order to a bureau; an alert, a project or a lead given fills what the body leaves out. */
  async issue(actor: Actor, dto: CreateSupervisionOrderDto): Promise<SupervisionOrderDetailDto> {
    const source = await this.sourceOf(actor, dto);
    let bureauId = source.bureauId;
    if (dto.bureau) {
      const bureau = await this.bureaus.findByCode(dto.bureau);
      if (!bureau)
        throw new SupervisionException(Code.UnknownBureau, `招商局 ${dto.bureau} 不存在`, [{ field: 'bureau' }]);
      if (bureauId && bureauId !== bureau.id) {
        throw new SupervisionException(
          Code.SourceBureauMismatch,
          '承办招商局与关联的项目、线索或预警所属招商局不一致',
          [{ field: 'bureau' }],
        );
      }
      bureauId = bureau.id;
    }
    if (bureauId === null) throw invalid('bureau', '须指定承办招商局（bureau），或关联项目、线索、预警');
    const matter = dto.matter?.trim() || source.alertMessage;
    if (!matter) throw invalid('matter', '须填写督办事项（matter）');
    const requirement = dto.requirement?.trim() || '请于期限内查明原因、落实整改，并反馈办理情况';
    const today = this.clock.today();
    if (dto.dueDate < today) throw invalid('dueDate', `办理期限不能早于今天（${today}）`);
    const created = await this.transactions.run(async (tx) => {
      const order = await this.orders.insert(
        {
          matter: matter.slice(0, 200),
          requirement,
          dueDate: dto.dueDate,
          issuerId: actor.userId,
          issuedOn: today,
          ...source,
          bureauId: bureauId as string,
        },
        tx,
      );
      await this.orders.appendEvents(
        order.id,
        actor.userId,
        [
          {
            action: OrderAction.Issue,
            from: null,
            to: OrderStatus.Issued,
            businessDate: today,
            note: requirement,
            data: { dueDate: dto.dueDate },
          },
        ],
        tx,
      );
      await this.audit.record(
        actor,
        {
          action: 'supervision_order.issue',
          entity: 'supervision_order',
          entityId: order.id,
          after: { ...orderStateOf(order), matter, version: 1 },
        },
        tx,
      );
      return order;
    });
    return this.detailOf(created);
  }

  private async sourceOf(actor: Actor, dto: CreateSupervisionOrderDto): Promise<OrderSource> {
    const source: OrderSource = { bureauId: null, projectId: null, leadId: null, alertId: null, alertMessage: null };
    const agree = (bureauId: string, field: string) => {
      if (source.bureauId && source.bureauId !== bureauId) {
        throw new SupervisionException(Code.SourceBureauMismatch, '关联的项目、线索或预警不属于同一招商局', [
          { field },
        ]);
      }
      source.bureauId = bureauId;
    };
    if (dto.alertId) {
      const alert = await this.alerts.find(dto.alertId);
      if (!alert) throw invalid('alertId', '预警不存在或已消除（预警每日重新计算）');
      source.alertId = alert.id;
      source.alertMessage = alert.message.slice(0, 300);
      source.bureauId = alert.bureauId;
      if (alert.entity === 'project') source.projectId = alert.entityId;
      if (alert.entity === 'lead') source.leadId = alert.entityId;
    }
    if (dto.projectId && dto.projectId !== source.projectId) {
      const project = await this.projects.find(actor, dto.projectId);
      if (!project) throw invalid('projectId', '关联项目不存在');
      agree(project.bureauId, 'projectId');
      source.projectId = project.id;
    }
    if (dto.leadId && dto.leadId !== source.leadId) {
      const lead = await this.leads.find(actor, dto.leadId).catch(() => null);
      if (!lead) throw invalid('leadId', '关联线索不存在');
      agree(lead.bureauId, 'leadId');
      source.leadId = lead.id;
    }
    return source;
  }

  async list(actor: Actor, query: SupervisionOrderQueryDto): Promise<Page<SupervisionOrderDto>> {
    const bureauId = await listBureau(this.bureaus, bureauScopeOf(actor), query.bureau);
    if (bureauId === undefined) return pageOf([], 0, query);
    const today = this.clock.today();
    const [rows, total] = await this.orders.list(
      { bureauId, projectId: query.projectId, status: query.status, overdue: query.overdue, today },
      query.skip,
      query.pageSize,
    );
    return pageOf(
      rows.map((row) => toOrderDto(row, today)),
      total,
      query,
    );
  }

  /**
   * The open orders tied to each of these projects (a 包保 leader's page lists them beside the project's nodes and
   * alerts), as the actor may see them: a bureau user sees only its own bureau's.
   */
  async openOfProjects(actor: Actor, projectIds: string[]): Promise<Map<string, SupervisionOrderDto[]>> {
    const scope = bureauScopeOf(actor);
    const today = this.clock.today();
    const rows = (await this.orders.openOfProjects(projectIds)).filter((row) => !scope || row.bureauId === scope);
    const byProject = new Map<string, SupervisionOrderDto[]>(projectIds.map((id) => [id, []]));
    for (const row of rows) {
      byProject.get(row.projectId as string)?.push(toOrderDto(row, today));
    }
    return byProject;
  }

  async get(actor: Actor, id: string): Promise<SupervisionOrderDetailDto> {
    const order = await this.orders.findById(id, bureauScopeOf(actor));
    if (!order) throw new NotFoundException('督办单');
    return this.detailOf(order);
  }

  assign(actor: Actor, id: string, dto: AssignOrderDto): Promise<SupervisionOrderDetailDto> {
    return this.act(
      actor,
      id,
      dto.expectedVersion,
      { action: OrderAction.Assign, handlerId: dto.handlerId, note: dto.note },
      async (order, tx) => {
        const handler = await this.users.findById(dto.handlerId, order.bureauId, tx);
        const bureauRole = handler?.role === Role.Staff || handler?.role === Role.BureauHead;
        if (!handler || !handler.active || !bureauRole) {
          throw new SupervisionException(Code.InvalidHandler, '承办人须为承办招商局的在职工作人员或局长', [
            { field: 'handlerId' },
          ]);
        }
      },
    );
  }

  reply(actor: Actor, id: string, dto: OrderReplyDto): Promise<SupervisionOrderDetailDto> {
    return this.act(actor, id, dto.expectedVersion, { action: OrderAction.Reply, note: dto.note, final: dto.final });
  }

  /** The bureau asks for an extension (`reason`, `dueDate`), or the issuer decides on one (`decision`). */
  extension(actor: Actor, id: string, dto: OrderExtensionDto): Promise<SupervisionOrderDetailDto> {
    if (dto.decision !== undefined && (dto.reason !== undefined || dto.dueDate !== undefined)) {
      const message = '申请延期提交 reason 和 dueDate，审批提交 decision，二者不能同时提交';
      throw new ValidationException(message, [{ field: 'decision', problems: [message] }]);
    }
    const command: OrderCommand =
      dto.decision === undefined
        ? { action: OrderAction.RequestExtension, reason: dto.reason as string, dueDate: dto.dueDate as string }
        : dto.decision === ExtensionDecision.Grant
          ? { action: OrderAction.GrantExtension, note: dto.note }
          : { action: OrderAction.RefuseExtension, note: dto.note };
    return this.act(actor, id, dto.expectedVersion, command);
  }

  close(actor: Actor, id: string, dto: CloseOrderDto): Promise<SupervisionOrderDetailDto> {
    return this.act(actor, id, dto.expectedVersion, { action: OrderAction.Close, note: dto.note });
  }

  return(actor: Actor, id: string, dto: ReturnOrderDto): Promise<SupervisionOrderDetailDto> {
    return this.act(actor, id, dto.expectedVersion, { action: OrderAction.Return, reason: dto.reason });
  }

  /**
   * One action under the rules of the order machine, against the version the client read: the order's row,
   * its event and the audit row in one transaction.
   */
  private async act(
    actor: Actor,
    id: string,
    expectedVersion: number,
    command: OrderCommand,
    check?: (order: SupervisionOrderEntity, tx: Transaction) => Promise<void>,
  ): Promise<SupervisionOrderDetailDto> {
    const who: OrderActor = { userId: actor.userId, role: actor.role, bureauId: actor.bureauId };
    const updated = await this.transactions.run(async (tx) => {
      const order = await this.orders.findById(id, bureauScopeOf(actor), tx);
      if (!order) throw new NotFoundException('督办单');
      if (order.version !== expectedVersion) throw staleOrderVersion();
      const plan = planOrderAction(orderStateOf(order), command, who, this.clock.today());
      await check?.(order, tx);
      return this.apply(actor, order, plan, tx);
    });
    return this.detailOf(updated);
  }

  /** Writes a plan: the versioned update, the event, the audit row. `actor` null is the system's escalation. */
  async apply(
    actor: Actor | null,
    order: SupervisionOrderEntity,
    plan: OrderPlan,
    tx: Transaction,
    extra: { escalatedToId?: string } = {},
  ): Promise<SupervisionOrderEntity> {
    const { state, step } = plan;
    const patch = {
      status: state.status,
      handlerId: state.handlerId,
      dueDate: state.dueDate,
      extensionRequested: state.extensionRequested,
      requestedDueDate: state.requestedDueDate,
      closedOn: state.closedOn,
      escalatedOn: state.escalatedOn,
      ...extra,
    };
    if (!(await this.orders.updateVersioned(order.id, order.version, patch, tx))) throw staleOrderVersion();
    await this.orders.appendEvents(order.id, actor?.userId ?? null, [step], tx);
    // 逾期办结 counts in the bureau's figures on the day it was closed
    if (step.action === OrderAction.Close && state.closedOn !== null && state.closedOn > state.dueDate) {
      await this.stats.record(tx, order.bureauId, state.closedOn, { ordersClosedLate: 1 });
    }
    await this.audit.record(
      actor ?? { username: 'system' },
      {
        action: `supervision_order.${step.action}`,
        entity: 'supervision_order',
        entityId: order.id,
        before: { version: order.version, ...orderStateOf(order) },
        after: { version: order.version + 1, ...state, step: { ...step } },
      },
      tx,
    );
    return (await this.orders.findById(order.id, null, tx)) as SupervisionOrderEntity;
  }

  private async detailOf(order: SupervisionOrderEntity): Promise<SupervisionOrderDetailDto> {
    const events = await this.orders.eventsOf(order.id);
    return {
      ...toOrderDto(order, this.clock.today()),
      events: events.map(toOrderEventDto),
    };
  }
}
