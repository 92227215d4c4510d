import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One creating request made with an Idempotency-Key: while `status` is null the first request is still
 * running; afterwards a repeat of the same key and body is answered with the stored response.
 */
@Entity('idempotency_record')
@Unique('uq_idempotency_record_user_key', ['userId', 'key'])
@Index('idx_idempotency_record_created', ['createdAt'])
export class IdempotencyRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 10 })
  method: string;

  @Column({ type: 'varchar', length: 300 })
  path: string;

  /** SHA-256 of the request body, so a different body under the same key can be refused. */
  @Column({ type: 'char', length: 64 })
  bodyHash: string;

  @Column({ type: 'int', nullable: true })
  status: number | null;

  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  /** The answer's Location header, if it had one (a job started in the background): replayed with it. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  location: string | null;

  /**
   * The request id of the request that holds the claim. Its audit rows carry the same id and are written in its
   * own transaction, so a claim left unsettled by a process that died can tell whether its writes committed.
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
