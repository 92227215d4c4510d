import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditService } from '../audit/audit.service';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/audit-chain';
import { RequestWithActor } from '../auth/access.decorators';
import { IdempotencyException, IdempotencyExceptionCode as Code, IdempotentReplay } from './idempotency.exception';
import { IdempotencyRepository, IdempotencyRequest } from './idempotency.repository';
import { IDEMPOTENT_ENTITY } from './idempotent.decorator';
import { IdempotentReplays } from './idempotent-replays';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A claim older than this whose request never finished belonged to a process that died. */
const STALE_AFTER_MS = 5 * 60_000;

type WrittenRecord = { entity: string; entityId: string | null };

/** A request that claimed its Idempotency-Key: the claim is settled when its answer is sent. */
type ClaimingRequest = RequestWithActor & { idempotencyClaim?: string };

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
 *
 * A guard rather than an interceptor, so that a request without the header costs one header lookup.
 * The guard claims the key (or throws the stored answer as an `IdempotentReplay`); the answer is stored,
 * or the key freed, by the `onSend` hook that `settleIdempotentRequests` registers.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly audit: AuditService,
    private readonly replays: IdempotentReplays,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): true | Promise<true> {
    const request = context.switchToHttp().getRequest<ClaimingRequest>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined || !request.actor) return true;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new IdempotencyException(Code.InvalidKey, 'Idempotency-Key 须为 1–200 个可见 ASCII 字符');
    }
    const entity = this.reflector.get<string | undefined>(IDEMPOTENT_ENTITY, context.getHandler());
    return this.claim(request, entity, {
      key,
      userId: request.actor.userId,
      method: request.method,
      path: request.url.slice(0, 300),
      bodyHash: bodyHashOf(request.body),
      requestId: request.id.slice(0, 64),
    });
  }

  private async claim(request: ClaimingRequest, entity: string | undefined, claim: IdempotencyRequest): Promise<true> {
    let id = await this.records.claim(claim);
    let written: WrittenRecord[];
    if (!id) {
      const existing = await this.records.find(claim.userId, claim.key);
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
        throw new IdempotentReplay(existing.status, existing.response, existing.location);
      } else if ((written = await this.writtenBy(existing)).length > 0) {
        throw await this.replayCommitted(request, entity, written);
      } else if (await this.records.takeOverStale(existing.id, new Date(Date.now() - STALE_AFTER_MS), claim)) {
        id = existing.id;
      }
      if (!id) throw new IdempotencyException(Code.InProgress, '相同 Idempotency-Key 的请求正在处理中，请稍后重试');
    }
    request.idempotencyClaim = id;
    return true;
  }

  /** What the unsettled claim's request wrote, if it committed: its audit rows are written in its own transaction. */
  private async writtenBy(existing: IdempotencyRecordEntity): Promise<WrittenRecord[]> {
    if (!existing.requestId) return [];
    return this.audit.writtenByRequest(existing.requestId, existing.userId, existing.createdAt);
  }

  /** The answer to a retry of a request that committed but never stored its answer: the record it created. */
  private async replayCommitted(
    request: ClaimingRequest,
    entity: string | undefined,
    written: WrittenRecord[],
  ): Promise<IdempotentReplay | IdempotencyException> {
    const reader = entity ? this.replays.readerOf(entity) : undefined;
    const created = written.find((row) => row.entity === entity && row.entityId !== null);
    if (reader && created?.entityId && request.actor) {
      return new IdempotentReplay(201, await reader(request.actor, created.entityId), null);
    }
    return new IdempotencyException(
      Code.Committed,
      '该请求已处理成功（应答未能送达），请勿重复提交；可在列表中查看结果',
    );
  }
}

/**
 * Settles a claimed key before its answer leaves: a success is stored as the client sees it (status, JSON
 * body, Location), a failure frees the key. Should storing fail, the client still gets its answer; the claim
 * then stays unfinished until it is stale.
 */
export function settleIdempotentRequests(fastify: FastifyInstance, records: IdempotencyRepository): void {
  const logger = new Logger('Idempotency');
  fastify.addHook('onSend', (request: ClaimingRequest, reply, payload, done) => {
    const id = request.idempotencyClaim;
    if (id === undefined) return done(null, payload);
    request.idempotencyClaim = undefined;
    settle(records, id, reply, payload).then(
      () => done(null, payload),
      (error: unknown) => {
        logger.error({ err: error, requestId: request.id }, 'Could not settle an Idempotency-Key');
        // a failed request wrote nothing: free its key once the database answers again, not after 5 minutes
        if (reply.statusCode >= 400) releaseLater(records, id, logger);
        done(null, payload);
      },
    );
  });
}

const RELEASE_RETRY_MS = 2_000;

/** Keeps trying to free a failed request's key (the database was down) until it is stale anyway. */
function releaseLater(records: IdempotencyRepository, id: string, logger: Logger, waited = 0): void {
  if (waited >= STALE_AFTER_MS) return;
  const delay = Math.min(RELEASE_RETRY_MS * 2 ** Math.floor(waited / 30_000), 30_000);
  setTimeout(() => {
    records.release(id).then(
      () => logger.log(`Freed the Idempotency-Key of a request that failed while the database was down`),
      () => releaseLater(records, id, logger, waited + delay),
    );
  }, delay).unref();
}

async function settle(records: IdempotencyRepository, id: string, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode >= 400) return records.release(id);
  const location = reply.getHeader('location');
  return records.complete(
    id,
    reply.statusCode,
    storedBody(reply, payload),
    typeof location === 'string' ? location.slice(0, 500) : null,
  );
}

/** The answer's body as the replay will send it: JSON as the value it encodes, other text as a string. */
function storedBody(reply: FastifyReply, payload: unknown): unknown {
  if (typeof payload !== 'string' || payload === '') return null;
  const type = reply.getHeader('content-type');
  return typeof type === 'string' && type.includes('json') ? (JSON.parse(payload) as unknown) : payload;
}
