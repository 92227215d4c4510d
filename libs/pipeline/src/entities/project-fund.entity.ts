import { UserRefView } from '@app/identity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ProjectEntity } from './project.entity';

/** 到位资金: the amount actually paid in for a project in one month. */
@Entity('project_fund')
@Check('chk_project_fund_amount', `amount >= 0`)
@Check('chk_project_fund_month', `month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Index('uq_project_fund_month', ['projectId', 'month'], { unique: true })
@Index('idx_project_fund_month', ['month'])
export class ProjectFundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** YYYY-MM. */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  /** 万元, exact. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  recordedById: string;

  /** Named through identity's reference view when a query joins it. */
  recordedBy?: UserRefView;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
