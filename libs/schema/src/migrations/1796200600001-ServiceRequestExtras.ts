import { MigrationInterface, QueryRunner } from 'typeorm';

/** 海州区's handling departments to start with (the admin keeps the list), and request events made immutable. */
const DEPARTMENTS = [
  '区自然资源局',
  '区住建局',
  '区发改局',
  '区营商局',
  '区人社局',
  '区财政局',
  '区市场监管局',
  '区供电分公司',
  '区科工局',
];

export class ServiceRequestExtras1796200600001 implements MigrationInterface {
  name = 'ServiceRequestExtras1796200600001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION service_request_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'service_request_event rows are immutable' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER trg_service_request_event_immutable
        BEFORE UPDATE OR DELETE ON service_request_event
        FOR EACH ROW EXECUTE FUNCTION service_request_event_immutable()`);
    for (const [index, name] of DEPARTMENTS.entries()) {
      await queryRunner.query(`INSERT INTO service_department (name, sort_order) VALUES ($1, $2)`, [
        name,
        (index + 1) * 10,
      ]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM service_department WHERE name = ANY($1)`, [DEPARTMENTS]);
    await queryRunner.query(`DROP TRIGGER trg_service_request_event_immutable ON service_request_event`);
    await queryRunner.query(`DROP FUNCTION service_request_event_immutable()`);
  }
}
