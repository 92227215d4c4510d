import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Ranking weights in force from a date; a ranking uses the weights in force on its last day. */
@Entity('ranking_weights')
export class RankingWeightsEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'date', unique: true })
  effectiveFrom: string;

  @Column({ type: 'int' })
  visits: number;

  @Column({ type: 'int' })
  newLeads: number;

  @Column({ type: 'int' })
  signedCount: number;

  @Column({ type: 'int' })
  signedAmount: number;

  @Column({ type: 'int' })
  startedCount: number;

  @Column({ type: 'int' })
  fundsInPlace: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
