import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobScheduleEntity } from './entities/job-schedule.entity';

/** The registered schedules and their last runs (see JobScheduleEntity). */
@Injectable()
export class JobScheduleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Notes a schedule; a changed cron or zone counts as registered now (runs due earlier were not owed). */
  async register(name: string, cron: string, timeZone: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO job_schedule (name, cron, time_zone, registered_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (name) DO UPDATE SET cron = EXCLUDED.cron, time_zone = EXCLUDED.time_zone,
         registered_at = CASE WHEN job_schedule.cron = EXCLUDED.cron AND job_schedule.time_zone = EXCLUDED.time_zone
                              THEN job_schedule.registered_at ELSE now() END`,
      [name, cron, timeZone],
    );
  }

  async started(name: string): Promise<void> {
    await this.dataSource.query(`UPDATE job_schedule SET last_started_at = now() WHERE name = $1`, [name]);
  }

  async finished(name: string): Promise<void> {
    await this.dataSource.query(`UPDATE job_schedule SET last_finished_at = now() WHERE name = $1`, [name]);
  }

  async failed(name: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE job_schedule SET last_failed_at = now(), last_error = $2 WHERE name = $1`, [
      name,
      error.slice(0, 500),
    ]);
  }

  list(): Promise<JobScheduleEntity[]> {
    return this.dataSource.getRepository(JobScheduleEntity).find({ order: { name: 'ASC' } });
  }
}
