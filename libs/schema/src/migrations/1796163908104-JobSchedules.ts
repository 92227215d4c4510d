import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobSchedules1796163908104 implements MigrationInterface {
  name = 'JobSchedules1796163908104';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_schedule" ("name" character varying(100) NOT NULL, "cron" character varying(100) NOT NULL, "time_zone" character varying(64) NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_started_at" TIMESTAMP WITH TIME ZONE, "last_finished_at" TIMESTAMP WITH TIME ZONE, "last_failed_at" TIMESTAMP WITH TIME ZONE, "last_error" character varying(500), CONSTRAINT "PK_113f8856a1bd336b4fb092335f4" PRIMARY KEY ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_schedule"`);
  }
}
