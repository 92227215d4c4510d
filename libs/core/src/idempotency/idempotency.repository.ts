import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';

export type IdempotencyRequest = Pick<
  IdempotencyRecordEntity,
  'key' | 'userId' | 'method' | 'path' | 'bodyHash' | 'requestId'
>;

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims the key for this request. Returns the new record's id, or null when the user already used the key;
   * the unique (user_id, key) constraint decides between two requests that arrive together.
   */
  async claim(request: IdempotencyRequest): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO idempotency_record (key, user_id, method, path, body_hash, request_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, key) DO NOTHING
       RETURNING id`,
      [request.key, request.userId, request.method, request.path, request.bodyHash, request.requestId],
    );
    return rows[0]?.id ?? null;
  }

  find(userId: string, key: string): Promise<IdempotencyRecordEntity | null> {
    return this.dataSource.getRepository(IdempotencyRecordEntity).findOne({ where: { userId, key } });
  }

  async complete(id: string, status: number, response: unknown, location: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_record SET status = $2, response = $3::jsonb, location = $4 WHERE id = $1`,
      [id, status, JSON.stringify(response ?? null), location],
    );
  }

  /** Frees the key after a failed request, so that the client may try again with it. */
  async release(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_record WHERE id = $1 AND status IS NULL`, [id]);
  }

  async deleteOlderThan(cutoff: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_record WHERE created_at < $1`, [cutoff]);
  }

  /** Takes over a claim whose request never finished (its process died), if it is still unfinished. */
  async takeOverStale(id: string, olderThan: Date, request: IdempotencyRequest): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE idempotency_record SET created_at = now(), method = $3, path = $4, body_hash = $5, request_id = $6
        WHERE id = $1 AND status IS NULL AND created_at < $2
        RETURNING id`,
      [id, olderThan, request.method, request.path, request.bodyHash, request.requestId],
    );
    return flatten(rows).length > 0;
  }
}

/** node-postgres returns [rows, count] for UPDATE … RETURNING through TypeORM. */
function flatten(rows: unknown[]): unknown[] {
  return Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
}
