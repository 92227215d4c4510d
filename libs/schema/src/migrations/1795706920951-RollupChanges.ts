import { MigrationInterface, QueryRunner } from 'typeorm';

export class RollupChanges1795706920951 implements MigrationInterface {
  name = 'RollupChanges1795706920951';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rollup_change" ("generation" bigint NOT NULL, "first_day" date NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a812f4b1ede53334e4f0695202e" PRIMARY KEY ("generation"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rollup_change"`);
  }
}
