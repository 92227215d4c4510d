import { Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyPruneJob } from './jobs/idempotency-prune.job';

@Global()
@Module({
  providers: [IdempotencyRepository, IdempotencyInterceptor, IdempotencyPruneJob],
  exports: [IdempotencyRepository, IdempotencyInterceptor],
})
export class IdempotencyModule {}
