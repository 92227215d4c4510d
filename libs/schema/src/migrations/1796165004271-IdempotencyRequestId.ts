import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyRequestId1796165004271 implements MigrationInterface {
  name = 'IdempotencyRequestId1796165004271';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" ADD "request_id" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP COLUMN "request_id"`);
  }
}
