import { MigrationInterface, QueryRunner } from 'typeorm';

export class WeeklyReports1795693955106 implements MigrationInterface {
  name = 'WeeklyReports1795693955106';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "weekly_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "week" character varying(8) NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "sha256" character(64) NOT NULL, "prev_sha256" character(64), "generated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_weekly_report_week_version" UNIQUE ("week", "version"), CONSTRAINT "PK_4d1d34740a604ed29e1a8ef5e23" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "weekly_report"`);
  }
}
