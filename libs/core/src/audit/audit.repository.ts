import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockForTransaction, Transaction } from '../database/database.service';
import { write, Writer } from '../database/write-batch';
import { AuditChainHeadEntity, AuditEntryEntity, AuditVerifiedPrefixEntity } from './entities/audit-entry.entity';

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

/** A row to append: its content, `before` and `after` as the canonical JSON its own hash covers, and that hash. */
export type NewAuditEntry = Omit<AuditEntryEntity, 'id' | 'sealSeq' | 'prevHash' | 'hash' | 'rowHash'> & {
  beforeJson: string | null;
  afterJson: string | null;
  rowHash: string;
};

/** A sealed row as verification reads it, with the database's 64-bit digest of the row as stored. */
export type StoredAuditEntry = AuditEntryEntity & { digest: string };

const COLUMNS = `a.id::text AS id, a.at, a.actor_id AS "actorId", a.actor_name AS "actorName", a.action, a.entity,
  a.entity_id AS "entityId", a.before, a.after, a.ip, a.request_id AS "requestId", a.row_hash AS "rowHash",
  a.seal_seq::text AS "sealSeq", a.prev_hash AS "prevHash", a.hash`;
// the first 64 bits of the MD5 of the row's whole text, as a signed bigint: summed, a digest of a range of rows
const ROW_DIGEST = `('x' || left(pg_catalog.md5(a::text), 16))::bit(64)::bigint`;

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an unsealed row, at once or as part of the caller's batch (audit rows are written on every write). */
  async insert(entry: NewAuditEntry, writer?: Writer): Promise<void> {
    await write(
      writer ?? this.dataSource.manager,
      `INSERT INTO audit_entry (at, actor_id, actor_name, action, entity, entity_id, before, after, ip, request_id, row_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)`,
      [
        entry.at,
        entry.actorId,
        entry.actorName,
        entry.action,
        entry.entity,
        entry.entityId,
        entry.beforeJson,
        entry.afterJson,
        entry.ip,
        entry.requestId,
        entry.rowHash,
      ],
    );
  }

  /** Appends many unsealed rows with one statement (a ledger import, a batch of visits), with the caller's writes. */
  async insertAll(entries: NewAuditEntry[], writer: Writer): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof NewAuditEntry>(key: K) => entries.map((entry) => entry[key]);
    await write(
      writer,
      `INSERT INTO audit_entry (at, actor_id, actor_name, action, entity, entity_id, before, after, ip, request_id, row_hash)
       SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[],
                            $6::varchar[], $7::jsonb[], $8::jsonb[], $9::varchar[], $10::varchar[], $11::bpchar[])`,
      [
        column('at'),
        column('actorId'),
        column('actorName'),
        column('action'),
        column('entity'),
        column('entityId'),
        column('beforeJson'),
        column('afterJson'),
        column('ip'),
        column('requestId'),
        column('rowHash'),
      ],
    );
  }

  /** Sealed rows only: a row is listed once it is in the chain. */
  async list(filter: AuditFilter, skip: number, take: number): Promise<[AuditEntryEntity[], number]> {
    const query = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.sealSeq IS NOT NULL');
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

  /** Runs `work` on one snapshot of the database (REPEATABLE READ, read only): a verification's view. */
  snapshot<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      return work(tx);
    });
  }

  async head(tx: EntityManager = this.dataSource.manager): Promise<AuditChainHeadEntity | null> {
    return tx.findOne(AuditChainHeadEntity, { where: {}, order: { id: 'ASC' } });
  }

  async saveHead(head: Omit<AuditChainHeadEntity, 'id'> & { id?: number }, tx: Transaction): Promise<void> {
    await tx.save(AuditChainHeadEntity, head);
  }

  async unsealed(limit: number, tx: Transaction): Promise<AuditEntryEntity[]> {
    return tx.query(`SELECT ${COLUMNS} FROM audit_entry a WHERE a.seal_seq IS NULL ORDER BY a.id LIMIT $1`, [
      limit,
    ]) as Promise<AuditEntryEntity[]>;
  }

  /** Unsealed rows after `afterId`, in id order (a verification checks their own hashes too). */
  async unsealedAfter(afterId: string, limit: number, tx: Transaction): Promise<AuditEntryEntity[]> {
    return tx.query(
      `SELECT ${COLUMNS} FROM audit_entry a WHERE a.seal_seq IS NULL AND a.id > $1 ORDER BY a.id LIMIT $2`,
      [afterId, limit],
    ) as Promise<AuditEntryEntity[]>;
  }

  /** Whether any row after the first epoch has been sealed (then the head must carry its signature). */
  async sealedAfterEpoch(legacyUntilId: string, tx: EntityManager): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM audit_entry WHERE seal_seq IS NOT NULL AND id > $1 LIMIT 1', [
      legacyUntilId,
    ]);
    return rows.length > 0;
  }

  async anySealed(tx: EntityManager): Promise<boolean> {
    const rows: unknown[] = await tx.query('SELECT 1 FROM audit_entry WHERE seal_seq IS NOT NULL LIMIT 1');
    return rows.length > 0;
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

  /**
   * The sealed rows numbered after `afterSeq`, at most `count` places of the chain and not past `uptoSeq`, in chain
   * order, each with its digest. The range is bounded on both sides (seal numbers are consecutive), so the plan
   * reads only these rows whatever the table's statistics say.
   */
  async sealedBetween(afterSeq: string, uptoSeq: string, count: number, tx: Transaction): Promise<StoredAuditEntry[]> {
    return tx.query(
      `SELECT ${COLUMNS}, ${ROW_DIGEST}::text AS digest FROM audit_entry a
        WHERE a.seal_seq > $1 AND a.seal_seq <= LEAST($2::bigint, $1::bigint + $3) ORDER BY a.seal_seq`,
      [afterSeq, uptoSeq, count],
    ) as Promise<StoredAuditEntry[]>;
  }

  /** How many sealed rows lie between two places of the chain, and the sum of their digests. */
  async digestBetween(firstSeq: string, lastSeq: string, tx: Transaction): Promise<{ count: number; digest: string }> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS count, COALESCE(sum(${ROW_DIGEST}), 0)::text AS digest
         FROM audit_entry a WHERE a.seal_seq BETWEEN $1 AND $2`,
      [firstSeq, lastSeq],
    )) as { count: number; digest: string }[];
    return row;
  }

  /** This transaction's snapshot, as text (`xmin:xmax:running,...`). */
  async currentSnapshot(tx: Transaction): Promise<string> {
    const [row] = (await tx.query(`SELECT pg_current_snapshot()::text AS snapshot`)) as { snapshot: string }[];
    return row.snapshot;
  }

  /**
   * How many sealed rows lie between two places of the chain, and how many of them now hold a version written
   * by a transaction that had not ended when `snapshot` was taken: an UPDATE gives a row a new version whose
   * xmin is the writing transaction, and a deleted and re-inserted row is new too. Reads each row's transaction
   * id, not its content: the cheap re-check of a prefix verified before. The 32-bit xmin is widened against this
   * snapshot's next id (the caller makes sure fewer than 2^31 transactions have passed since `snapshot`); frozen
   * and bootstrap ids (below 3) are older than any snapshot.
   */
  async changedSince(
    firstSeq: string,
    lastSeq: string,
    snapshot: string,
    tx: Transaction,
  ): Promise<{ count: number; changed: number; elapsed: string }> {
    const [row] = (await tx.query(
      `WITH now AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next)
       SELECT count(a.*)::int AS count,
              (count(a.*) FILTER (WHERE a.xmin::text::bigint >= 3 AND NOT pg_visible_in_snapshot(
                 (now.next - ((now.next % 4294967296) - a.xmin::text::bigint + 4294967296) % 4294967296)::text::xid8,
                 $3::pg_snapshot)))::int AS changed,
              (now.next - pg_snapshot_xmax($3::pg_snapshot)::text::bigint)::text AS elapsed
         FROM now LEFT JOIN audit_entry a ON a.seal_seq BETWEEN $1 AND $2
        GROUP BY now.next`,
      [firstSeq, lastSeq, snapshot],
    )) as { count: number; changed: number; elapsed: string }[];
    return row;
  }

  async sealAt(seq: string, tx: Transaction): Promise<string | null> {
    const rows: { hash: string }[] = await tx.query('SELECT hash FROM audit_entry WHERE seal_seq = $1', [seq]);
    return rows[0]?.hash ?? null;
  }

  /** The last sealed row written before `at` (the chain's head as of then). */
  async lastSealedBefore(at: Date): Promise<{ seq: string; hash: string } | null> {
    const rows: { seq: string; hash: string }[] = await this.dataSource.query(
      `SELECT seal_seq::text AS seq, hash FROM audit_entry WHERE at < $1 AND seal_seq IS NOT NULL
        ORDER BY at DESC, id DESC LIMIT 1`,
      [at],
    );
    return rows[0] ?? null;
  }

  async verifiedPrefix(tx: EntityManager = this.dataSource.manager): Promise<AuditVerifiedPrefixEntity | null> {
    return tx.findOne(AuditVerifiedPrefixEntity, { where: { id: 1 } });
  }

  async saveVerifiedPrefix(prefix: Omit<AuditVerifiedPrefixEntity, 'id'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_verified_prefix (id, first_seq, seq, hash, digest, xid_snapshot, mac)
       VALUES (1, $1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET first_seq = $1, seq = $2, hash = $3, digest = $4, xid_snapshot = $5, mac = $6`,
      [prefix.firstSeq, prefix.seq, prefix.hash, prefix.digest, prefix.xidSnapshot, prefix.mac],
    );
  }

  /**
   * Deletes the oldest part of the chain: every sealed row before the first one on or after the cutoff
   * (a prefix of the chain, so what remains still verifies). Returns the first row that remains and how
   * many rows went.
   */
  async pruneSealedBefore(
    cutoff: Date,
    tx: Transaction,
  ): Promise<{ first: { sealSeq: string; prevHash: string }; deleted: number } | null> {
    const rows: { boundary: string | null }[] = await tx.query(
      'SELECT min(seal_seq)::text AS boundary FROM audit_entry WHERE seal_seq IS NOT NULL AND at >= $1',
      [cutoff],
    );
    const boundary = rows[0]?.boundary;
    if (!boundary) return null;
    const [{ deleted }] = (await tx.query(
      'WITH gone AS (DELETE FROM audit_entry WHERE seal_seq < $1 RETURNING 1) SELECT count(*)::int AS deleted FROM gone',
      [boundary],
    )) as { deleted: number }[];
    const [first] = (await tx.query(
      'SELECT seal_seq::text AS "sealSeq", prev_hash AS "prevHash" FROM audit_entry WHERE seal_seq = $1',
      [boundary],
    )) as { sealSeq: string; prevHash: string }[];
    return { first, deleted };
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
