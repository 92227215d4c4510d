import { MigrationInterface, QueryRunner } from 'typeorm';

/** 企业诉求: handling departments, requests under 首办责任制 and their immutable events. */
export class ServiceRequests1796200600000 implements MigrationInterface {
  name = 'ServiceRequests1796200600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "service_department" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "is_active" boolean NOT NULL DEFAULT true, "sort_order" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0cee18bf8d2bdaa2f4efdf287b4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_service_department_name" ON "service_department" ("name") `);
    await queryRunner.query(
      `CREATE TABLE "service_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "investor_id" uuid NOT NULL, "bureau_id" uuid NOT NULL, "received_by_id" uuid NOT NULL, "kind" character varying(12) NOT NULL, "channel" character varying(16) NOT NULL, "visit_id" uuid, "content" character varying(2000) NOT NULL, "received_on" date NOT NULL, "due_on" date NOT NULL, "status" character varying(10) NOT NULL, "department_id" uuid, "last_event_on" date NOT NULL, "resolved_on" date, "resolution" character varying(2000), "closed_on" date, "satisfaction" character varying(20), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_service_request_version" CHECK (version >= 1), CONSTRAINT "chk_service_request_satisfaction" CHECK (satisfaction IS NULL OR satisfaction IN ('satisfied', 'basically_satisfied', 'unsatisfied')), CONSTRAINT "chk_service_request_status" CHECK (status IN ('received', 'routed', 'resolved', 'closed')), CONSTRAINT "chk_service_request_channel" CHECK (channel IN ('visit', 'hotline_12345', 'fuzhengtong', 'call_or_visit', 'other')), CONSTRAINT "chk_service_request_kind" CHECK (kind IN ('land', 'approval', 'utilities', 'financing', 'labour', 'policy', 'other')), CONSTRAINT "PK_08446fa58294cb2dd0b6ff9e5a7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_service_request_investor" ON "service_request" ("investor_id") `);
    await queryRunner.query(`CREATE INDEX "idx_service_request_received_on" ON "service_request" ("received_on") `);
    await queryRunner.query(
      `CREATE INDEX "idx_service_request_bureau_status" ON "service_request" ("bureau_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_request_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "seq" integer NOT NULL, "type" character varying(10) NOT NULL, "business_date" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid NOT NULL, "note" character varying(2000), "department_id" uuid, "satisfaction" character varying(20), CONSTRAINT "chk_service_request_event_type" CHECK (type IN ('received', 'routed', 'reply', 'resolved', 'feedback')), CONSTRAINT "PK_71c0fe9e53bd79be73c7dc85654" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_service_request_event_seq" ON "service_request_event" ("request_id", "seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "service_request" ADD CONSTRAINT "FK_90b5a1f21a66bf7cb41573cdcd1" FOREIGN KEY ("department_id") REFERENCES "service_department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_request" ADD CONSTRAINT "FK_8d291c9ce7fc587375f16b713c0" FOREIGN KEY ("investor_id") REFERENCES "investor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_request" ADD CONSTRAINT "FK_a0ff10b6782617476e59559da2e" FOREIGN KEY ("bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_request" ADD CONSTRAINT "FK_e36daa88ab0a5a479c06af16b40" FOREIGN KEY ("received_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_request" ADD CONSTRAINT "FK_7eab6edbddfa256d76a8206bf94" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_request_event" ADD CONSTRAINT "FK_abc147b2edc1fda29148f9fb26a" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_request_event" ADD CONSTRAINT "FK_80b153529805aee4018feb07a22" FOREIGN KEY ("department_id") REFERENCES "service_department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_request_event" ADD CONSTRAINT "FK_71cde37e0a2c76f860ea447343a" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_request_event" DROP CONSTRAINT "FK_71cde37e0a2c76f860ea447343a"`);
    await queryRunner.query(`ALTER TABLE "service_request_event" DROP CONSTRAINT "FK_80b153529805aee4018feb07a22"`);
    await queryRunner.query(`ALTER TABLE "service_request_event" DROP CONSTRAINT "FK_abc147b2edc1fda29148f9fb26a"`);
    await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_7eab6edbddfa256d76a8206bf94"`);
    await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_e36daa88ab0a5a479c06af16b40"`);
    await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_a0ff10b6782617476e59559da2e"`);
    await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_8d291c9ce7fc587375f16b713c0"`);
    await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_90b5a1f21a66bf7cb41573cdcd1"`);
    await queryRunner.query(`DROP INDEX "public"."uq_service_request_event_seq"`);
    await queryRunner.query(`DROP TABLE "service_request_event"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_request_bureau_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_request_received_on"`);
    await queryRunner.query(`DROP INDEX "public"."idx_service_request_investor"`);
    await queryRunner.query(`DROP TABLE "service_request"`);
    await queryRunner.query(`DROP INDEX "public"."uq_service_department_name"`);
    await queryRunner.query(`DROP TABLE "service_department"`);
  }
}
