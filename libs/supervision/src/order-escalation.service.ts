import {
  addDays,
  AppConfig,
  AuditService,
  BureauStatsRecorder,
  BusinessClock,
  daysBetween,
  TransactionRunner,
} from '@app/core';
import { BureauRepository, UserDirectory } from '@app/identity';
import { Injectable, Logger } from '@nestjs/common';
import { OrderAction } from './order-status';
import { planOrderAction } from './order-machine';
import { orderStateOf } from './supervision.mapper';
import { SupervisionOrderRepository } from './supervision-order.repository';
import { SupervisionOrderService } from './supervision-order.service';

export interface EscalationRun {
  escalated: number;
  /** Orders due for escalation whose bureau has no active 分管领导: left for a later run. */
  withoutLeader: number;
}

/**
 * The daily escalation: an open order overdue by SUPERVISION_ESCALATE_DAYS or more is escalated to its bureau's
 * 分管领导, recorded once as an order event. Exactly once however many workers run it: each order is escalated
 * in its own transaction against the version read (a second writer finds it moved), the machine refuses an order
 * already escalated, and a unique index allows one escalation event per order.
 */
@Injectable()
export class OrderEscalationService {
  private readonly logger = new Logger('Supervision');

  constructor(
    private readonly orders: SupervisionOrderRepository,
    private readonly service: SupervisionOrderService,
    private readonly bureaus: BureauRepository,
    private readonly users: UserDirectory,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    private readonly clock: BusinessClock,
    private readonly stats: BureauStatsRecorder,
    private readonly audit: AuditService,
  ) {}

  /**
   * Counts the orders that came to stand overdue by `today` in their bureau's figures (督办逾期), once each, on
   * the first day they stood overdue; the note, the figures and the audit rows in one transaction.
   */
  async markOverdue(today = this.clock.today()): Promise<number> {
    return this.transactions.run(async (tx) => {
      const marked = await this.orders.markOverdue(today, tx);
      if (marked.length === 0) return 0;
      await this.stats.recordAll(
        tx,
        marked.map((order) => ({ bureauId: order.bureauId, day: order.overdueOn, delta: { ordersOverdue: 1 } })),
      );
      for (const order of marked) {
        await this.audit.record(
          { username: 'system' },
          {
            action: 'supervision_order.overdue',
            entity: 'supervision_order',
            entityId: order.id,
            after: { overdueOn: order.overdueOn },
          },
          tx,
        );
      }
      return marked.length;
    });
  }

  async escalate(today = this.clock.today()): Promise<EscalationRun> {
    const days = this.config.SUPERVISION_ESCALATE_DAYS;
    const due = await this.orders.toEscalate(addDays(today, -days));
    const leaders = new Map<string, string | null>();
    const run: EscalationRun = { escalated: 0, withoutLeader: 0 };
    for (const candidate of due) {
      if (!leaders.has(candidate.bureauId)) leaders.set(candidate.bureauId, await this.leaderOf(candidate.bureauId));
      const leaderId = leaders.get(candidate.bureauId) ?? null;
      if (!leaderId) {
        run.withoutLeader += 1;
        continue;
      }
      const done = await this.transactions
        .run(async (tx) => {
          const order = await this.orders.findById(candidate.id, null, tx);
          if (!order || order.version !== candidate.version || order.escalatedOn !== null) return false;
          const overdueDays = daysBetween(order.dueDate, today);
          const plan = planOrderAction(
            orderStateOf(order),
            { action: OrderAction.Escalate, leaderId, overdueDays },
            null,
            today,
          );
          await this.service.apply(null, order, plan, tx, { escalatedToId: leaderId });
          return true;
        })
        .catch((error: unknown) => {
          // another worker escalated it first: its version moved or the unique escalation event exists
          this.logger.warn(`Order ${candidate.id} not escalated here: ${(error as Error).message}`);
          return false;
        });
      if (done) run.escalated += 1;
    }
    if (run.withoutLeader > 0) this.logger.warn(`${run.withoutLeader} overdue orders wait for a bureau's 分管领导`);
    return run;
  }

  private async leaderOf(bureauId: string): Promise<string | null> {
    const bureau = await this.bureaus.findById(bureauId);
    if (!bureau?.leaderId) return null;
    const [leader] = await this.users.activeLeaders([bureau.leaderId]);
    return leader?.id ?? null;
  }
}
