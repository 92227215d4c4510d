import { MigrationInterface, QueryRunner } from 'typeorm';

/** A password someone else chose must be changed by its user before anything else (等保 2.0 身份鉴别). */
export class MustChangePassword1796163773354 implements MigrationInterface {
  name = 'MustChangePassword1796163773354';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "must_change_password"`);
  }
}
