import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable, of } from 'rxjs';
import { canonicalJson } from '../audit/audit-chain';
import { RequestWithActor } from '../auth/access.decorators';
import { IdempotencyException, IdempotencyExceptionCode as Code } from './idempotency.exception';
import { IdempotencyRepository, IdempotencyRequest } from './idempotency.repository';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A claim older than this whose request never finished belonged to a process that died. */
const STALE_AFTER_MS = 5 * 60_000;

/** SHA-256 of a request body: raw bytes as they are, anything else as canonical JSON. */
export function bodyHashOf(body: unknown): string {
  const hash = createHash('sha256');
  if (Buffer.isBuffer(body)) hash.update(body);
  else hash.update(canonicalJson(body ?? null));
  return hash.digest('hex');
}

/**
 * Makes a creating POST safe to retry: the first request under a key runs and its answer is stored;
 * the same key with the same body gets that answer again, with another body a 422.
 * Only successful answers are stored — a failed request frees its key for a retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly records: IdempotencyRepository) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<RequestWithActor>();
    const reply = http.getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined || !request.actor) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new IdempotencyException(Code.InvalidKey, 'Idempotency-Key 须为 1–200 个可见 ASCII 字符');
    }
    const claim: IdempotencyRequest = {
      key,
      userId: request.actor.userId,
      method: request.method,
      path: request.url.slice(0, 300),
      bodyHash: bodyHashOf(request.body),
    };
    let id = await this.records.claim(claim);
    if (!id) {
      const existing = await this.records.find(claim.userId, key);
      if (!existing) {
        // the first request failed and freed the key between our two statements
        id = await this.records.claim(claim);
      } else if (
        existing.bodyHash !== claim.bodyHash ||
        existing.method !== claim.method ||
        existing.path !== claim.path
      ) {
        throw new IdempotencyException(Code.KeyReused, '该 Idempotency-Key 已用于另一个请求，请换一个新的键');
      } else if (existing.status !== null) {
        void reply.status(existing.status).header('idempotent-replayed', 'true');
        if (existing.location) void reply.header('location', existing.location);
        return of(existing.response);
      } else if (await this.records.takeOverStale(existing.id, new Date(Date.now() - STALE_AFTER_MS), claim)) {
        id = existing.id;
      }
      if (!id) throw new IdempotencyException(Code.InProgress, '相同 Idempotency-Key 的请求正在处理中，请稍后重试');
    }
    const recordId = id;
    return from(this.run(recordId, next, reply));
  }

  private async run(recordId: string, next: CallHandler, reply: FastifyReply): Promise<unknown> {
    let result: unknown;
    try {
      result = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.records.release(recordId);
      throw error;
    }
    // stored as the client will see it: plain JSON
    const stored: unknown = result === undefined ? null : JSON.parse(JSON.stringify(result));
    const location = reply.getHeader('location');
    await this.records.complete(
      recordId,
      reply.statusCode,
      stored,
      typeof location === 'string' ? location.slice(0, 500) : null,
    );
    return result;
  }
}
