/**
 * The SQL views through which other libraries read the pipeline's records (migrated with the schema; each reads
 * only this library's tables). Their columns:
 * - `projectFacts`: id, bureau_id, name, investor_id, signed_at, signed_amount, agreement_type;
 * - `stageEvents`: project_id, bureau_id, project_name, seq, to_stage, business_date (every stage event);
 * - `fundFacts`: id, bureau_id, project_name, month (YYYY-MM), amount, project_id;
 * - `stageSpans`: project_id, bureau_id, stage, entered_on (first entry), left_on (first move to another stage, or
 *   null): one row per project and stage it entered, kept by the database as stage events are inserted;
 * - `projectCompanies`: id, investor_id, lead_id, bureau_id (which company each project is on);
 * - `fundProjects`: project_id, month (YYYY-MM), amount (funds in place by project).
 */
export const PIPELINE_VIEWS = {
  projectFacts: 'pipeline_project_facts',
  stageEvents: 'pipeline_stage_events',
  fundFacts: 'pipeline_fund_facts',
  stageSpans: 'pipeline_stage_spans',
  projectCompanies: 'pipeline_project_companies',
  fundProjects: 'pipeline_fund_projects',
} as const;
