import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain sealed with an HMAC whose key is outside the database. Each row carries its writer's own
 * hash; the chain head is signed and carries the epoch: rows written before this migration (id up to
 * `legacy_until_id`) keep their plain SHA-256 seals, sealed or not yet, and are checked that way; every later
 * row must carry its HMAC. The head is signed by the first seal after the upgrade. `audit_verified_prefix`
 * remembers how far verification has checked the chain row by row.
 */
export class AuditHmac1796163668814 implements MigrationInterface {
  name = 'AuditHmac1796163668814';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "row_hash" character(64)`);
    await queryRunner.query(`ALTER TABLE "audit_chain_head" ADD "legacy_until_id" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "audit_chain_head" ADD "mac" character(64)`);
    await queryRunner.query(
      `CREATE TABLE "audit_verified_prefix" ("id" smallint NOT NULL, "first_seq" bigint NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, "digest" character varying(40) NOT NULL, "mac" character(64) NOT NULL, CONSTRAINT "PK_audit_verified_prefix" PRIMARY KEY ("id"))`,
    );
    // a chain without a head yet gets an empty one, so that the epoch is recorded now
    await queryRunner.query(
      `INSERT INTO "audit_chain_head" ("last_seq", "last_hash", "first_seq", "first_prev_hash")
       SELECT 0, repeat('0', 64), 1, repeat('0', 64) WHERE NOT EXISTS (SELECT 1 FROM "audit_chain_head")`,
    );
    await queryRunner.query(
      `UPDATE "audit_chain_head" SET "legacy_until_id" = COALESCE((SELECT max("id") FROM "audit_entry"), 0)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_verified_prefix"`);
    await queryRunner.query(`ALTER TABLE "audit_chain_head" DROP COLUMN "mac"`);
    await queryRunner.query(`ALTER TABLE "audit_chain_head" DROP COLUMN "legacy_until_id"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "row_hash"`);
  }
}
