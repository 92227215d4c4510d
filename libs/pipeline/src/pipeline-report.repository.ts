import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SigningRow {
  bureau_id: string;
  investor_id: string;
  responsible_leader_id: string | null;
  project: string;
  signed_at: string;
  agreement_type: string | null;
  signed_amount: string | null;
  is_key_project: boolean;
}

export interface StageChangeRow {
  bureau_id: string;
  project: string;
  from_stage: string | null;
  to_stage: string;
  business_date: string;
  is_correction: boolean;
  note: string | null;
}

export interface FundRow {
  bureau_id: string;
  project: string;
  month_amount: string;
  year_amount: string;
  total_amount: string;
}

/**
 * What the weekly report shows of the pipeline: reads of the pipeline's own tables only (the sections add the
 * bureaus', companies' and leaders' names through their libraries, and order the rows by bureau).
 */
@Injectable()
export class PipelineReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  signings(from: string, to: string): Promise<SigningRow[]> {
    return this.dataSource.query(
      `SELECT p.bureau_id, p.investor_id, p.responsible_leader_id, p.name AS project, p.signed_at::text AS signed_at,
              p.agreement_type, p.signed_amount::text AS signed_amount, p.is_key_project
         FROM project p
        WHERE p.signed_at >= $1 AND p.signed_at < $2
        ORDER BY p.signed_at, p.name`,
      [from, to],
    );
  }

  stageChanges(from: string, to: string): Promise<StageChangeRow[]> {
    return this.dataSource.query(
      `SELECT p.bureau_id, p.name AS project, e.from_stage, e.to_stage,
              e.business_date::text AS business_date, e.is_correction, e.note
         FROM project_stage_event e JOIN project p ON p.id = e.project_id
        WHERE e.business_date >= $1 AND e.business_date < $2
        ORDER BY e.business_date, p.name, e.seq`,
      [from, to],
    );
  }

  /** Per project with funds: the amount of the months `firstMonth`..`month`, the year's up to `month`, and the total so far. */
  funds(firstMonth: string, month: string): Promise<FundRow[]> {
    return this.dataSource.query(
      `SELECT p.bureau_id, p.name AS project,
              COALESCE(sum(f.amount) FILTER (WHERE f.month >= $2 AND f.month <= $1), 0)::text AS month_amount,
              COALESCE(sum(f.amount) FILTER (WHERE f.month >= substr($1, 1, 4) || '-01' AND f.month <= $1), 0)::text AS year_amount,
              COALESCE(sum(f.amount) FILTER (WHERE f.month <= $1), 0)::text AS total_amount
         FROM project_fund f JOIN project p ON p.id = f.project_id
        GROUP BY p.bureau_id, p.id, p.name
       HAVING sum(f.amount) FILTER (WHERE f.month >= substr($1, 1, 4) || '-01' AND f.month <= $1) > 0
        ORDER BY p.name`,
      [month, firstMonth],
    );
  }
}
