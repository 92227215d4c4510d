import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { lockForTransaction, Transaction } from '../database/database.service';
import { write, Writer } from '../database/write-batch';
import { AuditChainHeadEntity, AuditEntryEntity } from './entities/audit-entry.entity';

// any constant; only the sealing step takes it
const SEAL_LOCK = 745_118_003;

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export type NewAuditEntry = Omit<AuditEntryEntity, 'id' | 'sealSeq' | 'prevHash' | 'hash'>;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends an unsealed row, at once or as part of the caller's batch (audit rows are written on every write). */
  async insert(entry: NewAuditEntry, writer?: Writer): Promise<void> {
    await write(
      writer ?? this.dataSource.manager,
      `INSERT INTO audit_entry (at, actor_id, actor_name, action, entity, entity_id, before, after, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
      [
        entry.at,
        entry.actorId,
        entry.actorName,
        entry.action,
        entry.entity,
        entry.entityId,
        entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === null ? null : JSON.stringify(entry.after),
        entry.ip,
        entry.requestId,
      ],
    );
  }

  /** Appends many unsealed rows with one statement (a ledger import, a batch of visits), with the caller's writes. */
  async insertAll(entries: NewAuditEntry[], writer: Writer): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof NewAuditEntry>(key: K) => entries.map((entry) => entry[key]);
    const json = (key: 'before' | 'after') =>
      entries.map((entry) => (entry[key] === null ? null : JSON.stringify(entry[key])));
    await write(
      writer,
      `INSERT INTO audit_entry (at, actor_id, actor_name, action, entity, entity_id, before, after, ip, request_id)
       SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[],
                            $6::varchar[], $7::jsonb[], $8::jsonb[], $9::varchar[], $10::varchar[])`,
      [
        column('at'),
        column('actorId'),
        column('actorName'),
        column('action'),
        column('entity'),
        column('entityId'),
        json('before'),
        json('after'),
        column('ip'),
        column('requestId'),
      ],
    );
  }

  async list(filter: AuditFilter, skip: number, take: number): Promise<[AuditEntryEntity[], number]> {
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (filter.entity) query.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) query.andWhere('a.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorId) query.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.at < :to', { to: filter.to });
    return query.orderBy('a.id', 'DESC').skip(skip).take(take).getManyAndCount();
  }

  /** Serialises sealing across processes for the rest of the transaction. */
  async lockChain(tx: Transaction): Promise<void> {
    await lockForTransaction(tx, SEAL_LOCK);
  }

  async head(tx: EntityManager = this.dataSource.manager): Promise<AuditChainHeadEntity | null> {
    return tx.findOne(AuditChainHeadEntity, { where: {}, order: { id: 'ASC' } });
  }

  async saveHead(head: Omit<AuditChainHeadEntity, 'id'> & { id?: number }, tx: Transaction): Promise<void> {
    await tx.save(AuditChainHeadEntity, head);
  }

  async unsealed(limit: number, tx: Transaction): Promise<AuditEntryEntity[]> {
    return tx
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.sealSeq IS NULL')
      .orderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  async markSealed(
    seals: { id: string; sealSeq: string; prevHash: string; hash: string }[],
    tx: Transaction,
  ): Promise<void> {
    if (seals.length === 0) return;
    await tx.query(
      `UPDATE audit_entry AS a SET seal_seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s(id, seq, prev_hash, hash)
        WHERE a.id = s.id`,
      [seals.map((s) => s.id), seals.map((s) => s.sealSeq), seals.map((s) => s.prevHash), seals.map((s) => s.hash)],
    );
  }

  async countUnsealed(): Promise<number> {
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.sealSeq IS NULL')
      .getCount();
  }

  /** Sealed rows in chain order, starting after `afterSeq`. */
  async sealedAfter(afterSeq: string, limit: number): Promise<AuditEntryEntity[]> {
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.sealSeq > :afterSeq', { afterSeq })
      .orderBy('a.sealSeq', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Deletes the oldest part of the chain: every sealed row before the first one on or after the cutoff
   * (a prefix of the chain, so what remains still verifies). Returns the first row that remains.
   */
  async pruneSealedBefore(cutoff: Date, tx: Transaction): Promise<AuditEntryEntity | null> {
    const rows: { boundary: string | null }[] = await tx.query(
      'SELECT min(seal_seq)::text AS boundary FROM audit_entry WHERE seal_seq IS NOT NULL AND at >= $1',
      [cutoff],
    );
    const boundary = rows[0]?.boundary;
    if (!boundary) return null;
    await tx.query('DELETE FROM audit_entry WHERE seal_seq < $1', [boundary]);
    return tx.findOne(AuditEntryEntity, { where: { sealSeq: boundary } });
  }

  /** The entities a request wrote (its audit rows share the request id), oldest first: did that request commit? */
  async writtenByRequest(
    requestId: string,
    actorId: string,
    since: Date,
  ): Promise<{ entity: string; entityId: string | null }[]> {
    const rows: { entity: string; entity_id: string | null }[] = await this.dataSource.query(
      `SELECT entity, entity_id FROM audit_entry
        WHERE at >= $3::timestamptz - interval '5 minutes' AND request_id = $1 AND actor_id = $2
        ORDER BY at, id LIMIT 50`,
      [requestId, actorId, since],
    );
    return rows.map((row) => ({ entity: row.entity, entityId: row.entity_id }));
  }
}
