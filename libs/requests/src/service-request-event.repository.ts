import { Transaction } from '@app/core';
import { UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServiceRequestEventEntity } from './entities/service-request-event.entity';
import { RequestEventType, Satisfaction } from './request-kind';

export interface NewRequestEvent {
  type: RequestEventType;
  businessDate: string;
  actorId: string;
  note: string | null;
  departmentId?: string | null;
  satisfaction?: Satisfaction | null;
}

@Injectable()
export class ServiceRequestEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an event after the request's last one; call after the versioned update has locked the request row. */
  async append(requestId: string, event: NewRequestEvent, tx: Transaction): Promise<void> {
    const [{ last }] = (await tx.query(
      `SELECT COALESCE(max(seq), 0)::int AS last FROM service_request_event WHERE request_id = $1`,
      [requestId],
    )) as { last: number }[];
    const repository = tx.getRepository(ServiceRequestEventEntity);
    await repository.save(
      repository.create({
        requestId,
        seq: last + 1,
        type: event.type,
        businessDate: event.businessDate,
        actorId: event.actorId,
        note: event.note,
        departmentId: event.departmentId ?? null,
        satisfaction: event.satisfaction ?? null,
      }),
    );
  }

  /** The request's events in recorded order, with who made them and the department named. */
  listOfRequest(requestId: string, tx?: Transaction): Promise<ServiceRequestEventEntity[]> {
    return (tx ?? this.dataSource.manager)
      .getRepository(ServiceRequestEventEntity)
      .createQueryBuilder('e')
      .innerJoinAndMapOne('e.actor', UserRefView, 'u', 'u.id = e.actorId')
      .leftJoinAndSelect('e.department', 'd')
      .where('e.requestId = :requestId', { requestId })
      .orderBy('e.seq', 'ASC')
      .getMany();
  }
}
