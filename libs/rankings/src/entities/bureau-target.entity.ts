import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** 年度目标: what a bureau is to achieve in a calendar year. */
@Entity('bureau_target')
@Unique('uq_bureau_target_year', ['bureauId', 'year'])
export class BureauTargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bureauId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', default: 0 })
  visits: number;

  @Column({ type: 'int', default: 0 })
  newLeads: number;

  @Column({ type: 'int', default: 0 })
  signedCount: number;

  @Column({ type: 'numeric', precision: 16, scale: 2, default: 0 })
  signedAmount: string;

  @Column({ type: 'int', default: 0 })
  startedCount: number;

  @Column({ type: 'numeric', precision: 16, scale: 2, default: 0 })
  fundsInPlace: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
