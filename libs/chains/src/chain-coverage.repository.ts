import { INVESTORS_VIEWS } from '@app/investors';
import { PIPELINE_VIEWS } from '@app/pipeline';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One figure of one link: `stage` is set on the `projects` rows (projects by stage). */
export interface CoverageRow {
  linkId: string;
  figure: 'targets' | 'contacted' | 'stale' | 'leads' | 'projects' | 'signedAmount' | 'funds';
  stage: string | null;
  value: string;
}

/**
 * The chain's coverage figures as of a day, read from the chain's own tables and the investors' and the pipeline's
 * views. A link's companies are the investors its targets became and the investors, leads and projects tagged with
 * it; the link's leads and projects are those companies' leads and projects.
 */
const COVERAGE_SQL = `
WITH links AS (SELECT id FROM chain_link WHERE chain_id = $1),
targets AS (
  SELECT t.id, CASE WHEN $5 THEN $1::uuid ELSE t.link_id END AS link_id, t.investor_id
    FROM chain_target t JOIN links ON links.id = t.link_id WHERE t.listed_on <= $2
),
companies AS (
  SELECT DISTINCT CASE WHEN $5 THEN $1::uuid ELSE c.link_id END AS link_id, c.investor_id FROM (
  SELECT t.link_id, t.investor_id FROM chain_target t JOIN links ON links.id = t.link_id
   WHERE t.listed_on <= $2 AND t.investor_id IS NOT NULL
  UNION
  SELECT g.link_id, g.record_id FROM chain_tag g JOIN links ON links.id = g.link_id WHERE g.record_kind = 'investor'
  UNION
  SELECT g.link_id, l.investor_id FROM chain_tag g JOIN links ON links.id = g.link_id
    JOIN ${INVESTORS_VIEWS.leadCompanies} l ON l.id = g.record_id WHERE g.record_kind = 'lead'
  UNION
  SELECT g.link_id, p.investor_id FROM chain_tag g JOIN links ON links.id = g.link_id
    JOIN ${PIPELINE_VIEWS.projectCompanies} p ON p.id = g.record_id WHERE g.record_kind = 'project'
  ) c
),
visited AS (
  SELECT v.investor_id, max(v.day) AS last_day FROM ${INVESTORS_VIEWS.visitCompanies} v
   WHERE v.day <= $2 AND v.investor_id IN (SELECT investor_id FROM targets)
   GROUP BY v.investor_id
),
projects AS (
  SELECT DISTINCT c.link_id, p.id FROM companies c JOIN ${PIPELINE_VIEWS.projectCompanies} p ON p.investor_id = c.investor_id
),
project_stage AS (
  SELECT DISTINCT ON (e.project_id) e.project_id, e.to_stage FROM ${PIPELINE_VIEWS.stageEvents} e
   WHERE e.project_id IN (SELECT id FROM projects) AND e.business_date <= $2
   ORDER BY e.project_id, e.seq DESC
)
SELECT t.link_id AS "linkId", 'targets' AS figure, NULL AS stage, count(*)::text AS value FROM targets t GROUP BY t.link_id
UNION ALL
SELECT t.link_id, 'contacted', NULL, count(*)::text FROM targets t JOIN visited v ON v.investor_id = t.investor_id
 GROUP BY t.link_id
UNION ALL
SELECT t.link_id, 'stale', NULL, count(*)::text FROM targets t LEFT JOIN visited v ON v.investor_id = t.investor_id
 WHERE v.last_day IS NULL OR v.last_day <= $3 GROUP BY t.link_id
UNION ALL
SELECT c.link_id, 'leads', NULL, count(DISTINCT l.id)::text FROM companies c
  JOIN ${INVESTORS_VIEWS.leadCompanies} l ON l.investor_id = c.investor_id WHERE l.registered_at <= $2 GROUP BY c.link_id
UNION ALL
SELECT p.link_id, 'projects', s.to_stage, count(*)::text FROM projects p JOIN project_stage s ON s.project_id = p.id
 GROUP BY p.link_id, s.to_stage
UNION ALL
SELECT p.link_id, 'signedAmount', NULL, sum(f.signed_amount)::text FROM projects p
  JOIN ${PIPELINE_VIEWS.projectFacts} f ON f.id = p.id WHERE f.signed_at <= $2 AND f.signed_amount IS NOT NULL
 GROUP BY p.link_id
UNION ALL
SELECT p.link_id, 'funds', NULL, sum(f.amount)::text FROM projects p
  JOIN ${PIPELINE_VIEWS.fundProjects} f ON f.project_id = p.id WHERE f.month <= $4 GROUP BY p.link_id
`;

@Injectable()
export class ChainCoverageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every figure of the chain's links on `day` (or, `wholeChain`, of the chain as one: a company on two links
   * counts once); a target is stale when its last visit is on or before `staleOn`.
   */
  figures(chainId: string, day: string, staleOn: string, wholeChain: boolean): Promise<CoverageRow[]> {
    return this.dataSource.query(COVERAGE_SQL, [chainId, day, staleOn, day.slice(0, 7), wholeChain]);
  }
}
