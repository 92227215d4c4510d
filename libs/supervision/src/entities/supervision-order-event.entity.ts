import { UserRefView } from '@app/identity';
import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrderAction, OrderStatus } from '../order-status';
import { SupervisionOrderEntity } from './supervision-order.entity';

/**
 * An immutable order event: who did what to the order, from which status to which, on which business day.
 * A database trigger refuses updates and deletes; the system's escalation has no actor.
 */
@Entity('supervision_order_event')
@Index('uq_supervision_order_event_seq', ['orderId', 'seq'], { unique: true })
@Index('uq_supervision_order_event_escalation', ['orderId'], { unique: true, where: `action = 'escalate'` })
export class SupervisionOrderEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => SupervisionOrderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  order?: SupervisionOrderEntity;

  /** Order of the order's events as recorded (1, 2, …). */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 24 })
  action: OrderAction;

  /** Null on the event that issued the order. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  fromStatus: OrderStatus | null;

  @Column({ type: 'varchar', length: 24 })
  toStatus: OrderStatus;

  @Column({ type: 'date' })
  businessDate: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @ForeignKey('app_user', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** Named through identity's reference view when a query joins it. */
  actor?: UserRefView | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;
}
