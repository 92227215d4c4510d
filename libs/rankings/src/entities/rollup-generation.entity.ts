import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row that counts how often the daily rollup has changed: every fold of deltas and every rebuild adds
 * one, in the transaction that changed it. A process that summed the rollup under one generation may reuse
 * those sums while the generation stays the same.
 */
@Entity('rollup_generation')
@Check('chk_rollup_generation_single', 'id = 1')
export class RollupGenerationEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  generation: string;
}
