import { BureauRefView, UserRefView } from '@app/identity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrderStatus } from '../order-status';

const STATUSES = `'issued', 'in_progress', 'extension_requested', 'reported', 'closed'`;

/**
 * A supervision order (督办单) to a bureau. Its status changes only through order events; the dates and people
 * here are cached from those events for lists, alerts and figures.
 */
@Entity('supervision_order')
@Check('chk_supervision_order_status', `status IN (${STATUSES})`)
@Check('chk_supervision_order_version', `version >= 1`)
@Index('idx_supervision_order_bureau_status', ['bureauId', 'status'])
@Index('idx_supervision_order_due', ['dueDate'])
export class SupervisionOrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 督办事项. */
  @Column({ type: 'varchar', length: 200 })
  matter: string;

  /** 督办要求. */
  @Column({ type: 'varchar', length: 2000 })
  requirement: string;

  /** 办理期限 (business date); moved by a granted extension. */
  @Column({ type: 'date' })
  dueDate: string;

  /** The due date first set, kept whatever extension follows. */
  @Column({ type: 'date' })
  originalDueDate: string;

  /** 承办招商局. */
  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  bureauId: string;

  /** Named through identity's reference view when a query joins it. */
  bureau?: BureauRefView;

  /** The project, lead or alert the order came from (ids only: each belongs to its own library). */
  @Column({ type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  /** The alert turned into this order, and what it said (alerts are recomputed daily). */
  @Column({ type: 'uuid', nullable: true })
  alertId: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  alertMessage: string | null;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  issuerId: string;

  /** Named through identity's reference view when a query joins it. */
  issuer?: UserRefView;

  /** 承办人: a user of the bureau, named by its head. */
  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  handlerId: string | null;

  /** Named through identity's reference view when a query joins it. */
  handler?: UserRefView | null;

  @Column({ type: 'varchar', length: 24 })
  status: OrderStatus;

  @Column({ type: 'boolean', default: false })
  extensionRequested: boolean;

  @Column({ type: 'date', nullable: true })
  requestedDueDate: string | null;

  @Column({ type: 'date' })
  issuedOn: string;

  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  /**
   * The first day the order stood overdue (its due date's next day, when it was not closed by then), set once by
   * the daily job, which counts it then in the bureau's figures (督办逾期); a later extension does not undo it.
   */
  @Column({ type: 'date', nullable: true })
  overdueOn: string | null;

  /** The day the order, overdue, was escalated to the bureau's 分管领导, and to whom. */
  @Column({ type: 'date', nullable: true })
  escalatedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  escalatedToId: string | null;

  /** Named through identity's reference view when a query joins it. */
  escalatedTo?: UserRefView | null;

  /** Optimistic concurrency: every action is taken against the version the client read. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
