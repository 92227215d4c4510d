import { MigrationInterface, QueryRunner } from 'typeorm';

export class RollupGeneration1795703015787 implements MigrationInterface {
  name = 'RollupGeneration1795703015787';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rollup_generation" ("id" smallint NOT NULL, "generation" bigint NOT NULL DEFAULT '0', CONSTRAINT "chk_rollup_generation_single" CHECK (id = 1), CONSTRAINT "PK_191eab17b32e017db39c873fc8c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "rollup_generation" ("id", "generation") VALUES (1, 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rollup_generation"`);
  }
}
