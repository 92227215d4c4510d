import { Global, Module } from '@nestjs/common';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyPruneJob } from './jobs/idempotency-prune.job';

@Global()
@Module({
  providers: [IdempotencyRepository, IdempotencyGuard, IdempotencyPruneJob],
  exports: [IdempotencyRepository, IdempotencyGuard],
})
export class IdempotencyModule {}
