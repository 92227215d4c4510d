import { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1795695025230 implements MigrationInterface {
  name = 'Alerts1795695025230';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alert_run" ("id" integer NOT NULL, "computed_on" date NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_da07d439d6016011426fbbc205a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "alert" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "computed_on" date NOT NULL, "kind" character varying(40) NOT NULL, "level" character varying(6) NOT NULL, "bureau_id" uuid NOT NULL, "entity" character varying(10) NOT NULL, "entity_id" uuid NOT NULL, "subject" character varying(200) NOT NULL, "overdue" integer NOT NULL, "since" date NOT NULL, CONSTRAINT "PK_ad91cad659a3536465d564a4b2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_alert_bureau_level" ON "alert" ("bureau_id", "level") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_alert_bureau_level"`);
    await queryRunner.query(`DROP TABLE "alert"`);
    await queryRunner.query(`DROP TABLE "alert_run"`);
  }
}
