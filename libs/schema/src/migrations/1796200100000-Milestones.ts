import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 挂图作战: the admin's list of 前期手续 kinds (seeded with 立项备案, 用地, 规划许可, 施工许可), the nodes of key projects'
 * plans with their planned dates, and each plan's version.
 */
export class Milestones1796200100000 implements MigrationInterface {
  name = 'Milestones1796200100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "milestone_procedure_kind" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(30) NOT NULL, "name" character varying(50) NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_90345a4bfbb65e0e639b3c03a7f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_milestone_procedure_kind_name" ON "milestone_procedure_kind" ("name") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_milestone_procedure_kind_code" ON "milestone_procedure_kind" ("code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "project_milestone" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "node" character varying(12) NOT NULL, "procedure_kind_id" uuid, "planned_date" date, "actual_date" date, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_project_milestone_actual" CHECK (node = 'procedure' OR actual_date IS NULL), CONSTRAINT "chk_project_milestone_procedure" CHECK ((node = 'procedure') = (procedure_kind_id IS NOT NULL)), CONSTRAINT "chk_project_milestone_node" CHECK (node IN ('signed', 'registered', 'procedure', 'started', 'operating')), CONSTRAINT "PK_7a9da5fbeade8826432de525d1a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_milestone_procedure" ON "project_milestone" ("project_id", "procedure_kind_id") WHERE procedure_kind_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_milestone_stage_node" ON "project_milestone" ("project_id", "node") WHERE procedure_kind_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "project_milestone_plan" ("project_id" uuid NOT NULL, "version" integer NOT NULL, "updated_by_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_project_milestone_plan_version" CHECK (version >= 1), CONSTRAINT "PK_1faa329be264449a6bffc8a95cc" PRIMARY KEY ("project_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_milestone" ADD CONSTRAINT "FK_a111304a8272ba72e9c44eac47c" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_milestone" ADD CONSTRAINT "FK_d6f4e87d6e5f4365223f77608e1" FOREIGN KEY ("procedure_kind_id") REFERENCES "milestone_procedure_kind"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_milestone_plan" ADD CONSTRAINT "FK_1faa329be264449a6bffc8a95cc" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO milestone_procedure_kind (code, name, sort_order) VALUES
         ('project_filing', '立项备案', 10), ('land', '用地', 20),
         ('planning_permit', '规划许可', 30), ('construction_permit', '施工许可', 40)
       ON CONFLICT (code) DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_milestone_plan" DROP CONSTRAINT "FK_1faa329be264449a6bffc8a95cc"`);
    await queryRunner.query(`ALTER TABLE "project_milestone" DROP CONSTRAINT "FK_d6f4e87d6e5f4365223f77608e1"`);
    await queryRunner.query(`ALTER TABLE "project_milestone" DROP CONSTRAINT "FK_a111304a8272ba72e9c44eac47c"`);
    await queryRunner.query(`DROP TABLE "project_milestone_plan"`);
    await queryRunner.query(`DROP INDEX "public"."uq_project_milestone_stage_node"`);
    await queryRunner.query(`DROP INDEX "public"."uq_project_milestone_procedure"`);
    await queryRunner.query(`DROP TABLE "project_milestone"`);
    await queryRunner.query(`DROP INDEX "public"."uq_milestone_procedure_kind_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_milestone_procedure_kind_name"`);
    await queryRunner.query(`DROP TABLE "milestone_procedure_kind"`);
  }
}
