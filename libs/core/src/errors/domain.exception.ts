/** How a domain failure reads to a client; one filter turns each kind into its status code. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'locked'
  | 'too_many'
  | 'unavailable';

export const ERROR_KIND_STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  locked: 423,
  too_many: 429,
  /** Busy for now: the same request may succeed shortly (answered with Retry-After). */
  unavailable: 503,
};

/** Seconds a client is asked to wait after a domain's 503 (kind `unavailable`). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/** Base of every exception a service throws: a stable code for programs, a message for people. */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A domain's exception class, from the table that gives each of its codes a kind:
 * `export class LeadException extends domainException(LEAD_ERROR_KINDS) {}`.
 */
export function domainException<Code extends string>(kinds: Record<Code, ErrorKind>) {
  return class extends DomainException {
    constructor(code: Code, message: string, details?: unknown) {
      super(code, kinds[code], message, details);
    }
  };
}

/** The failures every domain shares; each domain adds its own codes in its `*.exception.ts`. */
export enum CommonExceptionCode {
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  ValidationFailed = 'VALIDATION_FAILED',
  ForbiddenBureau = 'FORBIDDEN_BUREAU',
}

const COMMON_KINDS: Record<CommonExceptionCode, ErrorKind> = {
  [CommonExceptionCode.NotFound]: 'not_found',
  [CommonExceptionCode.Forbidden]: 'forbidden',
  [CommonExceptionCode.ValidationFailed]: 'invalid',
  [CommonExceptionCode.ForbiddenBureau]: 'forbidden',
};

export class CommonException extends domainException(COMMON_KINDS) {}

/** A record that does not exist, or that the actor may not see (the two answer alike). */
export class NotFoundException extends CommonException {
  constructor(what: string) {
    super(CommonExceptionCode.NotFound, `${what}不存在或无权访问`);
  }
}

export class ForbiddenException extends CommonException {
  constructor(message = '无权执行此操作') {
    super(CommonExceptionCode.Forbidden, message);
  }
}

export class ValidationException extends CommonException {
  constructor(message: string, details?: unknown) {
    super(CommonExceptionCode.ValidationFailed, message, details);
  }
}
