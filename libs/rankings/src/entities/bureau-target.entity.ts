import { Figures, TARGET_FIGURES, TargetMetric } from '@app/core';
import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { FigureFields } from '../figure-fields';
import { figureColumn } from './bureau-daily-stat.entity';

/** 年度目标: what a bureau is to achieve in a calendar year. */
@Entity('bureau_target')
@Unique('uq_bureau_target_year', ['bureauId', 'year'])
export class BureauTargetEntity extends FigureFields<Pick<Figures, TargetMetric>>(TARGET_FIGURES, (figure) => [
  Column(figureColumn(figure)),
]) {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bureauId: string;

  @Column({ type: 'int' })
  year: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
