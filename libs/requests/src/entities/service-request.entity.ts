import { BureauRefView, UserRefView } from '@app/identity';
import { InvestorRefView } from '@app/investors';
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
import { RequestChannel, RequestKind, RequestStatus, Satisfaction } from '../request-kind';
import { ServiceDepartmentEntity } from './service-department.entity';

/**
 * An enterprise request (企业诉求) under 首办责任制: owned by the bureau of whoever received it until it is
 * closed by its 回访. Its status changes only through its events; the dates here are cached from them.
 */
@Entity('service_request')
@Check(
  'chk_service_request_kind',
  `kind IN ('land', 'approval', 'utilities', 'financing', 'labour', 'policy', 'other')`,
)
@Check('chk_service_request_channel', `channel IN ('visit', 'hotline_12345', 'fuzhengtong', 'call_or_visit', 'other')`)
@Check('chk_service_request_status', `status IN ('received', 'routed', 'resolved', 'closed')`)
@Check(
  'chk_service_request_satisfaction',
  `satisfaction IS NULL OR satisfaction IN ('satisfied', 'basically_satisfied', 'unsatisfied')`,
)
@Check('chk_service_request_version', `version >= 1`)
@Index('idx_service_request_bureau_status', ['bureauId', 'status'])
@Index('idx_service_request_received_on', ['receivedOn'])
@Index('idx_service_request_investor', ['investorId'])
export class ServiceRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('investor', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  investorId: string;

  /** Named through the investors' reference view when a query joins it. */
  investor?: InvestorRefView;

  /** The bureau of whoever received it (首办): it owns the request until it is closed. */
  @ForeignKey('bureau', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  bureauId: string;

  bureau?: BureauRefView;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  receivedById: string;

  receivedBy?: UserRefView;

  @Column({ type: 'varchar', length: 12 })
  kind: RequestKind;

  @Column({ type: 'varchar', length: 16 })
  channel: RequestChannel;

  /** The visit it was heard on, when the channel is a visit. */
  @ForeignKey('visit', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  visitId: string | null;

  @Column({ type: 'varchar', length: 2000 })
  content: string;

  @Column({ type: 'date' })
  receivedOn: string;

  /** receivedOn plus the kind's days (REQUEST_DUE_DAYS), calendar days. */
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 10 })
  status: RequestStatus;

  /** The handling department it is routed to now. */
  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => ServiceDepartmentEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: ServiceDepartmentEntity | null;

  @Column({ type: 'date' })
  lastEventOn: string;

  @Column({ type: 'date', nullable: true })
  resolvedOn: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolution: string | null;

  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  satisfaction: Satisfaction | null;

  /** Optimistic concurrency: every step is taken against the version the client read. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
