import { Transaction } from '@app/core';
import { BureauRefView, UserRefView } from '@app/identity';
import { InvestorRefView } from '@app/investors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ServiceRequestEntity } from './entities/service-request.entity';
import { RequestKind, RequestStatus } from './request-kind';

export interface ServiceRequestFilter {
  bureauId?: string | null;
  status?: RequestStatus;
  kind?: RequestKind;
  /** With `today`: only open requests past their due date (true), or all others (false). */
  overdue?: boolean;
  today: string;
}

export type NewServiceRequest = Pick<
  ServiceRequestEntity,
  | 'investorId'
  | 'bureauId'
  | 'receivedById'
  | 'kind'
  | 'channel'
  | 'visitId'
  | 'content'
  | 'receivedOn'
  | 'dueOn'
  | 'status'
  | 'lastEventOn'
>;

export type ServiceRequestPatch = Partial<
  Pick<
    ServiceRequestEntity,
    'status' | 'departmentId' | 'lastEventOn' | 'resolvedOn' | 'resolution' | 'closedOn' | 'satisfaction'
  >
>;

/** An open request past its due date at the end of a day, for the 督查 alerts. */
export interface OverdueRequest {
  requestId: string;
  bureauId: string;
  investorName: string;
  kind: RequestKind;
  dueOn: string;
}

/** One bureau's request figures over a period: counted by the dates the records carry. */
export interface RequestFigureRow {
  bureauId: string;
  received: number;
  closed: number;
  closedOnTime: number;
  satisfied: number;
}

const OPEN = `('received', 'routed')`;

@Injectable()
export class ServiceRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(tx?: Transaction): SelectQueryBuilder<ServiceRequestEntity> {
    return this.manager(tx)
      .getRepository(ServiceRequestEntity)
      .createQueryBuilder('r')
      .innerJoinAndMapOne('r.investor', InvestorRefView, 'i', 'i.id = r.investorId')
      .innerJoinAndMapOne('r.bureau', BureauRefView, 'b', 'b.id = r.bureauId')
      .innerJoinAndMapOne('r.receivedBy', UserRefView, 'u', 'u.id = r.receivedById')
      .leftJoinAndSelect('r.department', 'd');
  }

  /** `bureauScope` limits the lookup to one bureau: another bureau's request is simply not found. */
  findById(id: string, bureauScope: string | null, tx?: Transaction): Promise<ServiceRequestEntity | null> {
    const query = this.select(tx).where('r.id = :id', { id });
    if (bureauScope) query.andWhere('r.bureauId = :scope', { scope: bureauScope });
    return query.getOne();
  }

  /** The newest received first. */
  async list(filter: ServiceRequestFilter, skip: number, take: number): Promise<[ServiceRequestEntity[], number]> {
    const query = this.select();
    if (filter.bureauId) query.andWhere('r.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.overdue !== undefined) {
      const overdue = `(r.status IN ${OPEN} AND r.dueOn < :today)`;
      query.andWhere(filter.overdue ? overdue : `NOT ${overdue}`, { today: filter.today });
    }
    return query
      .orderBy('r.receivedOn', 'DESC')
      .addOrderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
  }

  async insert(request: NewServiceRequest, tx: Transaction): Promise<string> {
    const repository = tx.getRepository(ServiceRequestEntity);
    const saved = await repository.save(repository.create({ ...request, version: 1 }));
    return saved.id;
  }

  /** Applies the patch only if the request is still at `expectedVersion`; false when someone changed it first. */
  async updateVersioned(
    id: string,
    expectedVersion: number,
    patch: ServiceRequestPatch,
    tx: Transaction,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(ServiceRequestEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /**
   * The requests open at the end of `day` and past their due date: received by then, not resolved by then
   * (a resolution dated later does not count yet).
   */
  async overdueAt(day: string): Promise<OverdueRequest[]> {
    const rows: { id: string; bureau_id: string; investor_name: string; kind: RequestKind; due_on: string }[] =
      await this.dataSource.query(
        `SELECT r.id, r.bureau_id, i.name AS investor_name, r.kind, r.due_on::text AS due_on
           FROM service_request r
           JOIN investors_investor_refs i ON i.id = r.investor_id
          WHERE r.received_on <= $1::date AND r.due_on < $1::date
            AND (r.resolved_on IS NULL OR r.resolved_on > $1::date)
          ORDER BY r.due_on, r.id`,
        [day],
      );
    return rows.map((row) => ({
      requestId: row.id,
      bureauId: row.bureau_id,
      investorName: row.investor_name,
      kind: row.kind,
      dueOn: row.due_on,
    }));
  }

  /**
   * Per bureau over [from, to): requests received; requests closed by their 回访, of which resolved by their due
   * date and of which 满意 or 基本满意. Bureaus without any are left out.
   */
  async figures(from: string, to: string): Promise<RequestFigureRow[]> {
    const rows: { bureau_id: string; received: number; closed: number; on_time: number; satisfied: number }[] =
      await this.dataSource.query(
        `SELECT bureau_id,
                count(*) FILTER (WHERE received_on >= $1::date AND received_on < $2::date)::int AS received,
                count(*) FILTER (WHERE closed_on >= $1::date AND closed_on < $2::date)::int AS closed,
                count(*) FILTER (WHERE closed_on >= $1::date AND closed_on < $2::date
                                   AND resolved_on <= due_on)::int AS on_time,
                count(*) FILTER (WHERE closed_on >= $1::date AND closed_on < $2::date
                                   AND satisfaction IN ('satisfied', 'basically_satisfied'))::int AS satisfied
           FROM service_request
          WHERE (received_on >= $1::date AND received_on < $2::date) OR (closed_on >= $1::date AND closed_on < $2::date)
          GROUP BY bureau_id`,
        [from, to],
      );
    return rows.map((row) => ({
      bureauId: row.bureau_id,
      received: row.received,
      closed: row.closed,
      closedOnTime: row.on_time,
      satisfied: row.satisfied,
    }));
  }

  /** Gives a request of a loaded history (the demo) the creation time of its day. */
  async backdateCreation(id: string, at: Date, tx?: Transaction): Promise<void> {
    await this.manager(tx).getRepository(ServiceRequestEntity).update({ id }, { createdAt: at });
  }
}
