import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import { TimeoutError, withinTime } from '../time/within-time';

/** How long a read waits for a replica connection before it runs on the primary instead. */
export const REPLICA_CONNECT_TIMEOUT_MS = 3000;

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
    const connected = runner.connect();
    try {
      await withinTime(connected, REPLICA_CONNECT_TIMEOUT_MS, 'a replica connection');
    } catch (error) {
      // a late connection goes back to the pool whenever it comes
      if (error instanceof TimeoutError) connected.then(() => runner.release()).catch(() => undefined);
      else await runner.release();
      return this.onPrimary(work, error);
    }
    try {
      return await work(runner.manager);
    } catch (error) {
      if (!replicaGone(error)) throw error;
      return this.onPrimary(work, error);
    } finally {
      await runner.release();
    }
  }

  private onPrimary<T>(work: (reader: Reader) => Promise<T>, cause: unknown): Promise<T> {
    this.logger.warn(`Replica unavailable, read served by the primary: ${(cause as Error).message}`);
    return work(this.dataSource.manager);
  }
}

/** The replica refused, dropped or timed out the connection, or cancelled the query for a recovery conflict. */
function replicaGone(error: unknown): boolean {
  const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
  return isDatabaseUnavailable(error) || (driverError?.code ?? code) === RECOVERY_CONFLICT;
}

/** serialization_failure: what a hot standby answers when replay needs the rows a query reads. */
const RECOVERY_CONFLICT = '40001';
