import { Injectable } from '@nestjs/common';
import { WriteBatch } from './write-batch';
import { DataSource, EntityManager } from 'typeorm';

/** A unit of work: repositories called with it run inside one database transaction. */
export type Transaction = EntityManager;

/** Opens transactions for services, which never see TypeORM itself. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Collects independent writes and sends them as one statement (see WriteBatch): one round trip and one
   * commit for the hot paths, such as logging a visit, where BEGIN and a round trip per write would dominate.
   * Returns the rows of the batch's query, if it has one.
   */
  async batch<Row = unknown>(collect: (batch: WriteBatch) => Promise<void> | void): Promise<Row[]> {
    const batch = new WriteBatch();
    await collect(batch);
    return batch.run<Row>(this.dataSource);
  }

  /** Serializable, for the few checks that must see a consistent district-wide picture. */
  runSerializable<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('SERIALIZABLE', work);
  }
}

/**
 * Serialises a critical section across every process for the rest of the transaction. Taken inside the
 * transaction's own session, so it also works on the embedded database, whose connections share one session.
 */
export async function lockForTransaction(tx: Transaction, key: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [key]);
}
