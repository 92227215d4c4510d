import { domainException, ErrorKind } from '../errors/domain.exception';

export enum IdempotencyExceptionCode {
  KeyReused = 'IDEMPOTENCY_KEY_REUSED',
  InProgress = 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  InvalidKey = 'IDEMPOTENCY_KEY_INVALID',
  Committed = 'IDEMPOTENT_REQUEST_COMMITTED',
}

const KIND: Record<IdempotencyExceptionCode, ErrorKind> = {
  [IdempotencyExceptionCode.KeyReused]: 'unprocessable',
  [IdempotencyExceptionCode.InProgress]: 'conflict',
  [IdempotencyExceptionCode.InvalidKey]: 'invalid',
  [IdempotencyExceptionCode.Committed]: 'conflict',
};

export class IdempotencyException extends domainException(KIND) {}

/**
 * Not an error: the key was used before with the same request, whose stored answer is sent again.
 * Thrown by the guard so that the handler does not run; `IdempotentReplayFilter` sends the answer.
 */
export class IdempotentReplay {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly location: string | null,
  ) {}
}
