import { MigrationInterface, QueryRunner } from 'typeorm';

/** One project's spans in its stages with the project's bureau (as in ProjectStageSpans, plus the bureau). */
const SPANS_OF = (projects: string) => `
  SELECT e.project_id, e.to_stage, e.business_date,
         -- leaving a stage means moving to another one; a deal upgrade inside 签约 does not
         (SELECT min(n.business_date) FROM project_stage_event n
           WHERE n.project_id = e.project_id AND n.seq > e.seq AND n.to_stage <> e.to_stage),
         p.bureau_id
    FROM (SELECT DISTINCT ON (project_id, to_stage) project_id, to_stage, seq, business_date
            FROM project_stage_event WHERE ${projects} ORDER BY project_id, to_stage, seq) AS e
    JOIN project p ON p.id = e.project_id`;

/**
 * The stage spans carry their project's bureau (kept by the span trigger, and by a trigger on the project should
 * its bureau ever change), so that one bureau's funnel reads its spans in the range from one index instead of
 * joining every span of the range to the projects.
 */
export class StageSpanBureau1796200200001 implements MigrationInterface {
  name = 'StageSpanBureau1796200200001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_stage_span" ADD "bureau_id" uuid`);
    await queryRunner.query(
      `UPDATE "project_stage_span" s SET bureau_id = p.bureau_id FROM project p WHERE p.id = s.project_id`,
    );
    await queryRunner.query(`ALTER TABLE "project_stage_span" ALTER COLUMN "bureau_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "idx_project_stage_span_bureau_entered" ON "project_stage_span" ("bureau_id", "entered_on")
         INCLUDE ("stage", "left_on")`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION project_stage_span_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM project_stage_span WHERE project_id IN (SELECT project_id FROM inserted_events);
        INSERT INTO project_stage_span (project_id, stage, entered_on, left_on, bureau_id)
        ${SPANS_OF('project_id IN (SELECT project_id FROM inserted_events)')};
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION project_stage_span_bureau() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE project_stage_span SET bureau_id = NEW.bureau_id WHERE project_id = NEW.id;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_project_stage_span_bureau
        AFTER UPDATE OF bureau_id ON project FOR EACH ROW
        WHEN (OLD.bureau_id IS DISTINCT FROM NEW.bureau_id)
        EXECUTE FUNCTION project_stage_span_bureau()`);
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "pipeline_stage_spans" AS
       SELECT s.project_id, s.bureau_id, s.stage, s.entered_on, s.left_on FROM project_stage_span s`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE VIEW "pipeline_stage_spans" AS
       SELECT s.project_id, p.bureau_id, s.stage, s.entered_on, s.left_on
         FROM project_stage_span s JOIN project p ON p.id = s.project_id`,
    );
    await queryRunner.query(`DROP TRIGGER trg_project_stage_span_bureau ON project`);
    await queryRunner.query(`DROP FUNCTION project_stage_span_bureau()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION project_stage_span_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM project_stage_span WHERE project_id IN (SELECT project_id FROM inserted_events);
        INSERT INTO project_stage_span (project_id, stage, entered_on, left_on)
        SELECT e.project_id, e.to_stage, e.business_date,
               (SELECT min(n.business_date) FROM project_stage_event n
                 WHERE n.project_id = e.project_id AND n.seq > e.seq AND n.to_stage <> e.to_stage)
          FROM (SELECT DISTINCT ON (project_id, to_stage) project_id, to_stage, seq, business_date
                  FROM project_stage_event WHERE project_id IN (SELECT project_id FROM inserted_events)
                 ORDER BY project_id, to_stage, seq) AS e;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`DROP INDEX "public"."idx_project_stage_span_bureau_entered"`);
    await queryRunner.query(`ALTER TABLE "project_stage_span" DROP COLUMN "bureau_id"`);
  }
}
