import { applyDecorators, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotentReplayFilter } from './idempotent-replay.filter';

export const IDEMPOTENT_ENTITY = 'crm:idempotent-entity';

/**
 * A creating route that honours the Idempotency-Key header. `entity` names what it creates (its audit rows'
 * entity, with a reader registered in IdempotentReplays): a retry after a crash between the commit and the stored
 * answer is answered with that record. Without it such a retry is told that the request was done (409), never run twice.
 */
export const Idempotent = (entity?: string) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_ENTITY, entity),
    UseGuards(IdempotencyGuard),
    UseFilters(IdempotentReplayFilter),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '幂等键：相同的键和请求体重复提交时返回首次结果，不重复创建；相同的键配不同请求体返回 422',
      example: '7c1e4a52-lead-20261126-01',
    }),
  );
