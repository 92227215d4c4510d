import { InjectDataSource } from '@nestjs/typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Stage } from './stage';

/** A project not yet operating nor terminated, in the stage it stood in at the end of a day. */
export interface ProjectProgress {
  projectId: string;
  bureauId: string;
  name: string;
  stage: Exclude<Stage, Stage.Operating | Stage.Terminated>;
  /** YYYY-MM, when planned. */
  plannedStartMonth: string | null;
  /** In the signed stage: the date it signed (or entered the stage). */
  signedAt: string | null;
  /** In the registered stage: the date it registered (or entered the stage). */
  registeredAt: string | null;
}

/** A company with a project registered (注册落地) or later: the landed companies whose requests 安商 follows. */
export interface LandedInvestor {
  investorId: string;
  /** The bureau of its (first) landed project. */
  bureauId: string;
}

interface ProgressRow {
  project_id: string;
  bureau_id: string;
  name: string;
  stage: ProjectProgress['stage'];
  planned_start_month: string | null;
  signed_at: string | null;
  registered_at: string | null;
}

@Injectable()
export class ProjectProgressRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The live projects now (`asOf` null: each project's own stage and dates), or at the end of the day `asOf`,
   * rebuilt from the stage events: each project in the stage of its last event dated by then, counted from that
   * event's date unless its signing or registration date (by then) says otherwise; projects without an event
   * by then are not seen.
   */
  async liveProjects(asOf: string | null): Promise<ProjectProgress[]> {
    const rows: ProgressRow[] = await this.dataSource.query(
      `WITH project_as_of AS (
         SELECT p.id, p.bureau_id, p.name, p.planned_start_month,
                CASE WHEN $2 THEN s.to_stage ELSE p.stage END AS stage,
                CASE WHEN $2 THEN s.business_date ELSE NULL END AS stage_since,
                CASE WHEN $2 AND p.signed_at > $1::date THEN NULL ELSE p.signed_at END AS signed_at,
                CASE WHEN $2 AND p.registered_at > $1::date THEN NULL ELSE p.registered_at END AS registered_at
           FROM project p
           LEFT JOIN LATERAL (
                SELECT e.to_stage, e.business_date FROM project_stage_event e
                 WHERE e.project_id = p.id AND e.business_date <= $1::date
                 ORDER BY e.business_date DESC, e.seq DESC LIMIT 1) s ON $2
          WHERE NOT $2 OR s.to_stage IS NOT NULL)
       SELECT p.id AS project_id, p.bureau_id, p.name, p.planned_start_month, p.stage,
              COALESCE(CASE WHEN p.stage = 'signed' THEN p.signed_at END, p.stage_since)::text AS signed_at,
              COALESCE(CASE WHEN p.stage = 'registered' THEN p.registered_at END, p.stage_since)::text AS registered_at
         FROM project_as_of p
        WHERE p.stage NOT IN ('operating', 'terminated')
        ORDER BY p.id`,
      [asOf, asOf !== null],
    );
    return rows.map((row) => ({
      projectId: row.project_id,
      bureauId: row.bureau_id,
      name: row.name,
      stage: row.stage,
      plannedStartMonth: row.planned_start_month,
      signedAt: row.signed_at,
      registeredAt: row.registered_at,
    }));
  }

  /** The companies with a live project registered (注册落地) or later, with the project's bureau, oldest first. */
  async landedInvestors(investorId?: string): Promise<LandedInvestor[]> {
    const rows: { investor_id: string; bureau_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (investor_id) investor_id, bureau_id
         FROM project
        WHERE stage IN ('registered', 'started', 'operating') AND ($1::uuid IS NULL OR investor_id = $1::uuid)
        ORDER BY investor_id, registered_at NULLS LAST, id`,
      [investorId ?? null],
    );
    return rows.map((row) => ({ investorId: row.investor_id, bureauId: row.bureau_id }));
  }
}
