import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One audited action. Rows are append-only; the sealing job chains them by hash. */
@Entity('audit_entry')
@Index('idx_audit_entry_entity', ['entity', 'entityId'])
@Index('idx_audit_entry_at', ['at'])
@Index('idx_audit_entry_unsealed', ['id'], { where: 'seal_seq IS NULL' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entity: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** The row's own HMAC, made by its writer from its content (see rowHash); null only on rows of the first epoch. */
  @Column({ type: 'char', length: 64, nullable: true })
  rowHash: string | null;

  /** Position in the hash chain; null until the sealing step reaches the row. */
  @Column({ type: 'bigint', nullable: true, unique: true })
  sealSeq: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  prevHash: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  hash: string | null;
}

/** The chain's ends: what the last sealed row is, and where the chain starts after old rows were pruned. */
@Entity('audit_chain_head')
export class AuditChainHeadEntity {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ type: 'bigint', default: 0 })
  lastSeq: string;

  @Column({ type: 'char', length: 64 })
  lastHash: string;

  @Column({ type: 'bigint', default: 1 })
  firstSeq: string;

  @Column({ type: 'char', length: 64 })
  firstPrevHash: string;

  /** Rows up to this id were written before the HMAC chain and keep their plain SHA-256 seals (the first epoch). */
  @Column({ type: 'bigint', default: 0 })
  legacyUntilId: string;

  /** HMAC of the chain's ends and epoch (endsMac 'audit-head'): only a holder of the key moves them. */
  @Column({ type: 'char', length: 64, nullable: true })
  mac: string | null;
}

/**
 * The chain's prefix that a verification has checked row by row: its end and a digest of its rows as the
 * database stores them, signed. A later verification compares the digest (computed by the database) and
 * checks only the rows after it.
 */
@Entity('audit_verified_prefix')
export class AuditVerifiedPrefixEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint' })
  firstSeq: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'varchar', length: 40 })
  digest: string;

  /**
   * The snapshot the prefix was verified in (`pg_current_snapshot()`): a row of the prefix whose version was
   * written by a transaction not visible in it was changed after the check.
   */
  @Column({ type: 'text', nullable: true })
  xidSnapshot: string | null;

  @Column({ type: 'char', length: 64 })
  mac: string;
}
