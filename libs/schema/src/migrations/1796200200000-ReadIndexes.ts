import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes and a view for the screens people wait for (issue 19):
 * - the visit list filtered by kind: its page in order and its total from one index;
 * - the lead list by status (open leads): its total from one index and its page in order;
 * - the investor list in its default order (newest first), by industry and by name, and its text search: the registry's names
 *   get a trigram index beside the normalised names', so that `normalized LIKE … OR name ILIKE … OR uscc = …`
 *   is a union of index scans instead of a scan of every investor;
 * - the project list in its default order (last changed first), with and without a stage (the project board);
 * - `investors_visit_days`: visits by bureau and day without the joins of `investors_visit_facts`, so that a
 *   drilldown's total and sum are counted from the visit index alone.
 */
export class ReadIndexes1796200200000 implements MigrationInterface {
  name = 'ReadIndexes1796200200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_visit_bureau_kind_date_created" ON "visit" ("bureau_id", "kind", "date", "created_at")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_investor_created" ON "investor" ("created_at")`);
    await queryRunner.query(`CREATE INDEX "idx_investor_industry_created" ON "investor" ("industry", "created_at")`);
    await queryRunner.query(
      `CREATE INDEX "idx_lead_bureau_status_created" ON "lead" ("bureau_id", "status", "created_at")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_investor_name" ON "investor" ("name")`);
    await queryRunner.query(`CREATE INDEX "idx_investor_name_trgm" ON "investor" USING gin ("name" gin_trgm_ops)`);
    // read backwards, (updated_at, id DESC) is the list's order: updated_at DESC NULLS FIRST, then id ascending
    await queryRunner.query(
      `CREATE INDEX "idx_project_bureau_updated" ON "project" ("bureau_id", "updated_at", "id" DESC)`,
    );
    await queryRunner.query(`DROP INDEX "public"."idx_project_bureau_stage"`);
    await queryRunner.query(
      `CREATE INDEX "idx_project_bureau_stage_updated" ON "project" ("bureau_id", "stage", "updated_at", "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE VIEW "investors_visit_days" AS SELECT v.id, v.bureau_id, v.date AS day, v.leader_led FROM visit v`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "investors_visit_days"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_bureau_stage_updated"`);
    await queryRunner.query(`CREATE INDEX "idx_project_bureau_stage" ON "project" ("bureau_id", "stage") `);
    await queryRunner.query(`DROP INDEX "public"."idx_project_bureau_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_investor_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."idx_investor_name"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_bureau_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_investor_industry_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_investor_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_bureau_kind_date_created"`);
  }
}
