import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row that counts how often the daily rollup has changed: every fold of deltas and every rebuild adds
 * one, in the transaction that changed it. A process that summed the rollup under one generation may reuse
 * those sums while the generation stays the same, or while the later ones changed only later days.
 */
@Entity('rollup_generation')
@Check('chk_rollup_generation_single', 'id = 1')
export class RollupGenerationEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  generation: string;
}

/**
 * What each generation changed: the earliest day whose daily rollup row it touched. Sums over days before
 * that day stay valid across the generation (a fold of today's visits leaves last week's ranking as it was).
 * Only recent generations are kept.
 */
@Entity('rollup_change')
export class RollupChangeEntity {
  @PrimaryColumn({ type: 'bigint' })
  generation: string;

  @Column({ type: 'date' })
  firstDay: string;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
