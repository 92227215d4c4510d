import { Transaction } from '@app/core';
import { BureauRefView, UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProjectEntity } from '../entities/project.entity';
import { Stage } from '../stage';
import { MilestoneProcedureKindEntity } from './entities/milestone-procedure-kind.entity';
import { ProjectMilestonePlanEntity } from './entities/project-milestone-plan.entity';
import { ProjectMilestoneEntity } from './entities/project-milestone.entity';

export interface NodeWrite {
  node: string;
  procedureKindId: string | null;
  plannedDate: string | null;
  actualDate: string | null;
}

export interface KeyProjectFilter {
  /** Limits to one bureau (a scope or a filter); null reads all. */
  bureauId: string | null;
  /** The 包保 leader's projects, key or not. */
  leaderId?: string;
}

/** A node with a planned date of a key project, with what the alerts need of its project. */
export interface PlannedNodeRow {
  project_id: string;
  bureau_id: string;
  name: string;
  responsible_leader_id: string | null;
  node: string;
  procedure_kind_id: string | null;
  planned_date: string;
  actual_date: string | null;
}

/** The plans of key projects (节点计划) and the admin's list of 前期手续 kinds. */
@Injectable()
export class MilestoneRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  procedureKinds(tx?: Transaction): Promise<MilestoneProcedureKindEntity[]> {
    return this.manager(tx)
      .getRepository(MilestoneProcedureKindEntity)
      .find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  findProcedureKind(id: string): Promise<MilestoneProcedureKindEntity | null> {
    return this.dataSource.getRepository(MilestoneProcedureKindEntity).findOne({ where: { id } });
  }

  /** Inserts a kind; null when its code or name is taken. */
  async insertProcedureKind(
    kind: Pick<MilestoneProcedureKindEntity, 'code' | 'name' | 'sortOrder'>,
    tx: Transaction,
  ): Promise<MilestoneProcedureKindEntity | null> {
    const rows = (await tx.query(
      `INSERT INTO milestone_procedure_kind (code, name, sort_order) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING id`,
      [kind.code, kind.name, kind.sortOrder],
    )) as { id: string }[];
    return rows.length ? tx.getRepository(MilestoneProcedureKindEntity).findOneBy({ id: rows[0].id }) : null;
  }

  /** Whether another kind has this name. */
  async procedureNameTaken(name: string, exceptId: string, tx: Transaction): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM milestone_procedure_kind WHERE name = $1 AND id <> $2`, [
      name,
      exceptId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async updateProcedureKind(
    id: string,
    patch: Partial<Pick<MilestoneProcedureKindEntity, 'name' | 'sortOrder' | 'active'>>,
    tx: Transaction,
  ): Promise<MilestoneProcedureKindEntity> {
    if (Object.keys(patch).length) await tx.getRepository(MilestoneProcedureKindEntity).update({ id }, patch);
    return (await tx.getRepository(MilestoneProcedureKindEntity).findOneBy({ id })) as MilestoneProcedureKindEntity;
  }

  async planVersion(projectId: string, tx?: Transaction): Promise<number> {
    const plan = await this.manager(tx).getRepository(ProjectMilestonePlanEntity).findOneBy({ projectId });
    return plan?.version ?? 0;
  }

  /**
   * Moves a plan from `expected` to the next version (0: the plan does not exist yet); false when someone else
   * moved it first (the row lock makes a concurrent writer of the same version wait, then find it moved).
   */
  async bumpVersion(projectId: string, expected: number, actorId: string, tx: Transaction): Promise<boolean> {
    const rows = (await (expected === 0
      ? tx.query(
          `INSERT INTO project_milestone_plan (project_id, version, updated_by_id) VALUES ($1, 1, $2)
           ON CONFLICT (project_id) DO NOTHING RETURNING version`,
          [projectId, actorId],
        )
      : tx.query(
          `UPDATE project_milestone_plan SET version = version + 1, updated_by_id = $3, updated_at = now()
            WHERE project_id = $1 AND version = $2 RETURNING version`,
          [projectId, expected, actorId],
        ))) as unknown[];
    // node-postgres answers an UPDATE … RETURNING through TypeORM as [rows, count]
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return returned.length === 1;
  }

  nodesOf(projectIds: string[], tx?: Transaction): Promise<ProjectMilestoneEntity[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return this.manager(tx)
      .getRepository(ProjectMilestoneEntity)
      .createQueryBuilder('m')
      .where('m.projectId IN (:...projectIds)', { projectIds })
      .getMany();
  }

  async writeNodes(projectId: string, nodes: NodeWrite[], tx: Transaction): Promise<void> {
    for (const node of nodes) {
      const conflict =
        node.procedureKindId === null
          ? '(project_id, node) WHERE procedure_kind_id IS NULL'
          : '(project_id, procedure_kind_id) WHERE procedure_kind_id IS NOT NULL';
      await tx.query(
        `INSERT INTO project_milestone (project_id, node, procedure_kind_id, planned_date, actual_date)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ${conflict}
         DO UPDATE SET planned_date = EXCLUDED.planned_date, actual_date = EXCLUDED.actual_date, updated_at = now()`,
        [projectId, node.node, node.procedureKindId, node.plannedDate, node.actualDate],
      );
    }
  }

  /**
   * Live key projects (or, with a leader, that leader's live projects), with bureau and leader, by bureau then
   * name. Terminated projects have no plan to follow.
   */
  keyProjects(filter: KeyProjectFilter): Promise<ProjectEntity[]> {
    const query = this.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.bureau', BureauRefView, 'b', 'b.id = p.bureauId')
      .leftJoinAndMapOne('p.responsibleLeader', UserRefView, 'rl', 'rl.id = p.responsibleLeaderId')
      .where('p.stage <> :terminated', { terminated: Stage.Terminated });
    if (filter.leaderId) query.andWhere('p.responsibleLeaderId = :leaderId', { leaderId: filter.leaderId });
    else query.andWhere('p.isKeyProject = true');
    if (filter.bureauId) query.andWhere('p.bureauId = :bureauId', { bureauId: filter.bureauId });
    return query.orderBy('b.code', 'ASC').addOrderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').getMany();
  }

  /**
   * The nodes with a planned date of the key projects live at the end of `asOf` (null: now), with the stage
   * nodes' actual dates from the project's gate dates; a date after `asOf` is returned as it is (the caller's
   * state function treats it as not yet done).
   */
  async plannedNodes(asOf: string | null): Promise<PlannedNodeRow[]> {
    return this.dataSource.query(
      `SELECT p.id AS project_id, p.bureau_id, p.name, p.responsible_leader_id, m.node, m.procedure_kind_id,
              m.planned_date::text AS planned_date,
              (CASE m.node WHEN 'signed' THEN p.signed_at WHEN 'registered' THEN p.registered_at
                           WHEN 'started' THEN p.started_at WHEN 'operating' THEN p.operating_at
                           ELSE m.actual_date END)::text AS actual_date
         FROM project_milestone m
         JOIN project p ON p.id = m.project_id
        WHERE m.planned_date IS NOT NULL AND p.is_key_project
          AND (p.terminated_at IS NULL OR ($1::date IS NOT NULL AND p.terminated_at > $1::date))
        ORDER BY p.id, m.planned_date, m.node`,
      [asOf],
    );
  }
}
