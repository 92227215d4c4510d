import { insertChunked, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AlertCandidate } from './alert-rules';
import { AlertRunEntity } from './entities/alert-run.entity';
import { AlertEntity, AlertKind, AlertLevel } from './entities/alert.entity';

export interface AlertFilter {
  bureauId?: string | null;
  level?: AlertLevel;
  kind?: AlertKind;
}

/** The stored result of the newest daily 督查 computation. */
@Injectable()
export class AlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Replaces the stored alerts with a new computation, in one transaction. */
  async replace(computedOn: string, alerts: AlertCandidate[], tx: Transaction): Promise<void> {
    await tx.query('DELETE FROM alert');
    await tx.getRepository(AlertRunEntity).save({ id: 1, computedOn, computedAt: new Date() });
    await insertChunked(
      tx,
      AlertEntity,
      alerts.map((alert) => ({ ...alert, computedOn })),
      1000,
    );
  }

  async list(filter: AlertFilter, skip: number, take: number): Promise<[AlertEntity[], number]> {
    const query = this.dataSource.getRepository(AlertEntity).createQueryBuilder('a');
    if (filter.bureauId) query.andWhere('a.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.level) query.andWhere('a.level = :level', { level: filter.level });
    if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
    return query
      .orderBy("CASE a.level WHEN 'red' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy('a.overdue', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
  }

  /** The stored lights on these projects, red first, longest overdue first. */
  forProjects(projectIds: string[]): Promise<AlertEntity[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .where("a.entity = 'project' AND a.entityId IN (:...projectIds)", { projectIds })
      .orderBy("CASE a.level WHEN 'red' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy('a.overdue', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  findById(id: string): Promise<AlertEntity | null> {
    return this.dataSource.getRepository(AlertEntity).findOne({ where: { id } });
  }

  all(): Promise<AlertEntity[]> {
    return this.dataSource
      .getRepository(AlertEntity)
      .find({ order: { bureauId: 'ASC', level: 'ASC', overdue: 'DESC' } });
  }

  async lastRun(): Promise<AlertRunEntity | null> {
    return this.dataSource.getRepository(AlertRunEntity).findOne({ where: { id: 1 } });
  }
}
