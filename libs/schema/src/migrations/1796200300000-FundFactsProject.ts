import { MigrationInterface, QueryRunner } from 'typeorm';

/** The funds' read view names each fund's project, so that a drilldown of 到位资金 links to the project's page. */
export class FundFactsProject1796200300000 implements MigrationInterface {
  name = 'FundFactsProject1796200300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "pipeline_fund_facts" AS
       SELECT f.id, p.bureau_id, p.name AS project_name, f.month, f.amount, f.project_id
         FROM project_fund f JOIN project p ON p.id = f.project_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "pipeline_fund_facts"`);
    await queryRunner.query(
      `CREATE VIEW "pipeline_fund_facts" AS
       SELECT f.id, p.bureau_id, p.name AS project_name, f.month, f.amount
         FROM project_fund f JOIN project p ON p.id = f.project_id`,
    );
  }
}
