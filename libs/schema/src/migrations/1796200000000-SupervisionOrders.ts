import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision orders (督办单) and their immutable events (a trigger refuses updates and deletes, as on stage
 * events), and each bureau's 分管领导.
 */
export class SupervisionOrders1796200000000 implements MigrationInterface {
  name = 'SupervisionOrders1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "supervision_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "matter" character varying(200) NOT NULL, "requirement" character varying(2000) NOT NULL, "due_date" date NOT NULL, "original_due_date" date NOT NULL, "bureau_id" uuid NOT NULL, "project_id" uuid, "lead_id" uuid, "alert_id" uuid, "alert_message" character varying(300), "issuer_id" uuid NOT NULL, "handler_id" uuid, "status" character varying(24) NOT NULL, "extension_requested" boolean NOT NULL DEFAULT false, "requested_due_date" date, "issued_on" date NOT NULL, "closed_on" date, "escalated_on" date, "escalated_to_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_supervision_order_version" CHECK (version >= 1), CONSTRAINT "chk_supervision_order_status" CHECK (status IN ('issued', 'in_progress', 'extension_requested', 'reported', 'closed')), CONSTRAINT "PK_06e97a9250b4c76e4be9a99de66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_supervision_order_due" ON "supervision_order" ("due_date") `);
    await queryRunner.query(
      `CREATE INDEX "idx_supervision_order_bureau_status" ON "supervision_order" ("bureau_id", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "supervision_order_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "seq" integer NOT NULL, "action" character varying(24) NOT NULL, "from_status" character varying(24), "to_status" character varying(24) NOT NULL, "business_date" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "note" character varying(2000), "data" jsonb, CONSTRAINT "PK_3315a7be3b0c03fdb79dcba3d69" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supervision_order_event_escalation" ON "supervision_order_event" ("order_id") WHERE action = 'escalate'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supervision_order_event_seq" ON "supervision_order_event" ("order_id", "seq") `,
    );
    await queryRunner.query(`ALTER TABLE "bureau" ADD "leader_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "supervision_order" ADD CONSTRAINT "FK_d1cacf3479d8388cf8d6061fdb9" FOREIGN KEY ("bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_order" ADD CONSTRAINT "FK_2e70519351e23f30c47fc3c6409" FOREIGN KEY ("issuer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_order" ADD CONSTRAINT "FK_221cdda711277dbd87f70b59e14" FOREIGN KEY ("handler_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_order_event" ADD CONSTRAINT "FK_d1a5fce1e1f61a2ffa425289bc8" FOREIGN KEY ("order_id") REFERENCES "supervision_order"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "supervision_order_event" ADD CONSTRAINT "FK_b41828286cacd5d839f2e48ea05" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      CREATE FUNCTION supervision_order_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'supervision_order_event rows are immutable' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_supervision_order_event_immutable
        BEFORE UPDATE OR DELETE ON supervision_order_event
        FOR EACH ROW EXECUTE FUNCTION supervision_order_event_immutable()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_supervision_order_event_immutable ON supervision_order_event`);
    await queryRunner.query(`DROP FUNCTION supervision_order_event_immutable()`);
    await queryRunner.query(`ALTER TABLE "supervision_order_event" DROP CONSTRAINT "FK_b41828286cacd5d839f2e48ea05"`);
    await queryRunner.query(`ALTER TABLE "supervision_order_event" DROP CONSTRAINT "FK_d1a5fce1e1f61a2ffa425289bc8"`);
    await queryRunner.query(`ALTER TABLE "supervision_order" DROP CONSTRAINT "FK_221cdda711277dbd87f70b59e14"`);
    await queryRunner.query(`ALTER TABLE "supervision_order" DROP CONSTRAINT "FK_2e70519351e23f30c47fc3c6409"`);
    await queryRunner.query(`ALTER TABLE "supervision_order" DROP CONSTRAINT "FK_d1cacf3479d8388cf8d6061fdb9"`);
    await queryRunner.query(`ALTER TABLE "bureau" DROP COLUMN "leader_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_supervision_order_event_seq"`);
    await queryRunner.query(`DROP INDEX "public"."uq_supervision_order_event_escalation"`);
    await queryRunner.query(`DROP TABLE "supervision_order_event"`);
    await queryRunner.query(`DROP INDEX "public"."idx_supervision_order_bureau_status"`);
    await queryRunner.query(`DROP INDEX "public"."idx_supervision_order_due"`);
    await queryRunner.query(`DROP TABLE "supervision_order"`);
  }
}
