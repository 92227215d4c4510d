import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accountability in the ranking: the figures 督办逾期 and 逾期办结 in the rollups, their deduction weights (0 until
 * set: weights set before take nothing off), the day each order first stood overdue, and the view through which
 * the rankings read supervision's orders.
 */
export class SupervisionFigures1796200000001 implements MigrationInterface {
  name = 'SupervisionFigures1796200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bureau_daily_stat" ADD "orders_overdue" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "bureau_daily_stat" ADD "orders_closed_late" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "bureau_stat_delta" ADD "orders_overdue" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "bureau_stat_delta" ADD "orders_closed_late" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "ranking_weights" ADD "orders_overdue" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "ranking_weights" ADD "orders_closed_late" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "supervision_order" ADD "overdue_on" date`);
    await queryRunner.query(
      `CREATE VIEW "supervision_order_facts" AS
       SELECT id, bureau_id, matter, status, due_date, issued_on, closed_on, overdue_on FROM supervision_order`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "supervision_order_facts"`);
    await queryRunner.query(`ALTER TABLE "supervision_order" DROP COLUMN "overdue_on"`);
    await queryRunner.query(`ALTER TABLE "ranking_weights" DROP COLUMN "orders_closed_late"`);
    await queryRunner.query(`ALTER TABLE "ranking_weights" DROP COLUMN "orders_overdue"`);
    await queryRunner.query(`ALTER TABLE "bureau_stat_delta" DROP COLUMN "orders_closed_late"`);
    await queryRunner.query(`ALTER TABLE "bureau_stat_delta" DROP COLUMN "orders_overdue"`);
    await queryRunner.query(`ALTER TABLE "bureau_daily_stat" DROP COLUMN "orders_closed_late"`);
    await queryRunner.query(`ALTER TABLE "bureau_daily_stat" DROP COLUMN "orders_overdue"`);
  }
}
