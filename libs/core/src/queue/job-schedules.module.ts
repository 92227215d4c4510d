import { TypeOrmModule } from '@nestjs/typeorm';
import { JobScheduleEntity } from './entities/job-schedule.entity';
import { Global, Module } from '@nestjs/common';
import { JobScheduleRepository } from './job-schedule.repository';

/** The schedules' run notes (job_schedule), for the job registrar and /health; needs the database. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([JobScheduleEntity])],
  providers: [JobScheduleRepository],
  exports: [JobScheduleRepository],
})
export class JobSchedulesModule {}
