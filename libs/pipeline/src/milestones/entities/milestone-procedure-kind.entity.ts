import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A kind of 前期手续 (立项备案, 用地, 规划许可, 施工许可…): the admin's editable list of a plan's procedure nodes. */
@Entity('milestone_procedure_kind')
@Index('uq_milestone_procedure_kind_code', ['code'], { unique: true })
@Index('uq_milestone_procedure_kind_name', ['name'], { unique: true })
export class MilestoneProcedureKindEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable key, e.g. `land`; a plan node is `procedure:land`. Never changes. */
  @Column({ type: 'varchar', length: 30 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** Place among the procedure nodes (ascending). */
  @Column({ type: 'int', default: 0 })
  sortOrder: number;

  /** An inactive kind is left out of plans that have no date on it. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
