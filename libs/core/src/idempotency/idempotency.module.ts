import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';
import { Global, Module } from '@nestjs/common';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotentReplays } from './idempotent-replays';
import { IdempotencyPruneJob } from './jobs/idempotency-prune.job';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecordEntity])],
  providers: [IdempotencyRepository, IdempotencyGuard, IdempotencyPruneJob, IdempotentReplays],
  exports: [IdempotencyRepository, IdempotencyGuard, IdempotentReplays],
})
export class IdempotencyModule {}
