import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ImportMode, ImportReportDto } from '../dto/lead-import.dto';
import { LeadImportJobEntity } from '../entities/lead-import-job.entity';

export interface NewImportJob {
  bureauId: string;
  createdById: string;
  mode: ImportMode;
  totalRows: number;
}

/**
 * The background import jobs. Every change of a job's state is conditional on the state it leaves, so a job that
 * was given up as abandoned cannot be completed afterwards, and a completed one cannot be given up.
 */
@Injectable()
export class LeadImportJobRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async insert(job: NewImportJob): Promise<LeadImportJobEntity> {
    const repository = this.dataSource.getRepository(LeadImportJobEntity);
    return repository.save(repository.create({ ...job, status: 'queued', processedRows: 0 }));
  }

  /** The job, if the reader's bureau owns it or the reader uploaded it; `bureauScope` null reads any. */
  findVisible(id: string, bureauScope: string | null, userId: string): Promise<LeadImportJobEntity | null> {
    const query = this.dataSource
      .getRepository(LeadImportJobEntity)
      .createQueryBuilder('j')
      .where('j.id = :id', { id });
    if (bureauScope !== null) {
      query.andWhere('(j.bureauId = :bureauScope OR j.createdById = :userId)', { bureauScope, userId });
    }
    return query.getOne();
  }

  async markRunning(id: string): Promise<boolean> {
    return this.change(`status = 'running'`, `status = 'queued'`, [id]);
  }

  /** Records progress and that the job is alive; false when the job is no longer running. */
  async progress(id: string, processedRows: number): Promise<boolean> {
    return this.change(`processed_rows = $2`, `status = 'running'`, [id, processedRows]);
  }

  /**
   * Locks the running job's row until the transaction ends, so that a reader does not give it up as abandoned
   * while a long write is under way; false when the job is no longer running.
   */
  async hold(id: string, tx: Transaction): Promise<boolean> {
    return this.change(`processed_rows = processed_rows`, `status = 'running'`, [id], tx);
  }

  async complete(id: string, report: ImportReportDto, tx?: Transaction): Promise<boolean> {
    return this.change(
      `status = 'done', processed_rows = total_rows, report = $2::jsonb, finished_at = now()`,
      `status = 'running'`,
      [id, JSON.stringify(report)],
      tx,
    );
  }

  async fail(id: string, error: string): Promise<boolean> {
    return this.change(`status = 'failed', error = $2, finished_at = now()`, `status IN ('queued', 'running')`, [
      id,
      error.slice(0, 500),
    ]);
  }

  /**
   * Fails the job if it has shown no sign of life for `staleSeconds` — its process is gone. A row locked by a
   * live write is skipped: that job is busy, not abandoned.
   */
  async failIfStale(id: string, staleSeconds: number, error: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE lead_import_job
          SET status = 'failed', error = $3, finished_at = now(), updated_at = now()
        WHERE id IN (SELECT id FROM lead_import_job
                      WHERE id = $1 AND status IN ('queued', 'running')
                        AND updated_at < now() - make_interval(secs => $2)
                        FOR UPDATE SKIP LOCKED)`,
      [id, staleSeconds, error.slice(0, 500)],
    );
    return affected > 0;
  }

  /** Deletes finished jobs created before `before` (their reports can be large). */
  async purgeFinishedBefore(before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM lead_import_job WHERE created_at < $1 AND status IN ('done', 'failed')`, [
      before,
    ]);
  }

  private async change(set: string, when: string, params: unknown[], tx?: Transaction): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.manager(tx).query(
      `UPDATE lead_import_job SET ${set}, updated_at = now() WHERE id = $1 AND ${when}`,
      params,
    );
    return affected > 0;
  }
}
