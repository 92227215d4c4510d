import { Transaction } from '@app/core';
import { BureauRefView, UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { SupervisionOrderEventEntity } from './entities/supervision-order-event.entity';
import { SupervisionOrderEntity } from './entities/supervision-order.entity';
import { OrderStep } from './order-machine';
import { OPEN_STATUSES, OrderStatus } from './order-status';

export interface OrderFilter {
  bureauId?: string | null;
  projectId?: string;
  status?: OrderStatus;
  /** Overdue (or not) on `today`. */
  overdue?: boolean;
  today: string;
}

export type NewOrder = Pick<
  SupervisionOrderEntity,
  | 'matter'
  | 'requirement'
  | 'dueDate'
  | 'bureauId'
  | 'projectId'
  | 'leadId'
  | 'alertId'
  | 'alertMessage'
  | 'issuerId'
  | 'issuedOn'
>;

export type OrderPatch = Partial<
  Pick<
    SupervisionOrderEntity,
    | 'status'
    | 'handlerId'
    | 'dueDate'
    | 'extensionRequested'
    | 'requestedDueDate'
    | 'closedOn'
    | 'escalatedOn'
    | 'escalatedToId'
  >
>;

/** Per bureau: open orders, those overdue on a day, and those closed after their due date in a range. */
export interface BureauOrderCounts {
  bureauId: string;
  open: number;
  overdue: number;
  closedLate: number;
}

@Injectable()
export class SupervisionOrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(tx?: Transaction): SelectQueryBuilder<SupervisionOrderEntity> {
    return this.manager(tx)
      .getRepository(SupervisionOrderEntity)
      .createQueryBuilder('o')
      .innerJoinAndMapOne('o.bureau', BureauRefView, 'b', 'b.id = o.bureauId')
      .innerJoinAndMapOne('o.issuer', UserRefView, 'iu', 'iu.id = o.issuerId')
      .leftJoinAndMapOne('o.handler', UserRefView, 'hu', 'hu.id = o.handlerId')
      .leftJoinAndMapOne('o.escalatedTo', UserRefView, 'eu', 'eu.id = o.escalatedToId');
  }

  /** `bureauScope` limits the lookup to one bureau: another bureau's order is simply not found. */
  findById(id: string, bureauScope: string | null, tx?: Transaction): Promise<SupervisionOrderEntity | null> {
    const query = this.select(tx).where('o.id = :id', { id });
    if (bureauScope) query.andWhere('o.bureauId = :scope', { scope: bureauScope });
    return query.getOne();
  }

  async list(filter: OrderFilter, skip: number, take: number): Promise<[SupervisionOrderEntity[], number]> {
    const query = this.select();
    if (filter.bureauId) query.andWhere('o.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.projectId) query.andWhere('o.projectId = :projectId', { projectId: filter.projectId });
    if (filter.overdue === true) {
      query.andWhere(`o.status <> 'closed' AND o.dueDate < :today`, { today: filter.today });
    } else if (filter.overdue === false) {
      query.andWhere(`(o.status = 'closed' OR o.dueDate >= :today)`, { today: filter.today });
    }
    const [items, total] = await Promise.all([
      query
        .clone()
        .addSelect(`CASE WHEN o.status = 'closed' THEN 1 ELSE 0 END`, 'closed_last')
        .orderBy('closed_last', 'ASC')
        .addOrderBy('o.dueDate', 'ASC')
        .addOrderBy('o.id', 'ASC')
        .offset(skip)
        .limit(take)
        .getMany(),
      query.clone().getCount(),
    ]);
    return [items, total];
  }

  async insert(order: NewOrder, tx: Transaction): Promise<SupervisionOrderEntity> {
    const repository = tx.getRepository(SupervisionOrderEntity);
    const saved = await repository.save(
      repository.create({
        ...order,
        originalDueDate: order.dueDate,
        status: OrderStatus.Issued,
        version: 1,
      }),
    );
    return (await this.findById(saved.id, null, tx)) as SupervisionOrderEntity;
  }

  /** Applies a change only if the order is still at `expectedVersion`; false when it was stale. */
  async updateVersioned(id: string, expectedVersion: number, patch: OrderPatch, tx: Transaction): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(SupervisionOrderEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Appends events after the order's last one; call after the versioned update has locked the order's row. */
  async appendEvents(orderId: string, actorId: string | null, steps: readonly OrderStep[], tx: Transaction) {
    const [{ last }] = (await tx.query(
      `SELECT COALESCE(max(seq), 0)::int AS last FROM supervision_order_event WHERE order_id = $1`,
      [orderId],
    )) as { last: number }[];
    const repository = tx.getRepository(SupervisionOrderEventEntity);
    await repository.save(
      steps.map((step, index) =>
        repository.create({
          orderId,
          seq: last + index + 1,
          action: step.action,
          fromStatus: step.from,
          toStatus: step.to,
          businessDate: step.businessDate,
          actorId,
          note: step.note,
          data: step.data,
        }),
      ),
    );
  }

  /** The order's events in recorded order, with who made them. */
  eventsOf(orderId: string, tx?: Transaction): Promise<SupervisionOrderEventEntity[]> {
    return this.manager(tx)
      .getRepository(SupervisionOrderEventEntity)
      .createQueryBuilder('e')
      .leftJoinAndMapOne('e.actor', UserRefView, 'u', 'u.id = e.actorId')
      .where('e.orderId = :orderId', { orderId })
      .orderBy('e.seq', 'ASC')
      .getMany();
  }

  /** The open orders tied to these projects, earliest due first. */
  openOfProjects(projectIds: string[]): Promise<SupervisionOrderEntity[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.select()
      .where('o.projectId IN (:...projectIds)', { projectIds })
      .andWhere('o.status IN (:...open)', { open: OPEN_STATUSES })
      .orderBy('o.dueDate', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
  }

  /** The orders open at the end of `day` (issued by then, not closed by then) and past their due date. */
  overdue(day: string, tx?: Transaction): Promise<SupervisionOrderEntity[]> {
    return this.manager(tx)
      .getRepository(SupervisionOrderEntity)
      .createQueryBuilder('o')
      .where('o.issuedOn <= :day AND (o.closedOn IS NULL OR o.closedOn > :day)', { day })
      .andWhere('o.dueDate < :day', { day })
      .orderBy('o.dueDate', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
  }

  /** The open orders not yet escalated whose due date is on or before `cutoff` (today less the days allowed). */
  toEscalate(cutoff: string): Promise<SupervisionOrderEntity[]> {
    return this.dataSource
      .getRepository(SupervisionOrderEntity)
      .createQueryBuilder('o')
      .where('o.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere('o.escalatedOn IS NULL')
      .andWhere('o.dueDate <= :cutoff', { cutoff })
      .orderBy('o.dueDate', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
  }

  /**
   * Per bureau with any order: the orders open at the end of `asOf` (issued by then, not closed by then), those
   * of them due before `overdueFrom` (the day after `asOf`: past due at its end), and those closed between `from`
   * and `to` (inclusive) after their due date.
   */
  async countsByBureau(asOf: string, from: string, to: string, overdueFrom: string): Promise<BureauOrderCounts[]> {
    const rows = (await this.dataSource.query(
      `SELECT bureau_id,
              count(*) FILTER (WHERE issued_on <= $1 AND (closed_on IS NULL OR closed_on > $1))::int AS open,
              count(*) FILTER (WHERE issued_on <= $1 AND (closed_on IS NULL OR closed_on > $1)
                                 AND due_date < $4)::int AS overdue,
              count(*) FILTER (WHERE closed_on BETWEEN $2 AND $3 AND closed_on > due_date)::int AS closed_late
         FROM supervision_order GROUP BY bureau_id`,
      [asOf, from, to, overdueFrom],
    )) as { bureau_id: string; open: number; overdue: number; closed_late: number }[];
    return rows.map((row) => ({
      bureauId: row.bureau_id,
      open: row.open,
      overdue: row.overdue,
      closedLate: row.closed_late,
    }));
  }

  /**
   * Notes, once, the first day each order stood overdue: the day after its due date, for an order not closed by
   * then. Only rows not yet noted change (a concurrent run waits on the row and then finds it noted).
   */
  async markOverdue(today: string, tx: Transaction): Promise<{ id: string; bureauId: string; overdueOn: string }[]> {
    const [rows] = (await tx.query(
      `UPDATE supervision_order SET overdue_on = due_date + 1
        WHERE overdue_on IS NULL AND due_date < $1 AND (closed_on IS NULL OR closed_on > due_date)
        RETURNING id, bureau_id, overdue_on::text AS overdue_on`,
      [today],
    )) as [{ id: string; bureau_id: string; overdue_on: string }[], number];
    return rows.map((row) => ({ id: row.id, bureauId: row.bureau_id, overdueOn: row.overdue_on }));
  }

  /** The first day an order was issued, if any. */
  async earliestIssuedOn(): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT min(issued_on)::text AS day FROM supervision_order`)) as {
      day: string | null;
    }[];
    return row?.day ?? null;
  }
}
