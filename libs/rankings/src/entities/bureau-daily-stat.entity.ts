import { FigureDescriptor, FIGURES, Figures } from '@app/core';
import { Column, ColumnOptions, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { FigureFields } from '../figure-fields';

/** Columns shared by the daily rollup and its pending deltas: one per counted figure, as the figures list says. */
const StatColumns = FigureFields<Figures>(FIGURES, (figure) => [Column(figureColumn(figure))]);

/** A figure's column: a count as an integer, an amount in 万元 to the cent; zero until something counts. */
export function figureColumn({ kind }: FigureDescriptor): ColumnOptions {
  return kind === 'amount' ? { type: 'numeric', precision: 16, scale: 2, default: 0 } : { type: 'int', default: 0 };
}

/** A bureau's figures per business day: what rankings read instead of raw records. */
@Entity('bureau_daily_stat')
@Index('idx_bureau_daily_stat_day', ['day'])
export class BureauDailyStatEntity extends StatColumns {
  @PrimaryColumn({ type: 'uuid' })
  bureauId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;
}

/**
 * A change written in the same transaction as the record it counts. Writers only append here (no hot row
 * to wait on); a job folds deltas into the daily rollup, and readers add the few not yet folded.
 */
@Entity('bureau_stat_delta')
@Index('idx_bureau_stat_delta_day', ['day'])
export class BureauStatDeltaEntity extends StatColumns {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  bureauId: string;

  @Column({ type: 'date' })
  day: string;
}
