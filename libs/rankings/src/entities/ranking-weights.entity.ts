import { TARGET_FIGURES, TargetMetric } from '@app/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { FigureFields } from '../figure-fields';

/** Ranking weights in force from a date; a ranking uses the weights in force on its last day. */
@Entity('ranking_weights')
export class RankingWeightsEntity extends FigureFields<Record<TargetMetric, number>>(TARGET_FIGURES, () => [
  Column({ type: 'int' }),
]) {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'date', unique: true })
  effectiveFrom: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
