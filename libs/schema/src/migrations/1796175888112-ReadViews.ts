import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read views through which other libraries read the investors' and the pipeline's records in SQL (the
 * rankings' sources, drilldowns and funnel): each view reads only the tables of the library it is named after.
 */
export class ReadViews1796175888112 implements MigrationInterface {
  name = 'ReadViews1796175888112';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE VIEW "investors_visit_facts" AS
       SELECT v.id, v.bureau_id, v.date AS day, v.kind, v.place, v.leader_led, v.lead_id, v.project_id,
              i.name AS lead_investor_name
         FROM visit v LEFT JOIN lead l ON l.id = v.lead_id LEFT JOIN investor i ON i.id = l.investor_id`,
    );
    await queryRunner.query(
      `CREATE VIEW "investors_lead_facts" AS
       SELECT l.id, COALESCE(t.from_bureau_id, l.bureau_id) AS credited_bureau_id, l.registered_at, l.source,
              i.name AS investor_name
         FROM lead l JOIN investor i ON i.id = l.investor_id
         LEFT JOIN LATERAL (SELECT from_bureau_id FROM lead_transfer
                             WHERE lead_id = l.id AND status = 'approved' ORDER BY decided_at LIMIT 1) AS t ON true`,
    );
    await queryRunner.query(`CREATE VIEW "investors_investor_names" AS SELECT id, name FROM investor`);
    await queryRunner.query(
      `CREATE VIEW "pipeline_project_facts" AS
       SELECT id, bureau_id, name, investor_id, signed_at, signed_amount, agreement_type FROM project`,
    );
    await queryRunner.query(
      `CREATE VIEW "pipeline_stage_events" AS
       SELECT e.project_id, p.bureau_id, p.name AS project_name, e.seq, e.to_stage, e.business_date
         FROM project_stage_event e JOIN project p ON p.id = e.project_id`,
    );
    await queryRunner.query(
      `CREATE VIEW "pipeline_fund_facts" AS
       SELECT f.id, p.bureau_id, p.name AS project_name, f.month, f.amount
         FROM project_fund f JOIN project p ON p.id = f.project_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const view of [
      'pipeline_fund_facts',
      'pipeline_stage_events',
      'pipeline_project_facts',
      'investors_investor_names',
      'investors_lead_facts',
      'investors_visit_facts',
    ]) {
      await queryRunner.query(`DROP VIEW "${view}"`);
    }
  }
}
