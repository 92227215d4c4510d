import { normalizeCompanyName } from '@app/investors';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One investor, one bureau (撞单). Company names are normalised again by the wider rule (bracketed place
 * names, the region's place names in front) and become unique; a name that now collides with an older
 * registration keeps a marked form (`…#<id>`) so that the index can be built, and is left for the registry's
 * keepers to merge. Each investor gets its claiming bureau: the bureau of its open lead, else of its earliest
 * live project.
 */
export class InvestorClaims1795712000000 implements MigrationInterface {
  name = 'InvestorClaims1795712000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: string; name: string }[] = await queryRunner.query(
      `SELECT id, name FROM investor ORDER BY created_at, id`,
    );
    const seen = new Set<string>();
    const ids: string[] = [];
    const names: string[] = [];
    for (const row of rows) {
      let normalized = normalizeCompanyName(row.name);
      if (seen.has(normalized)) normalized = `${normalized.slice(0, 160)}#${row.id}`;
      seen.add(normalized);
      ids.push(row.id);
      names.push(normalized);
    }
    if (ids.length > 0) {
      await queryRunner.query(
        `UPDATE investor SET normalized_name = n.name
           FROM unnest($1::uuid[], $2::varchar[]) AS n(id, name)
          WHERE investor.id = n.id AND investor.normalized_name IS DISTINCT FROM n.name`,
        [ids, names],
      );
    }
    await queryRunner.query(`DROP INDEX "public"."idx_investor_normalized_name"`);
    await queryRunner.query(`ALTER TABLE "investor" ADD "claimed_by_bureau_id" uuid`);
    await queryRunner.query(`ALTER TABLE "investor" ADD "claimed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_investor_normalized_name" ON "investor" ("normalized_name") `);
    await queryRunner.query(
      `ALTER TABLE "investor" ADD CONSTRAINT "FK_f9a44ce3086856fa08d862cae98" FOREIGN KEY ("claimed_by_bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `UPDATE investor SET claimed_by_bureau_id = c.bureau_id, claimed_at = c.since
         FROM (SELECT DISTINCT ON (investor_id) investor_id, bureau_id, since
                 FROM (SELECT investor_id, bureau_id, created_at AS since, 0 AS rank FROM lead WHERE status = 'open'
                       UNION ALL
                       SELECT investor_id, bureau_id, created_at, 1 FROM project WHERE stage <> 'terminated') AS h
                ORDER BY investor_id, rank, since) AS c
        WHERE investor.id = c.investor_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "investor" DROP CONSTRAINT "FK_f9a44ce3086856fa08d862cae98"`);
    await queryRunner.query(`DROP INDEX "public"."uq_investor_normalized_name"`);
    await queryRunner.query(`ALTER TABLE "investor" DROP COLUMN "claimed_at"`);
    await queryRunner.query(`ALTER TABLE "investor" DROP COLUMN "claimed_by_bureau_id"`);
    await queryRunner.query(`CREATE INDEX "idx_investor_normalized_name" ON "investor" ("normalized_name") `);
  }
}
