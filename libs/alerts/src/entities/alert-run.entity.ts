import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When the alerts were last computed (there may be none to store, and the date still matters). */
@Entity('alert_run')
export class AlertRunEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'date' })
  computedOn: string;

  @Column({ type: 'timestamptz' })
  computedAt: Date;
}
