/**
 * The SQL views through which other libraries read the investors' records (migrated with the schema; each reads
 * only this library's tables). Their columns:
 * - `visitFacts`: id, bureau_id, day (the visit date), kind, place, leader_led, lead_id, project_id,
 *   lead_investor_name (the investor of the visit's lead, if any);
 * - `leadFacts`: id, credited_bureau_id (the bureau that registered it first: a transfer moves ownership, not
 *   the credit), registered_at, source, investor_name;
 * - `investorNames`: id, name;
 * - `investorRefs`: id, name, uscc (how another library's answer names a company);
 * - `visitDays`: id, bureau_id, day, leader_led — the visits alone, without the joins of `visitFacts`, so that a
 *   count by bureau and day is answered from the visit index;
 * - `leadCompanies`: id, investor_id, bureau_id, registered_at, status (which company each lead is on);
 * - `visitCompanies`: id, investor_id, day (each visit of a lead, by the lead's company).
 */
export const INVESTORS_VIEWS = {
  visitFacts: 'investors_visit_facts',
  leadFacts: 'investors_lead_facts',
  investorNames: 'investors_investor_names',
  investorRefs: 'investors_investor_refs',
  visitDays: 'investors_visit_days',
  leadCompanies: 'investors_lead_companies',
  visitCompanies: 'investors_visit_companies',
} as const;
