import { Injectable } from '@nestjs/common';
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

  /** Serializable, for the few checks that must see a consistent district-wide picture. */
  runSerializable<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('SERIALIZABLE', work);
  }
}
