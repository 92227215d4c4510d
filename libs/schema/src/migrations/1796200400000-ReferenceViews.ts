import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The views through which a library names another library's records beside its own (identity's bureaus and users,
 * the investors' companies): each reads only the tables of the library it is named after, so a list joins the
 * view, never the owner's table.
 */
export class ReferenceViews1796200400000 implements MigrationInterface {
  name = 'ReferenceViews1796200400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE VIEW "identity_bureau_refs" AS SELECT id, code, name FROM bureau`);
    await queryRunner.query(`CREATE VIEW "identity_user_refs" AS SELECT id, display_name FROM app_user`);
    await queryRunner.query(`CREATE VIEW "investors_investor_refs" AS SELECT id, name, uscc FROM investor`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "investors_investor_refs"`);
    await queryRunner.query(`DROP VIEW "identity_user_refs"`);
    await queryRunner.query(`DROP VIEW "identity_bureau_refs"`);
  }
}
