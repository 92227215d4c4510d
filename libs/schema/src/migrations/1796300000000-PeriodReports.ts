import { MigrationInterface, QueryRunner } from 'typeorm';

/** 月报 and 季报: frozen snapshots like the weekly report's, each kind in its own hash chain. */
export class PeriodReports1796300000000 implements MigrationInterface {
  name = 'PeriodReports1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "period_report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(10) NOT NULL, "period" character varying(8) NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "sha256" character(64) NOT NULL, "prev_sha256" character(64), "generated_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_period_report_kind_period_version" UNIQUE ("kind", "period", "version"), CONSTRAINT "PK_period_report" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_period_report_kind_published" ON "period_report" ("kind", "published_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "period_report"`);
  }
}
