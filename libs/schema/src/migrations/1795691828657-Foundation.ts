import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795691828657 implements MigrationInterface {
  name = 'Foundation1795691828657';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_name" character varying(100), "action" character varying(64) NOT NULL, "entity" character varying(64) NOT NULL, "entity_id" character varying(64), "before" jsonb, "after" jsonb, "ip" character varying(64), "request_id" character varying(64), "seal_seq" bigint, "prev_hash" character(64), "hash" character(64), CONSTRAINT "UQ_ef277fb93ef8ea397a3e3cd0948" UNIQUE ("seal_seq"), CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_entry_unsealed" ON "audit_entry" ("id") WHERE seal_seq IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_audit_entry_at" ON "audit_entry" ("at") `);
    await queryRunner.query(`CREATE INDEX "idx_audit_entry_entity" ON "audit_entry" ("entity", "entity_id") `);
    await queryRunner.query(
      `CREATE TABLE "audit_chain_head" ("id" SERIAL NOT NULL, "last_seq" bigint NOT NULL DEFAULT '0', "last_hash" character(64) NOT NULL, "first_seq" bigint NOT NULL DEFAULT '1', "first_prev_hash" character(64) NOT NULL, CONSTRAINT "PK_9211408bf584034de409b1bbec5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bureau" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(8) NOT NULL, "name" character varying(50) NOT NULL, "focus_industries" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_e7bdffc738e742c5f73a6292f6f" UNIQUE ("code"), CONSTRAINT "PK_45752b0ba21b16cb3b5baa47389" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(50) NOT NULL, "display_name" character varying(50) NOT NULL, "title" character varying(50), "password_hash" character varying(200) NOT NULL, "role" character varying(20) NOT NULL, "bureau_id" uuid, "active" boolean NOT NULL DEFAULT true, "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c480e576dd71729addbc2d51b67" UNIQUE ("username"), CONSTRAINT "chk_app_user_bureau" CHECK ((role IN ('staff', 'bureau_head')) = (bureau_id IS NOT NULL)), CONSTRAINT "chk_app_user_role" CHECK (role IN ('staff', 'bureau_head', 'leader', 'supervisor', 'admin')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_app_user_bureau" ON "app_user" ("bureau_id") `);
    await queryRunner.query(
      `CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "refresh_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" character varying(64), "user_agent" character varying(300), CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_auth_session_user" ON "auth_session" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "demo_marker" ("dataset" character varying(40) NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5c67dd987697a3849a7b51d2702" PRIMARY KEY ("dataset"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_cddf687e7d007119c37710a797f" FOREIGN KEY ("bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_session" ADD CONSTRAINT "FK_b8783d517fab10672700a39cb49" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth_session" DROP CONSTRAINT "FK_b8783d517fab10672700a39cb49"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_cddf687e7d007119c37710a797f"`);
    await queryRunner.query(`DROP TABLE "demo_marker"`);
    await queryRunner.query(`DROP INDEX "public"."idx_auth_session_user"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
    await queryRunner.query(`DROP INDEX "public"."idx_app_user_bureau"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "bureau"`);
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_entity"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_unsealed"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
