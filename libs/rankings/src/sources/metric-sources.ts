import { INVESTORS_VIEWS } from '@app/investors';
import { PIPELINE_VIEWS } from '@app/pipeline';
import { SUPERVISION_VIEWS } from '@app/supervision';
import { FigureKey } from '../figures';

/**
 * Where every counted figure comes from: one SQL read per figure over the read views that the investors and
 * pipeline libraries own and migrate (a read model — rankings never write there, nor read their tables). Each
 * yields the records behind the figure with their bureau, business day and value; the drilldown lists them, and
 * the consistency check sums them and compares the result with the daily rollups. `$1` is always the time zone of business dates.
 *
 * Counting rules (how Chinese assessments count, so that a record counts once):
 * - a visit counts on its own date for the bureau that logged it; a leader-led one also as a leader visit;
 * - a new lead counts on its 登记日期 (`registered_at`, the day of entry unless an import or a head set it) for the bureau that registered it first (a transfer moves
 *   ownership, not the credit);
 * - a project counts for a stage on the day it first entered that stage; corrections do not count again;
 * - a signing counts once, on the first signing day, at the project's current contract amount (a framework
 *   agreement upgraded to a formal contract is one signing with its amount updated);
 * - funds in place count on the first day of their month;
 * - a supervision order counts as overdue (督办逾期) once, on the first day it stood overdue, and as closed late
 *   (逾期办结) on the day it was closed after its due date.
 */
export interface MetricSource {
  sql: string;
  /**
   * The same records' id, bureau_id, day and value without what only the list shows (the subject's joins), where
   * that is cheaper to read: a drilldown counts and sums it, and picks its page's ids from it.
   */
  totals?: string;
  /** What a drilldown row links to. */
  entity: 'visit' | 'lead' | 'project' | 'fund' | 'order';
  /** The column holding the id of the record a row's link opens, when not the row's own (a fund opens its project). */
  linkColumn?: string;
}

const { visitFacts, visitDays, leadFacts, investorNames } = INVESTORS_VIEWS;
const { projectFacts, stageEvents, fundFacts } = PIPELINE_VIEWS;
const { orderFacts } = SUPERVISION_VIEWS;

const VISITS = `
  SELECT v.id, v.bureau_id, v.day, 1::numeric AS value,
         COALESCE(v.lead_investor_name, pi.name, '') || CASE WHEN v.place IS NULL THEN '' ELSE '（' || v.place || '）' END AS subject,
         v.kind AS detail
    FROM ${visitFacts} v
    LEFT JOIN ${projectFacts} p ON p.id = v.project_id LEFT JOIN ${investorNames} pi ON pi.id = p.investor_id`;

const FIRST_ENTRY = (stage: string) => `
  SELECT e.project_id AS id, e.bureau_id, e.business_date AS day, 1::numeric AS value, e.project_name AS subject,
         e.to_stage AS detail
    FROM (SELECT DISTINCT ON (project_id) project_id, bureau_id, project_name, business_date, to_stage
            FROM ${stageEvents} WHERE to_stage = '${stage}' ORDER BY project_id, seq) AS e`;

const SIGNINGS = (value: string) => `
  SELECT p.id, p.bureau_id, p.signed_at AS day, ${value} AS value, p.name AS subject, p.agreement_type AS detail
    FROM ${projectFacts} p WHERE p.signed_at IS NOT NULL`;

const VISIT_DAYS = `SELECT v.id, v.bureau_id, v.day, 1::numeric AS value FROM ${visitDays} v`;

export const METRIC_SOURCES: Record<FigureKey, MetricSource> = {
  visits: { entity: 'visit', sql: VISITS, totals: VISIT_DAYS },
  leaderVisits: { entity: 'visit', sql: `${VISITS} WHERE v.leader_led`, totals: `${VISIT_DAYS} WHERE v.leader_led` },
  newLeads: {
    entity: 'lead',
    sql: `
  SELECT l.id, l.credited_bureau_id AS bureau_id, l.registered_at AS day, 1::numeric AS value,
         l.investor_name AS subject, l.source AS detail
    FROM ${leadFacts} l`,
  },
  negotiating: { entity: 'project', sql: FIRST_ENTRY('negotiating') },
  signedCount: { entity: 'project', sql: SIGNINGS('1::numeric') },
  signedAmount: { entity: 'project', sql: SIGNINGS('COALESCE(p.signed_amount, 0)') },
  registeredCount: { entity: 'project', sql: FIRST_ENTRY('registered') },
  startedCount: { entity: 'project', sql: FIRST_ENTRY('started') },
  operatingCount: { entity: 'project', sql: FIRST_ENTRY('operating') },
  fundsInPlace: {
    entity: 'fund',
    linkColumn: 'project_id',
    sql: `
  SELECT f.id, f.bureau_id, (f.month || '-01')::date AS day, f.amount AS value, f.project_name AS subject,
         f.month AS detail, f.project_id
    FROM ${fundFacts} f`,
  },
  ordersOverdue: {
    entity: 'order',
    sql: `
  SELECT o.id, o.bureau_id, o.overdue_on AS day, 1::numeric AS value, o.matter AS subject, o.status AS detail
    FROM ${orderFacts} o WHERE o.overdue_on IS NOT NULL`,
  },
  ordersClosedLate: {
    entity: 'order',
    sql: `
  SELECT o.id, o.bureau_id, o.closed_on AS day, 1::numeric AS value, o.matter AS subject, o.status AS detail
    FROM ${orderFacts} o WHERE o.closed_on > o.due_date`,
  },
};
