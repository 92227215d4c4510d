import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the entities cannot declare: stage events are immutable, enforced by the database itself. */
export class PipelineExtras1795693522426 implements MigrationInterface {
  name = 'PipelineExtras1795693522426';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION project_stage_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'project_stage_event rows are immutable' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_project_stage_event_immutable
        BEFORE UPDATE OR DELETE ON project_stage_event
        FOR EACH ROW EXECUTE FUNCTION project_stage_event_immutable()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_project_stage_event_immutable ON project_stage_event`);
    await queryRunner.query(`DROP FUNCTION project_stage_event_immutable()`);
  }
}
