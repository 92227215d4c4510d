import { MigrationInterface, QueryRunner } from 'typeorm';

export class Chains1796200500000 implements MigrationInterface {
  name = 'Chains1796200500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "industry_chain" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(50) NOT NULL, "description" character varying(500), "sort_order" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ffe616b915a3823c6676d0cdce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_industry_chain_name" ON "industry_chain" ("name") `);
    await queryRunner.query(
      `CREATE TABLE "chain_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "chain_id" uuid NOT NULL, "parent_id" uuid, "segment" character varying(10) NOT NULL, "name" character varying(50) NOT NULL, "key_products" character varying(500), "status" character varying(10) NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_chain_link_parent" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "chk_chain_link_status" CHECK (status IN ('strong', 'weak', 'missing', 'extend')), CONSTRAINT "chk_chain_link_segment" CHECK (segment IN ('upstream', 'midstream', 'downstream')), CONSTRAINT "PK_c8398ab405ec7b2b02a8958ce08" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_chain_link_parent" ON "chain_link" ("parent_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_chain_link_name" ON "chain_link" ("chain_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "chain_tag" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_id" uuid NOT NULL, "record_kind" character varying(10) NOT NULL, "record_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_chain_tag_kind" CHECK (record_kind IN ('investor', 'lead', 'project')), CONSTRAINT "PK_d2b5ed57d94ae108ac9c552a1dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_chain_tag_record" ON "chain_tag" ("record_kind", "record_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_chain_tag" ON "chain_tag" ("link_id", "record_kind", "record_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "chain_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "link_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "normalized_name" character varying(200) NOT NULL, "uscc" character varying(18), "tier" character varying(12) NOT NULL, "region" character varying(100), "reason" character varying(500), "bureau_id" uuid, "investor_id" uuid, "lead_id" uuid, "listed_on" date NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_chain_target_tier" CHECK (tier IN ('chain_leader', 'head', 'listed', 'specialized', 'other')), CONSTRAINT "PK_fec6838bcaf345c700071f730bc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_chain_target_investor" ON "chain_target" ("investor_id") `);
    await queryRunner.query(`CREATE INDEX "idx_chain_target_bureau" ON "chain_target" ("bureau_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_chain_target_name" ON "chain_target" ("link_id", "normalized_name") `,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_link" ADD CONSTRAINT "FK_7c4e83273a2b880ea8214493cf1" FOREIGN KEY ("chain_id") REFERENCES "industry_chain"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_link" ADD CONSTRAINT "FK_1df3c5a8dd7db885156d073224c" FOREIGN KEY ("parent_id") REFERENCES "chain_link"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_tag" ADD CONSTRAINT "FK_84f09bdd21761d5cf7ea12de371" FOREIGN KEY ("link_id") REFERENCES "chain_link"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_tag" ADD CONSTRAINT "FK_70c696595a44414809273afa980" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_target" ADD CONSTRAINT "FK_7eaee7214b47a089e68aa8e70bb" FOREIGN KEY ("link_id") REFERENCES "chain_link"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_target" ADD CONSTRAINT "FK_0a31e4565a525fecfcc21b64714" FOREIGN KEY ("bureau_id") REFERENCES "bureau"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_target" ADD CONSTRAINT "FK_5d9e34d1b5fb6a033ec14f42b22" FOREIGN KEY ("investor_id") REFERENCES "investor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_target" ADD CONSTRAINT "FK_29cdf577b77fa5e09590e68dd67" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chain_target" ADD CONSTRAINT "FK_fc558d6efcd214e45728cda8e89" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // the reads the chain coverage makes of the investors' and the pipeline's records, each view on its owner's tables
    await queryRunner.query(
      `CREATE VIEW "investors_lead_companies" AS SELECT id, investor_id, bureau_id, registered_at, status FROM lead`,
    );
    await queryRunner.query(
      `CREATE VIEW "investors_visit_companies" AS
       SELECT v.id, l.investor_id, v.date AS day FROM visit v JOIN lead l ON l.id = v.lead_id`,
    );
    await queryRunner.query(
      `CREATE VIEW "pipeline_project_companies" AS SELECT id, investor_id, lead_id, bureau_id FROM project`,
    );
    await queryRunner.query(
      `CREATE VIEW "pipeline_fund_projects" AS SELECT project_id, month, amount FROM project_fund`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "pipeline_fund_projects"`);
    await queryRunner.query(`DROP VIEW "pipeline_project_companies"`);
    await queryRunner.query(`DROP VIEW "investors_visit_companies"`);
    await queryRunner.query(`DROP VIEW "investors_lead_companies"`);
    await queryRunner.query(`ALTER TABLE "chain_target" DROP CONSTRAINT "FK_fc558d6efcd214e45728cda8e89"`);
    await queryRunner.query(`ALTER TABLE "chain_target" DROP CONSTRAINT "FK_29cdf577b77fa5e09590e68dd67"`);
    await queryRunner.query(`ALTER TABLE "chain_target" DROP CONSTRAINT "FK_5d9e34d1b5fb6a033ec14f42b22"`);
    await queryRunner.query(`ALTER TABLE "chain_target" DROP CONSTRAINT "FK_0a31e4565a525fecfcc21b64714"`);
    await queryRunner.query(`ALTER TABLE "chain_target" DROP CONSTRAINT "FK_7eaee7214b47a089e68aa8e70bb"`);
    await queryRunner.query(`ALTER TABLE "chain_tag" DROP CONSTRAINT "FK_70c696595a44414809273afa980"`);
    await queryRunner.query(`ALTER TABLE "chain_tag" DROP CONSTRAINT "FK_84f09bdd21761d5cf7ea12de371"`);
    await queryRunner.query(`ALTER TABLE "chain_link" DROP CONSTRAINT "FK_1df3c5a8dd7db885156d073224c"`);
    await queryRunner.query(`ALTER TABLE "chain_link" DROP CONSTRAINT "FK_7c4e83273a2b880ea8214493cf1"`);
    await queryRunner.query(`DROP INDEX "public"."uq_chain_target_name"`);
    await queryRunner.query(`DROP INDEX "public"."idx_chain_target_bureau"`);
    await queryRunner.query(`DROP INDEX "public"."idx_chain_target_investor"`);
    await queryRunner.query(`DROP TABLE "chain_target"`);
    await queryRunner.query(`DROP INDEX "public"."uq_chain_tag"`);
    await queryRunner.query(`DROP INDEX "public"."idx_chain_tag_record"`);
    await queryRunner.query(`DROP TABLE "chain_tag"`);
    await queryRunner.query(`DROP INDEX "public"."uq_chain_link_name"`);
    await queryRunner.query(`DROP INDEX "public"."idx_chain_link_parent"`);
    await queryRunner.query(`DROP TABLE "chain_link"`);
    await queryRunner.query(`DROP INDEX "public"."uq_industry_chain_name"`);
    await queryRunner.query(`DROP TABLE "industry_chain"`);
  }
}
