export * from './queue.constants';
export * from './job.decorator';
export * from './queue-driver';
export * from './queue.module';
export * from './entities/job-schedule.entity';
export * from './job-schedule.repository';
export * from './startup-gate';
export * from './job-schedules.module';
