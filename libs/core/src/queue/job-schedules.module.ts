import { Global, Module } from '@nestjs/common';
import { JobScheduleRepository } from './job-schedule.repository';

/** The schedules' run notes (job_schedule), for the job registrar and /health; needs the database. */
@Global()
@Module({ providers: [JobScheduleRepository], exports: [JobScheduleRepository] })
export class JobSchedulesModule {}
