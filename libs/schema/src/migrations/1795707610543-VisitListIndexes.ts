import { MigrationInterface, QueryRunner } from 'typeorm';

export class VisitListIndexes1795707610543 implements MigrationInterface {
  name = 'VisitListIndexes1795707610543';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_visit_date"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_bureau_date"`);
    await queryRunner.query(
      `CREATE INDEX "idx_visit_project_date" ON "visit" ("project_id", "date") WHERE project_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "idx_visit_bureau_created" ON "visit" ("bureau_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_visit_date_created" ON "visit" ("date", "created_at") `);
    await queryRunner.query(
      `CREATE INDEX "idx_visit_bureau_date_created" ON "visit" ("bureau_id", "date", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_visit_bureau_date_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_date_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_bureau_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_project_date"`);
    await queryRunner.query(`CREATE INDEX "idx_visit_bureau_date" ON "visit" ("bureau_id", "date") `);
    await queryRunner.query(`CREATE INDEX "idx_visit_date" ON "visit" ("date") `);
  }
}
