import { Transaction } from '@app/core';
import { UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProjectFundEntity } from './entities/project-fund.entity';

export type FundRecord = Pick<ProjectFundEntity, 'projectId' | 'month' | 'amount' | 'note' | 'recordedById'>;

@Injectable()
export class ProjectFundRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listOfProject(projectId: string): Promise<ProjectFundEntity[]> {
    return this.dataSource
      .getRepository(ProjectFundEntity)
      .createQueryBuilder('f')
      .innerJoinAndMapOne('f.recordedBy', UserRefView, 'u', 'u.id = f.recordedById')
      .where('f.projectId = :projectId', { projectId })
      .orderBy('f.month', 'ASC')
      .getMany();
  }

  /** The exact sum in 万元, added up by the database. */
  async totalOfProject(projectId: string): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT COALESCE(sum(amount), 0)::numeric(16, 2)::text AS total FROM project_fund WHERE project_id = $1`,
      [projectId],
    )) as { total: string }[];
    return row.total;
  }

  /** The month's row, locked until the transaction ends. */
  findMonthForUpdate(projectId: string, month: string, tx: Transaction): Promise<ProjectFundEntity | null> {
    return tx
      .getRepository(ProjectFundEntity)
      .createQueryBuilder('f')
      .where('f.projectId = :projectId AND f.month = :month', { projectId, month })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** One row per project and month: a second record for the month replaces the first. */
  async upsert(record: FundRecord, tx: Transaction): Promise<ProjectFundEntity> {
    await tx.query(
      `INSERT INTO project_fund (project_id, month, amount, note, recorded_by_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (project_id, month)
       DO UPDATE SET amount = EXCLUDED.amount, note = EXCLUDED.note, recorded_by_id = EXCLUDED.recorded_by_id,
                     updated_at = now()`,
      [record.projectId, record.month, record.amount, record.note, record.recordedById],
    );
    return (await tx
      .getRepository(ProjectFundEntity)
      .createQueryBuilder('f')
      .innerJoinAndMapOne('f.recordedBy', UserRefView, 'u', 'u.id = f.recordedById')
      .where('f.projectId = :projectId AND f.month = :month', { projectId: record.projectId, month: record.month })
      .getOne()) as ProjectFundEntity;
  }
}
