export * from './queue.constants';
export * from './job.decorator';
export * from './queue-driver';
export * from './queue.module';
export * from './startup-gate';
