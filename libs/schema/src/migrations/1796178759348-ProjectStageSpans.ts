import { MigrationInterface, QueryRunner } from 'typeorm';

/** One project's spans in its stages, derived from its stage events (the SELECT both the trigger and the fill use). */
const SPANS_OF = (projects: string) => `
  SELECT e.project_id, e.to_stage, e.business_date,
         -- leaving a stage means moving to another one; a deal upgrade inside 签约 does not
         (SELECT min(n.business_date) FROM project_stage_event n
           WHERE n.project_id = e.project_id AND n.seq > e.seq AND n.to_stage <> e.to_stage)
    FROM (SELECT DISTINCT ON (project_id, to_stage) project_id, to_stage, seq, business_date
            FROM project_stage_event WHERE ${projects} ORDER BY project_id, to_stage, seq) AS e`;

/**
 * The funnel's rollup of the stage events: per project and stage, the day it first entered the stage and the day it
 * first moved on to another one (none while it is still there). Stage events are only ever inserted (see
 * trg_project_stage_event_immutable), so a statement trigger recomputes the spans of the projects an insert touched,
 * in its transaction; the funnel then reads one row per project and stage instead of walking the events. Read by
 * other libraries through the view pipeline_stage_spans (with the project's current bureau).
 */
export class ProjectStageSpans1796178759348 implements MigrationInterface {
  name = 'ProjectStageSpans1796178759348';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "project_stage_span" (
         "project_id" uuid NOT NULL REFERENCES "project"("id") ON DELETE CASCADE,
         "stage" character varying(12) NOT NULL,
         "entered_on" date NOT NULL,
         "left_on" date,
         CONSTRAINT "PK_project_stage_span" PRIMARY KEY ("project_id", "stage"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_project_stage_span_entered" ON "project_stage_span" ("entered_on")`);
    await queryRunner.query(`
      CREATE FUNCTION project_stage_span_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM project_stage_span WHERE project_id IN (SELECT project_id FROM inserted_events);
        INSERT INTO project_stage_span (project_id, stage, entered_on, left_on)
        ${SPANS_OF('project_id IN (SELECT project_id FROM inserted_events)')};
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_project_stage_span
        AFTER INSERT ON project_stage_event REFERENCING NEW TABLE AS inserted_events
        FOR EACH STATEMENT EXECUTE FUNCTION project_stage_span_refresh()`);
    await queryRunner.query(
      `INSERT INTO project_stage_span (project_id, stage, entered_on, left_on) ${SPANS_OF('true')}`,
    );
    await queryRunner.query(
      `CREATE VIEW "pipeline_stage_spans" AS
       SELECT s.project_id, p.bureau_id, s.stage, s.entered_on, s.left_on
         FROM project_stage_span s JOIN project p ON p.id = s.project_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "pipeline_stage_spans"`);
    await queryRunner.query(`DROP TRIGGER trg_project_stage_span ON project_stage_event`);
    await queryRunner.query(`DROP FUNCTION project_stage_span_refresh()`);
    await queryRunner.query(`DROP TABLE "project_stage_span"`);
  }
}
