import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ProjectEntity } from '../../entities/project.entity';
import { MilestoneProcedureKindEntity } from './milestone-procedure-kind.entity';

/**
 * One node of a key project's plan (节点计划) with its planned date. The stage nodes' actual dates are the
 * project's gate dates (never stored here); a 前期手续 node's actual date is entered by the bureau.
 */
@Entity('project_milestone')
@Check('chk_project_milestone_node', `node IN ('signed', 'registered', 'procedure', 'started', 'operating')`)
@Check('chk_project_milestone_procedure', `(node = 'procedure') = (procedure_kind_id IS NOT NULL)`)
@Check('chk_project_milestone_actual', `node = 'procedure' OR actual_date IS NULL`)
@Index('uq_project_milestone_stage_node', ['projectId', 'node'], {
  unique: true,
  where: 'procedure_kind_id IS NULL',
})
@Index('uq_project_milestone_procedure', ['projectId', 'procedureKindId'], {
  unique: true,
  where: 'procedure_kind_id IS NOT NULL',
})
export class ProjectMilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  /** `signed`, `registered`, `procedure`, `started` or `operating`. */
  @Column({ type: 'varchar', length: 12 })
  node: string;

  @Column({ type: 'uuid', nullable: true })
  procedureKindId: string | null;

  @ManyToOne(() => MilestoneProcedureKindEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'procedure_kind_id' })
  procedureKind?: MilestoneProcedureKindEntity | null;

  @Column({ type: 'date', nullable: true })
  plannedDate: string | null;

  /** Only on a 前期手续 node: the day it was done. */
  @Column({ type: 'date', nullable: true })
  actualDate: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
