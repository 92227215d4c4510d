import { MigrationInterface, QueryRunner } from 'typeorm';

export class Rankings1795693704322 implements MigrationInterface {
  name = 'Rankings1795693704322';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bureau_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bureau_id" uuid NOT NULL, "year" integer NOT NULL, "visits" integer NOT NULL DEFAULT '0', "new_leads" integer NOT NULL DEFAULT '0', "signed_count" integer NOT NULL DEFAULT '0', "signed_amount" numeric(16,2) NOT NULL DEFAULT '0', "started_count" integer NOT NULL DEFAULT '0', "funds_in_place" numeric(16,2) NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_bureau_target_year" UNIQUE ("bureau_id", "year"), CONSTRAINT "PK_1efff5796e6a49e65080d6fb712" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ranking_weights" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "effective_from" date NOT NULL, "visits" integer NOT NULL, "new_leads" integer NOT NULL, "signed_count" integer NOT NULL, "signed_amount" integer NOT NULL, "started_count" integer NOT NULL, "funds_in_place" integer NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9ae63ac78983497a12e114055ad" UNIQUE ("effective_from"), CONSTRAINT "PK_2801966ead70d2a3ff2a7866013" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bureau_daily_stat" ("visits" integer NOT NULL DEFAULT '0', "leader_visits" integer NOT NULL DEFAULT '0', "new_leads" integer NOT NULL DEFAULT '0', "negotiating" integer NOT NULL DEFAULT '0', "signed_count" integer NOT NULL DEFAULT '0', "signed_amount" numeric(16,2) NOT NULL DEFAULT '0', "registered_count" integer NOT NULL DEFAULT '0', "started_count" integer NOT NULL DEFAULT '0', "operating_count" integer NOT NULL DEFAULT '0', "funds_in_place" numeric(16,2) NOT NULL DEFAULT '0', "bureau_id" uuid NOT NULL, "day" date NOT NULL, CONSTRAINT "PK_10671b661281b0207f8babddf6c" PRIMARY KEY ("bureau_id", "day"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_bureau_daily_stat_day" ON "bureau_daily_stat" ("day") `);
    await queryRunner.query(
      `CREATE TABLE "bureau_stat_delta" ("visits" integer NOT NULL DEFAULT '0', "leader_visits" integer NOT NULL DEFAULT '0', "new_leads" integer NOT NULL DEFAULT '0', "negotiating" integer NOT NULL DEFAULT '0', "signed_count" integer NOT NULL DEFAULT '0', "signed_amount" numeric(16,2) NOT NULL DEFAULT '0', "registered_count" integer NOT NULL DEFAULT '0', "started_count" integer NOT NULL DEFAULT '0', "operating_count" integer NOT NULL DEFAULT '0', "funds_in_place" numeric(16,2) NOT NULL DEFAULT '0', "id" BIGSERIAL NOT NULL, "bureau_id" uuid NOT NULL, "day" date NOT NULL, CONSTRAINT "PK_634bd500cd170cbab40d1fe016f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_bureau_stat_delta_day" ON "bureau_stat_delta" ("day") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_bureau_stat_delta_day"`);
    await queryRunner.query(`DROP TABLE "bureau_stat_delta"`);
    await queryRunner.query(`DROP INDEX "public"."idx_bureau_daily_stat_day"`);
    await queryRunner.query(`DROP TABLE "bureau_daily_stat"`);
    await queryRunner.query(`DROP TABLE "ranking_weights"`);
    await queryRunner.query(`DROP TABLE "bureau_target"`);
  }
}
