import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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
}
