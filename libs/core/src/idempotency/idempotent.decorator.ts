import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotentReplayFilter } from './idempotent-replay.filter';

/** A creating route that honours the Idempotency-Key header. */
export const Idempotent = () =>
  applyDecorators(
    UseGuards(IdempotencyGuard),
    UseFilters(IdempotentReplayFilter),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: '幂等键：相同的键和请求体重复提交时返回首次结果，不重复创建；相同的键配不同请求体返回 422',
      example: '7c1e4a52-lead-20261126-01',
    }),
  );
