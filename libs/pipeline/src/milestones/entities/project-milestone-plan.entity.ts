import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ProjectEntity } from '../../entities/project.entity';

/** A project's plan as a whole: its version for optimistic concurrency (0 while the project has none). */
@Entity('project_milestone_plan')
@Check('chk_project_milestone_plan_version', `version >= 1`)
export class ProjectMilestonePlanEntity {
  @PrimaryColumn({ type: 'uuid' })
  projectId: string;

  @OneToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: ProjectEntity;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'uuid' })
  updatedById: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
