import { Transaction } from '@app/core';
import { INVESTORS_VIEWS } from '@app/investors';
import { PIPELINE_VIEWS } from '@app/pipeline';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One figure of one link, or of the whole chain (`linkId` null): `stage` is set on the `projects` rows. */
export interface CoverageRow {
  linkId: string | null;
  figure: 'targets' | 'contacted' | 'stale' | 'leads' | 'projects' | 'signedAmount' | 'funds';
  stage: string | null;
  value: string;
}

/**
 * The chain's coverage figures as of a day, read from the chain's own tables and the investors' and the pipeline's
 * views, per link and for the chain as one (the rows whose `linkId` is null: a company, lead or project on two links
 * counts once). A link's companies are the investors its targets became and the investors, leads and projects tagged
 * with it; the link's leads and projects are those companies' leads and projects. One pass: every set is read once
 * and each figure is grouped by link and for the whole chain together.
 */
const COVERAGE_SQL = `
WITH targets AS MATERIALIZED (
  SELECT t.link_id, t.investor_id FROM chain_target t JOIN chain_link k ON k.id = t.link_id
   WHERE k.chain_id = $1 AND t.listed_on <= $2
),
tags AS MATERIALIZED (
  SELECT g.link_id, g.record_kind, g.record_id FROM chain_tag g JOIN chain_link k ON k.id = g.link_id WHERE k.chain_id = $1
),
companies AS MATERIALIZED (
  SELECT t.link_id, t.investor_id FROM targets t WHERE t.investor_id IS NOT NULL
  UNION
  SELECT g.link_id, g.record_id FROM tags g WHERE g.record_kind = 'investor'
  UNION
  SELECT g.link_id, l.investor_id FROM tags g JOIN ${INVESTORS_VIEWS.leadCompanies} l ON l.id = g.record_id
   WHERE g.record_kind = 'lead'
  UNION
  SELECT g.link_id, p.investor_id FROM tags g JOIN ${PIPELINE_VIEWS.projectCompanies} p ON p.id = g.record_id
   WHERE g.record_kind = 'project'
),
visited AS MATERIALIZED (
  SELECT v.investor_id, max(v.day) AS last_day FROM ${INVESTORS_VIEWS.visitCompanies} v
   WHERE v.day <= $2 AND v.investor_id IN (SELECT investor_id FROM targets)
   GROUP BY v.investor_id
),
leads AS MATERIALIZED (
  SELECT DISTINCT c.link_id, l.id FROM companies c JOIN ${INVESTORS_VIEWS.leadCompanies} l ON l.investor_id = c.investor_id
   WHERE l.registered_at <= $2
),
projects AS MATERIALIZED (
  SELECT DISTINCT c.link_id, p.id FROM companies c JOIN ${PIPELINE_VIEWS.projectCompanies} p ON p.investor_id = c.investor_id
),
chain_projects AS MATERIALIZED (SELECT DISTINCT id FROM projects),
project_stage AS MATERIALIZED (
  SELECT DISTINCT ON (e.project_id) e.project_id, e.to_stage FROM ${PIPELINE_VIEWS.stageEvents} e
   WHERE e.project_id IN (SELECT id FROM chain_projects) AND e.business_date <= $2
   ORDER BY e.project_id, e.seq DESC
),
signed AS MATERIALIZED (
  SELECT f.id, f.signed_amount FROM ${PIPELINE_VIEWS.projectFacts} f
   WHERE f.id IN (SELECT id FROM chain_projects) AND f.signed_at <= $2 AND f.signed_amount IS NOT NULL
),
funds AS MATERIALIZED (
  SELECT f.project_id, sum(f.amount) AS amount FROM ${PIPELINE_VIEWS.fundProjects} f
   WHERE f.project_id IN (SELECT id FROM chain_projects) AND f.month <= $4 GROUP BY f.project_id
)
SELECT t.link_id AS "linkId", 'targets' AS figure, NULL AS stage, count(*)::text AS value FROM targets t
 GROUP BY ROLLUP (t.link_id)
UNION ALL
SELECT t.link_id, 'contacted', NULL, count(*)::text FROM targets t JOIN visited v ON v.investor_id = t.investor_id
 GROUP BY ROLLUP (t.link_id)
UNION ALL
SELECT t.link_id, 'stale', NULL, count(*)::text FROM targets t LEFT JOIN visited v ON v.investor_id = t.investor_id
 WHERE v.last_day IS NULL OR v.last_day <= $3 GROUP BY ROLLUP (t.link_id)
UNION ALL
SELECT l.link_id, 'leads', NULL, count(DISTINCT l.id)::text FROM leads l GROUP BY ROLLUP (l.link_id)
UNION ALL
SELECT p.link_id, 'projects', s.to_stage, count(DISTINCT p.id)::text FROM projects p
  JOIN project_stage s ON s.project_id = p.id GROUP BY GROUPING SETS ((p.link_id, s.to_stage), (s.to_stage))
UNION ALL
SELECT p.link_id, 'signedAmount', NULL, sum(s.signed_amount)::text FROM projects p JOIN signed s ON s.id = p.id
 GROUP BY p.link_id
UNION ALL
SELECT NULL, 'signedAmount', NULL, sum(s.signed_amount)::text FROM signed s
UNION ALL
SELECT p.link_id, 'funds', NULL, sum(f.amount)::text FROM projects p JOIN funds f ON f.project_id = p.id GROUP BY p.link_id
UNION ALL
SELECT NULL, 'funds', NULL, sum(f.amount)::text FROM funds f
`;

@Injectable()
export class ChainCoverageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The snapshot a statement sees now: which transactions have committed (`pg_current_snapshot()`). */
  snapshot(reader: Transaction = this.dataSource.manager): Promise<string> {
    return (reader.query(`SELECT pg_current_snapshot()::text AS snapshot`) as Promise<{ snapshot: string }[]>).then(
      ([row]) => row.snapshot,
    );
  }

  /** Runs `work` on one snapshot of the database (REPEATABLE READ, read only), which it is given by name. */
  onSnapshot<T>(work: (snapshot: string, tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      return work(await this.snapshot(tx), tx);
    });
  }

  /**
   * Every figure of the chain's links and of the chain as one on `day`; a target is stale when its last visit is
   * on or before `staleOn`.
   */
  figures(chainId: string, day: string, staleOn: string, tx: Transaction): Promise<CoverageRow[]> {
    return tx.query(COVERAGE_SQL, [chainId, day, staleOn, day.slice(0, 7)]) as Promise<CoverageRow[]>;
  }
}
