import { Role } from '@app/core';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { BureauEntity } from './bureau.entity';

@Entity('app_user')
@Check('chk_app_user_role', `role IN ('staff', 'bureau_head', 'leader', 'supervisor', 'admin')`)
@Check('chk_app_user_bureau', `(role IN ('staff', 'bureau_head')) = (bureau_id IS NOT NULL)`)
@Index('idx_app_user_bureau', ['bureauId'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored in lower case; sign-in ignores case. */
  @Column({ type: 'varchar', length: 50, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 50 })
  displayName: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  bureauId: string | null;

  @ManyToOne(() => BureauEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bureau_id' })
  bureau?: BureauEntity | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Consecutive failed sign-ins; reset by a successful one. */
  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /**
   * Set for a password someone else chose (a new account, a reset) and, in production, for a sign-in with a
   * password the policy no longer accepts: until the user picks their own, a token allows only the change.
   */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Created by the demo data set, so that it can be told apart from real accounts. */
  @Column({ type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
