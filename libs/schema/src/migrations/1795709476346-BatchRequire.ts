import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `batch_require(condition, message)`: true, or an error (SQLSTATE P0002) that undoes the whole statement.
 * A write batch's query uses it to check, in the same statement as the writes, what a read would otherwise
 * have to check first (that a visit's lead belongs to the visitor's bureau).
 */
export class BatchRequire1795709476346 implements MigrationInterface {
  name = 'BatchRequire1795709476346';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION batch_require(condition boolean, message text) RETURNS boolean LANGUAGE plpgsql AS $$
       BEGIN
         IF condition IS NOT TRUE THEN
           RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = message;
         END IF;
         RETURN true;
       END $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION batch_require(boolean, text)`);
  }
}
