import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyLocation1795706780591 implements MigrationInterface {
  name = 'IdempotencyLocation1795706780591';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" ADD "location" character varying(500)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP COLUMN "location"`);
  }
}
