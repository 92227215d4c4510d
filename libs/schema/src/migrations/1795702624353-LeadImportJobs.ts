import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadImportJobs1795702624353 implements MigrationInterface {
  name = 'LeadImportJobs1795702624353';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "lead_import_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bureau_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "mode" character varying(10) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'queued', "total_rows" integer NOT NULL, "processed_rows" integer NOT NULL DEFAULT '0', "report" jsonb, "error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_lead_import_job_mode" CHECK (mode IN ('dry-run', 'commit')), CONSTRAINT "chk_lead_import_job_status" CHECK (status IN ('queued', 'running', 'done', 'failed')), CONSTRAINT "PK_929303ffb30e0ba1bcb57821719" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_lead_import_job_created" ON "lead_import_job" ("created_at") `);
    await queryRunner.query(
      `ALTER TABLE "lead_import_job" ADD CONSTRAINT "FK_4a81d3f769e51fc09862452dda1" FOREIGN KEY ("bureau_id") REFERENCES "bureau"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_import_job" ADD CONSTRAINT "FK_b3209a7f7f730b2c2a981cd0064" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead_import_job" DROP CONSTRAINT "FK_b3209a7f7f730b2c2a981cd0064"`);
    await queryRunner.query(`ALTER TABLE "lead_import_job" DROP CONSTRAINT "FK_4a81d3f769e51fc09862452dda1"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_import_job_created"`);
    await queryRunner.query(`DROP TABLE "lead_import_job"`);
  }
}
