import { Transaction } from '@app/core';
import { UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProjectStageEventEntity } from './entities/project-stage-event.entity';
import { Stage } from './stage';
import { StageStep } from './stage-machine';

@Injectable()
export class ProjectStageEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends events after the project's last one; call after the versioned update has locked the project row. */
  async append(
    projectId: string,
    actorId: string,
    note: string | null,
    steps: readonly StageStep[],
    tx: Transaction,
  ): Promise<void> {
    const [{ last }] = (await tx.query(
      `SELECT COALESCE(max(seq), 0)::int AS last FROM project_stage_event WHERE project_id = $1`,
      [projectId],
    )) as { last: number }[];
    const repository = tx.getRepository(ProjectStageEventEntity);
    await repository.save(
      steps.map((step, index) =>
        repository.create({
          projectId,
          seq: last + index + 1,
          fromStage: step.from,
          toStage: step.to,
          businessDate: step.businessDate,
          actorId,
          note,
          gate: step.gate,
          isCorrection: step.isCorrection,
          countsAsSigning: step.countsAsSigning,
        }),
      ),
    );
  }

  /** The stages the project has ever entered. */
  async stagesEntered(projectId: string, tx: Transaction): Promise<Set<Stage>> {
    const rows = (await tx.query(`SELECT DISTINCT to_stage FROM project_stage_event WHERE project_id = $1`, [
      projectId,
    ])) as { to_stage: Stage }[];
    return new Set(rows.map((row) => row.to_stage));
  }

  /** The project's events in recorded order, with who made them. */
  listOfProject(projectId: string, tx?: Transaction): Promise<ProjectStageEventEntity[]> {
    return (tx ?? this.dataSource.manager)
      .getRepository(ProjectStageEventEntity)
      .createQueryBuilder('e')
      .innerJoinAndMapOne('e.actor', UserRefView, 'u', 'u.id = e.actorId')
      .where('e.projectId = :projectId', { projectId })
      .orderBy('e.seq', 'ASC')
      .getMany();
  }
}
