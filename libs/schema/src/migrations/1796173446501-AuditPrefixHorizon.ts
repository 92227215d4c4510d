import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditPrefixHorizon1796173446501 implements MigrationInterface {
  name = 'AuditPrefixHorizon1796173446501';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_verified_prefix" ADD "xid_snapshot" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_verified_prefix" DROP COLUMN "xid_snapshot"`);
  }
}
