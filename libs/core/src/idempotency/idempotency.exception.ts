import { DomainException, ErrorKind } from '../errors/domain.exception';

export enum IdempotencyExceptionCode {
  KeyReused = 'IDEMPOTENCY_KEY_REUSED',
  InProgress = 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
  InvalidKey = 'IDEMPOTENCY_KEY_INVALID',
}

const KIND: Record<IdempotencyExceptionCode, ErrorKind> = {
  [IdempotencyExceptionCode.KeyReused]: 'unprocessable',
  [IdempotencyExceptionCode.InProgress]: 'conflict',
  [IdempotencyExceptionCode.InvalidKey]: 'invalid',
};

export class IdempotencyException extends DomainException {
  constructor(code: IdempotencyExceptionCode, message: string) {
    super(code, KIND[code], message);
  }
}
