import { UserRefView } from '@app/identity';
import { Check, Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RequestEventType, Satisfaction } from '../request-kind';
import { ServiceDepartmentEntity } from './service-department.entity';
import { ServiceRequestEntity } from './service-request.entity';

/** An immutable step of a request: received, routed, a reply, resolved, feedback. A trigger refuses changes. */
@Entity('service_request_event')
@Check('chk_service_request_event_type', `type IN ('received', 'routed', 'reply', 'resolved', 'feedback')`)
@Index('uq_service_request_event_seq', ['requestId', 'seq'], { unique: true })
export class ServiceRequestEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne(() => ServiceRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id' })
  request?: ServiceRequestEntity;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 10 })
  type: RequestEventType;

  /** The date it happened, not the date it was entered. */
  @Column({ type: 'date' })
  businessDate: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  actorId: string;

  actor?: UserRefView;

  /** The request's content, a progress note, the resolution or the follow-up note. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => ServiceDepartmentEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: ServiceDepartmentEntity | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  satisfaction: Satisfaction | null;
}
