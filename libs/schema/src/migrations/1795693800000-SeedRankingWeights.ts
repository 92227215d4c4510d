import { MigrationInterface, QueryRunner } from 'typeorm';

/** DESIGN.md's default weights, in force from the start: signed amount 30, signed projects 20, started 20, funds 20, visits 10. */
export class SeedRankingWeights1795693800000 implements MigrationInterface {
  name = 'SeedRankingWeights1795693800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO ranking_weights (effective_from, visits, new_leads, signed_count, signed_amount, started_count, funds_in_place)
       VALUES ('2000-01-01', 10, 0, 20, 30, 20, 20) ON CONFLICT (effective_from) DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM ranking_weights WHERE effective_from = '2000-01-01'`);
  }
}
