import { MigrationInterface, QueryRunner } from 'typeorm';

export class Investors1795693009274 implements MigrationInterface {
  name = 'Investors1795693009274';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // trigram similarity finds near-duplicate company names (PGlite loads the extension too)
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "idempotency_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(200) NOT NULL, "user_id" uuid NOT NULL, "method" character varying(10) NOT NULL, "path" character varying(300) NOT NULL, "body_hash" character(64) NOT NULL, "status" integer, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_idempotency_record_user_key" UNIQUE ("user_id", "key"), CONSTRAINT "PK_0dc165e218120167e4a55dcc8d4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_idempotency_record_created" ON "idempotency_record" ("created_at") `);
    await queryRunner.query(
      `CREATE TABLE "investor" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "normalized_name" character varying(200) NOT NULL, "uscc" character varying(18), "industry" character varying(50), "chain_position" character varying(50), "is_chain_leader" boolean NOT NULL DEFAULT false, "region" character varying(100), "created_by_id" uuid NOT NULL, "created_by_bureau_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c60a173349549955c39d3703551" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_investor_normalized_name" ON "investor" ("normalized_name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_investor_uscc" ON "investor" ("uscc") WHERE uscc IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "idx_investor_normalized_name_trgm" ON "investor" USING gin ("normalized_name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE TABLE "investor_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "investor_id" uuid NOT NULL, "name" character varying(50) NOT NULL, "title" character varying(50), "phone" character varying(30), "email" character varying(100), "wechat" character varying(50), "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a2ea5ff38bbab2174d6df859345" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_investor_contact_investor" ON "investor_contact" ("investor_id") `);
    await queryRunner.query(
      `CREATE TABLE "lead" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "investor_id" uuid NOT NULL, "bureau_id" uuid NOT NULL, "officer_id" uuid NOT NULL, "source" character varying(20) NOT NULL, "industry" character varying(50), "intended_amount" numeric(14,2), "next_follow_up_at" date, "last_contact_at" date, "status" character varying(12) NOT NULL DEFAULT 'open', "drop_reason" character varying(500), "closed_at" TIMESTAMP WITH TIME ZONE, "note" character varying(1000), "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_lead_amount" CHECK (intended_amount IS NULL OR intended_amount >= 0), CONSTRAINT "chk_lead_status" CHECK (status IN ('open', 'converted', 'dropped')), CONSTRAINT "chk_lead_source" CHECK (source IN ('business_referral', 'fair', 'agency', 'visit', 'higher_level', 'online', 'other')), CONSTRAINT "PK_ca96c1888f7dcfccab72b72fffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_lead_bureau_follow_up" ON "lead" ("bureau_id", "next_follow_up_at") `);
    await queryRunner.query(`CREATE INDEX "idx_lead_officer" ON "lead" ("officer_id") `);
    await queryRunner.query(`CREATE INDEX "idx_lead_bureau_created" ON "lead" ("bureau_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "idx_lead_investor" ON "lead" ("investor_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_lead_open_investor" ON "lead" ("investor_id") WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE TABLE "lead_transfer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lead_id" uuid NOT NULL, "from_bureau_id" uuid NOT NULL, "to_bureau_id" uuid NOT NULL, "requested_by_id" uuid NOT NULL, "reason" character varying(500) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'pending', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_lead_transfer_status" CHECK (status IN ('pending', 'approved', 'rejected')), CONSTRAINT "PK_151a1c75709340adf159594d805" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_lead_transfer_to" ON "lead_transfer" ("to_bureau_id", "status") `);
    await queryRunner.query(`CREATE INDEX "idx_lead_transfer_from" ON "lead_transfer" ("from_bureau_id", "status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_lead_transfer_pending" ON "lead_transfer" ("lead_id") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "visit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lead_id" uuid, "project_id" uuid, "bureau_id" uuid NOT NULL, "officer_id" uuid NOT NULL, "date" date NOT NULL, "kind" character varying(10) NOT NULL, "place" character varying(200), "participants" character varying(1000), "leader_ids" uuid array NOT NULL DEFAULT '{}', "leader_led" boolean NOT NULL DEFAULT false, "summary" character varying(4000) NOT NULL, "next_steps" character varying(2000), "next_follow_up_at" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_visit_subject" CHECK (lead_id IS NOT NULL OR project_id IS NOT NULL), CONSTRAINT "chk_visit_kind" CHECK (kind IN ('outbound', 'inbound', 'call', 'fair')), CONSTRAINT "PK_c9919ef5a07627657c535d8eb88" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_visit_date" ON "visit" ("date") `);
    await queryRunner.query(`CREATE INDEX "idx_visit_officer_date" ON "visit" ("officer_id", "date") `);
    await queryRunner.query(`CREATE INDEX "idx_visit_lead_date" ON "visit" ("lead_id", "date") `);
    await queryRunner.query(`CREATE INDEX "idx_visit_bureau_date" ON "visit" ("bureau_id", "date") `);
    await queryRunner.query(
      `ALTER TABLE "investor" ADD CONSTRAINT "FK_a80aa4f7407c85fa533f5673c00" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "investor" ADD CONSTRAINT "FK_c9553508d7f5e3fa2a1571c2aeb" FOREIGN KEY ("created_by_bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "investor_contact" ADD CONSTRAINT "FK_9accc74112ffbc4742f736ce88f" FOREIGN KEY ("investor_id") REFERENCES "investor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead" ADD CONSTRAINT "FK_4329f0d6108424d9d0509975160" FOREIGN KEY ("investor_id") REFERENCES "investor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead" ADD CONSTRAINT "FK_81ce78a13bd6f23b2b7e0746848" FOREIGN KEY ("bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead" ADD CONSTRAINT "FK_16bb9191aa80c08f556361adb37" FOREIGN KEY ("officer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_transfer" ADD CONSTRAINT "FK_54b26c1bbb1d5b683613b76ee69" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_transfer" ADD CONSTRAINT "FK_6f8bc14ef11adf6a09b1294f622" FOREIGN KEY ("from_bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_transfer" ADD CONSTRAINT "FK_730438d71b3fae389d52ec67346" FOREIGN KEY ("to_bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_transfer" ADD CONSTRAINT "FK_c5c0e5d10a02c98db2036f9159e" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_transfer" ADD CONSTRAINT "FK_7129843bbd61e1cda8e0b3812e8" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "visit" ADD CONSTRAINT "FK_2cab3336eb960e362de15b71eed" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "visit" ADD CONSTRAINT "FK_20308cbccc1a47c24077b4f4392" FOREIGN KEY ("bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "visit" ADD CONSTRAINT "FK_a50ead09b2b5c30a15b77e13175" FOREIGN KEY ("officer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_a50ead09b2b5c30a15b77e13175"`);
    await queryRunner.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_20308cbccc1a47c24077b4f4392"`);
    await queryRunner.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_2cab3336eb960e362de15b71eed"`);
    await queryRunner.query(`ALTER TABLE "lead_transfer" DROP CONSTRAINT "FK_7129843bbd61e1cda8e0b3812e8"`);
    await queryRunner.query(`ALTER TABLE "lead_transfer" DROP CONSTRAINT "FK_c5c0e5d10a02c98db2036f9159e"`);
    await queryRunner.query(`ALTER TABLE "lead_transfer" DROP CONSTRAINT "FK_730438d71b3fae389d52ec67346"`);
    await queryRunner.query(`ALTER TABLE "lead_transfer" DROP CONSTRAINT "FK_6f8bc14ef11adf6a09b1294f622"`);
    await queryRunner.query(`ALTER TABLE "lead_transfer" DROP CONSTRAINT "FK_54b26c1bbb1d5b683613b76ee69"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP CONSTRAINT "FK_16bb9191aa80c08f556361adb37"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP CONSTRAINT "FK_81ce78a13bd6f23b2b7e0746848"`);
    await queryRunner.query(`ALTER TABLE "lead" DROP CONSTRAINT "FK_4329f0d6108424d9d0509975160"`);
    await queryRunner.query(`ALTER TABLE "investor_contact" DROP CONSTRAINT "FK_9accc74112ffbc4742f736ce88f"`);
    await queryRunner.query(`ALTER TABLE "investor" DROP CONSTRAINT "FK_c9553508d7f5e3fa2a1571c2aeb"`);
    await queryRunner.query(`ALTER TABLE "investor" DROP CONSTRAINT "FK_a80aa4f7407c85fa533f5673c00"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_bureau_date"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_lead_date"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_officer_date"`);
    await queryRunner.query(`DROP INDEX "public"."idx_visit_date"`);
    await queryRunner.query(`DROP TABLE "visit"`);
    await queryRunner.query(`DROP INDEX "public"."uq_lead_transfer_pending"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_transfer_from"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_transfer_to"`);
    await queryRunner.query(`DROP TABLE "lead_transfer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_lead_open_investor"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_investor"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_bureau_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_officer"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lead_bureau_follow_up"`);
    await queryRunner.query(`DROP TABLE "lead"`);
    await queryRunner.query(`DROP INDEX "public"."idx_investor_contact_investor"`);
    await queryRunner.query(`DROP TABLE "investor_contact"`);
    await queryRunner.query(`DROP INDEX "public"."idx_investor_normalized_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."uq_investor_uscc"`);
    await queryRunner.query(`DROP INDEX "public"."idx_investor_normalized_name"`);
    await queryRunner.query(`DROP TABLE "investor"`);
    await queryRunner.query(`DROP INDEX "public"."idx_idempotency_record_created"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
  }
}
