import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A 招商局. The ten of 海州区 are seeded by a migration; more are data, not code. */
@Entity('bureau')
export class BureauEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  focusIndustries: string[];

  /**
   * 分管领导: the leader (a user with the leader role) who answers for this bureau; an overdue supervision order
   * is escalated to them. A plain id, not a relation: app_user already points at bureau.
   */
  @Column({ type: 'uuid', nullable: true })
  leaderId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
