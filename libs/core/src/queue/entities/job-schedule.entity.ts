import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A repeatable job as the job processes registered it, with its last runs: `/health` reads these rows to tell a
 * schedule that stopped firing (Redis emptied, no worker running) from one that is merely not due.
 */
@Entity('job_schedule')
export class JobScheduleEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  cron: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  /** When this cron was first registered: a run due before it was never owed. */
  @Column({ type: 'timestamptz' })
  registeredAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastFinishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastFailedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}
