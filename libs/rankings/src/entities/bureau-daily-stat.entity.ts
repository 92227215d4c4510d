import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Columns shared by the daily rollup and its pending deltas: one per counted figure. */
abstract class StatColumns {
  @Column({ type: 'int', default: 0 })
  visits: number;

  @Column({ type: 'int', default: 0 })
  leaderVisits: number;

  @Column({ type: 'int', default: 0 })
  newLeads: number;

  @Column({ type: 'int', default: 0 })
  negotiating: number;

  @Column({ type: 'int', default: 0 })
  signedCount: number;

  @Column({ type: 'numeric', precision: 16, scale: 2, default: 0 })
  signedAmount: string;

  @Column({ type: 'int', default: 0 })
  registeredCount: number;

  @Column({ type: 'int', default: 0 })
  startedCount: number;

  @Column({ type: 'int', default: 0 })
  operatingCount: number;

  @Column({ type: 'numeric', precision: 16, scale: 2, default: 0 })
  fundsInPlace: string;
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
