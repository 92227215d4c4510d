import { WEIGHT_FIGURES, WeightedMetric } from '@app/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { FigureFields } from '../figure-fields';

/** Ranking weights in force from a date; a ranking uses the weights in force on its last day. */
@Entity('ranking_weights')
export class RankingWeightsEntity extends FigureFields<Record<WeightedMetric, number>>(WEIGHT_FIGURES, (figure) => [
  // a deducting figure's weight came later: weights set before it take none off
  Column('deductionWeight' in figure ? { type: 'int', default: 0 } : { type: 'int' }),
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
