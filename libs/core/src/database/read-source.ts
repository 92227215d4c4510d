import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Errors after which a read is run again on the primary: the replica refused or dropped the connection, or
 * cancelled the query because replay needed the rows it read (a recovery conflict).
 */
const REPLICA_GONE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '40001',
]);

/** What a repository reads with when its caller accepts lag: a replica connection, or the primary's. */
export type Reader = EntityManager;

/**
 * The reads that may lag the writes by the replication delay: lists, rankings, drilldowns, the funnel, the
 * report listing. With DATABASE_READ_URL set they run on the replica; without it, on the primary like every
 * other query. Everything else stays on the primary: a record read by id (the client reads it right after
 * creating it), the session check, idempotency, everything inside a transaction or a write.
 *
 * When the replica cannot serve a read (it is down, restarting, or cancelled the query), the read runs on the
 * primary instead: a replica outage costs load on the primary, never an error.
 */
@Injectable()
export class ReadSource {
  private readonly logger = new Logger('ReadSource');

  constructor(private readonly dataSource: DataSource) {}

  /** Whether a replica is configured. */
  get replicated(): boolean {
    return this.dataSource.driver.isReplicated;
  }

  /**
   * Runs `work` on one replica connection. The work must query only through the manager it is given (its
   * query builders, `query()` and `transaction()`, which open a read-only transaction on the replica).
   */
  async lagging<T>(work: (reader: Reader) => Promise<T>): Promise<T> {
    if (!this.replicated) return work(this.dataSource.manager);
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      await runner.connect();
      return await work(runner.manager);
    } catch (error) {
      if (!replicaGone(error)) throw error;
      this.logger.warn(`Replica unavailable, read served by the primary: ${(error as Error).message}`);
      return work(this.dataSource.manager);
    } finally {
      await runner.release();
    }
  }
}

function replicaGone(error: unknown): boolean {
  const cause = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = cause.driverError?.code ?? cause.code;
  if (code !== undefined && REPLICA_GONE.has(code)) return true;
  return /Connection terminated|connection timeout/i.test(cause.message ?? '');
}
