import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SigningRow {
  bureau_code: string;
  bureau_name: string;
  project: string;
  investor: string;
  signed_at: string;
  agreement_type: string | null;
  signed_amount: string | null;
  is_key_project: boolean;
  leader: string | null;
}

export interface StageChangeRow {
  bureau_code: string;
  bureau_name: string;
  project: string;
  from_stage: string | null;
  to_stage: string;
  business_date: string;
  is_correction: boolean;
  note: string | null;
}

export interface FundRow {
  bureau_code: string;
  bureau_name: string;
  project: string;
  month_amount: string;
  year_amount: string;
  total_amount: string;
}

/** What the weekly report shows of the pipeline: reads only. */
@Injectable()
export class PipelineReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  signings(from: string, to: string): Promise<SigningRow[]> {
    return this.dataSource.query(
      `SELECT b.code AS bureau_code, b.name AS bureau_name, p.name AS project, i.name AS investor, p.signed_at::text AS signed_at,
              p.agreement_type, p.signed_amount::text AS signed_amount, p.is_key_project, u.display_name AS leader
         FROM project p JOIN bureau b ON b.id = p.bureau_id JOIN investor i ON i.id = p.investor_id
         LEFT JOIN app_user u ON u.id = p.responsible_leader_id
        WHERE p.signed_at >= $1 AND p.signed_at < $2
        ORDER BY b.code, p.signed_at, p.name`,
      [from, to],
    );
  }

  stageChanges(from: string, to: string): Promise<StageChangeRow[]> {
    return this.dataSource.query(
      `SELECT b.code AS bureau_code, b.name AS bureau_name, p.name AS project, e.from_stage, e.to_stage,
              e.business_date::text AS business_date, e.is_correction, e.note
         FROM project_stage_event e JOIN project p ON p.id = e.project_id JOIN bureau b ON b.id = p.bureau_id
        WHERE e.business_date >= $1 AND e.business_date < $2
        ORDER BY b.code, e.business_date, p.name, e.seq`,
      [from, to],
    );
  }

  /** Per project with funds: the month's amount, the year's up to that month, and the total so far. */
  funds(month: string): Promise<FundRow[]> {
    return this.dataSource.query(
      `SELECT b.code AS bureau_code, b.name AS bureau_name, p.name AS project,
              COALESCE(sum(f.amount) FILTER (WHERE f.month = $1), 0)::text AS month_amount,
              COALESCE(sum(f.amount) FILTER (WHERE f.month >= substr($1, 1, 4) || '-01' AND f.month <= $1), 0)::text AS year_amount,
              COALESCE(sum(f.amount) FILTER (WHERE f.month <= $1), 0)::text AS total_amount
         FROM project_fund f JOIN project p ON p.id = f.project_id JOIN bureau b ON b.id = p.bureau_id
        GROUP BY b.code, b.name, p.id, p.name
       HAVING sum(f.amount) FILTER (WHERE f.month >= substr($1, 1, 4) || '-01' AND f.month <= $1) > 0
        ORDER BY b.code, p.name`,
      [month],
    );
  }
}
