export * from './entities/idempotency-record.entity';
export * from './idempotency.exception';
export * from './idempotency.repository';
export * from './idempotency.guard';
export * from './idempotent-replay.filter';
export * from './idempotent.decorator';
export * from './idempotency.module';
export * from './jobs/idempotency-prune.job';
