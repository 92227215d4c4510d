import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lead's 登记日期 (`registered_at`): the business day it counts as a new lead on, which an import or a head may
 * set to the day it was really registered. Existing leads keep the day they were entered (in the district's time
 * zone, as the rankings counted them until now).
 */
export class LeadRegisteredAt1795712000001 implements MigrationInterface {
  name = 'LeadRegisteredAt1795712000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lead" ADD "registered_at" date`);
    await queryRunner.query(`UPDATE "lead" SET "registered_at" = ("created_at" AT TIME ZONE 'Asia/Shanghai')::date`);
    await queryRunner.query(`ALTER TABLE "lead" ALTER COLUMN "registered_at" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_lead_bureau_registered" ON "lead" ("bureau_id", "registered_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_lead_bureau_registered"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP COLUMN "registered_at"`);
  }
}
