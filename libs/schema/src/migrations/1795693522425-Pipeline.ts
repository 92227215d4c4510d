import { MigrationInterface, QueryRunner } from 'typeorm';

export class Pipeline1795693522425 implements MigrationInterface {
  name = 'Pipeline1795693522425';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "project" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "investor_id" uuid NOT NULL, "bureau_id" uuid NOT NULL, "lead_id" uuid, "industry" character varying(50), "planned_investment" numeric(14,2), "location" character varying(200), "is_key_project" boolean NOT NULL DEFAULT false, "planned_start_month" character varying(7), "responsible_leader_id" uuid, "officer_id" uuid NOT NULL, "stage" character varying(12) NOT NULL, "version" integer NOT NULL DEFAULT '1', "terminated_from_stage" character varying(12), "signed_at" date, "signed_amount" numeric(14,2), "agreement_type" character varying(10), "registered_at" date, "local_company_uscc" character varying(18), "started_at" date, "operating_at" date, "terminated_at" date, "terminated_reason" character varying(500), "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_project_version" CHECK (version >= 1), CONSTRAINT "chk_project_amounts" CHECK ((planned_investment IS NULL OR planned_investment >= 0) AND (signed_amount IS NULL OR signed_amount >= 0)), CONSTRAINT "chk_project_agreement_type" CHECK (agreement_type IS NULL OR agreement_type IN ('framework', 'formal')), CONSTRAINT "chk_project_terminated_from" CHECK (terminated_from_stage IS NULL OR terminated_from_stage IN ('reserve', 'negotiating', 'signed', 'registered', 'started', 'operating')), CONSTRAINT "chk_project_stage" CHECK (stage IN ('reserve', 'negotiating', 'signed', 'registered', 'started', 'operating', 'terminated')), CONSTRAINT "PK_4d68b1358bb5b766d3e78f32f57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_project_started_at" ON "project" ("started_at") `);
    await queryRunner.query(`CREATE INDEX "idx_project_signed_at" ON "project" ("signed_at") `);
    await queryRunner.query(`CREATE INDEX "idx_project_leader" ON "project" ("responsible_leader_id") `);
    await queryRunner.query(`CREATE INDEX "idx_project_investor" ON "project" ("investor_id") `);
    await queryRunner.query(`CREATE INDEX "idx_project_bureau_stage" ON "project" ("bureau_id", "stage") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_project_lead" ON "project" ("lead_id") WHERE lead_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "project_stage_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "seq" integer NOT NULL, "from_stage" character varying(12), "to_stage" character varying(12) NOT NULL, "business_date" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid NOT NULL, "note" character varying(1000), "gate" jsonb, "is_correction" boolean NOT NULL DEFAULT false, "counts_as_signing" boolean NOT NULL DEFAULT false, CONSTRAINT "chk_project_stage_event_from" CHECK (from_stage IS NULL OR from_stage IN ('reserve', 'negotiating', 'signed', 'registered', 'started', 'operating', 'terminated')), CONSTRAINT "chk_project_stage_event_to" CHECK (to_stage IN ('reserve', 'negotiating', 'signed', 'registered', 'started', 'operating', 'terminated')), CONSTRAINT "PK_ead171d0f93c9fc611a740c3e20" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_project_stage_event_to_date" ON "project_stage_event" ("to_stage", "business_date") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_stage_event_seq" ON "project_stage_event" ("project_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "project_fund" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "month" character varying(7) NOT NULL, "amount" numeric(14,2) NOT NULL, "note" character varying(500), "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_project_fund_month" CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "chk_project_fund_amount" CHECK (amount >= 0), CONSTRAINT "PK_92fd1877eb35aba300fc71c8e28" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_project_fund_month" ON "project_fund" ("month") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_project_fund_month" ON "project_fund" ("project_id", "month") `);
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "FK_c3c7889a1607386a552c8046d04" FOREIGN KEY ("investor_id") REFERENCES "investor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "FK_c859952608e78350d25d909b5cd" FOREIGN KEY ("bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "FK_b51e0cc595d8cda4e2bc89bacc9" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "FK_507b7410ba3afd967c6f35ba5dd" FOREIGN KEY ("responsible_leader_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project" ADD CONSTRAINT "FK_04e9138a323fabdb8989e9497c3" FOREIGN KEY ("officer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_stage_event" ADD CONSTRAINT "FK_78a4490c7a56a32d1ce1b0978d8" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_stage_event" ADD CONSTRAINT "FK_6db76261a3f3d802e5fc0bff26f" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_fund" ADD CONSTRAINT "FK_8746d5784755ef74d721a22d945" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_fund" ADD CONSTRAINT "FK_015e09b7f044f35524f7501d104" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_fund" DROP CONSTRAINT "FK_015e09b7f044f35524f7501d104"`);
    await queryRunner.query(`ALTER TABLE "project_fund" DROP CONSTRAINT "FK_8746d5784755ef74d721a22d945"`);
    await queryRunner.query(`ALTER TABLE "project_stage_event" DROP CONSTRAINT "FK_6db76261a3f3d802e5fc0bff26f"`);
    await queryRunner.query(`ALTER TABLE "project_stage_event" DROP CONSTRAINT "FK_78a4490c7a56a32d1ce1b0978d8"`);
    await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_04e9138a323fabdb8989e9497c3"`);
    await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_507b7410ba3afd967c6f35ba5dd"`);
    await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_b51e0cc595d8cda4e2bc89bacc9"`);
    await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_c859952608e78350d25d909b5cd"`);
    await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_c3c7889a1607386a552c8046d04"`);
    await queryRunner.query(`DROP INDEX "public"."uq_project_fund_month"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_fund_month"`);
    await queryRunner.query(`DROP TABLE "project_fund"`);
    await queryRunner.query(`DROP INDEX "public"."uq_project_stage_event_seq"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_stage_event_to_date"`);
    await queryRunner.query(`DROP TABLE "project_stage_event"`);
    await queryRunner.query(`DROP INDEX "public"."uq_project_lead"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_bureau_stage"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_investor"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_leader"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_signed_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_started_at"`);
    await queryRunner.query(`DROP TABLE "project"`);
  }
}
