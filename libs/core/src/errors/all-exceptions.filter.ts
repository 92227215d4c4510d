import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refusedQueryCode } from '../database/database-probe';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { DomainException, ERROR_KIND_STATUS, UNAVAILABLE_RETRY_AFTER_SECONDS } from './domain.exception';
import { ErrorBody } from './error-body';

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

/** Postgres errors a client can provoke with odd but well-formed input; anything else stays a 500. */
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  '22P02': { status: 400, code: 'VALIDATION_FAILED', message: '参数格式不正确' },
  '22003': { status: 400, code: 'VALIDATION_FAILED', message: '数值超出允许范围' },
  '22007': { status: 400, code: 'VALIDATION_FAILED', message: '日期格式不正确' },
  '22008': { status: 400, code: 'VALIDATION_FAILED', message: '日期超出允许范围' },
  '22001': { status: 400, code: 'VALIDATION_FAILED', message: '文本过长' },
  '22021': { status: 400, code: 'VALIDATION_FAILED', message: '文本包含无效字符' },
  '22P05': { status: 400, code: 'VALIDATION_FAILED', message: '文本包含无效字符' },
  '23505': { status: 409, code: 'CONFLICT', message: '记录已存在' },
  '40001': { status: 409, code: 'CONCURRENT_UPDATE', message: '记录正被他人修改，请重试' },
};

/** What the framework's own 4xx answers say, in Chinese (its English text never reaches a user). */
const HTTP_MESSAGES: Record<string, string> = {
  MALFORMED_JSON: '请求内容不是有效的 JSON',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的请求内容类型，请以 application/json 提交',
  NOT_FOUND: '接口不存在',
  METHOD_NOT_ALLOWED: '不支持此请求方法',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '无权执行此操作',
  NOT_ACCEPTABLE: '无法提供所要求的内容格式',
  CONFLICT: '请求与当前数据冲突',
  UNPROCESSABLE: '请求无法处理',
};

/** The framework's English message in Chinese; a message already written in Chinese is kept. */
function chineseHttpMessage(code: string, message: string): string {
  if (/[\u3400-\u9fff]/.test(message)) return message;
  return HTTP_MESSAGES[code] ?? '请求有误';
}

/** Turns any thrown value into an ErrorBody; never leaks a stack trace or SQL. */
export function toErrorBody(error: unknown, requestId?: string): ErrorBody {
  if (error instanceof DomainException) {
    return withRequestId(
      { statusCode: ERROR_KIND_STATUS[error.kind], code: error.code, message: error.message, details: error.details },
      requestId,
    );
  }
  if (error instanceof ThrottlerException) {
    return withRequestId({ statusCode: 429, code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' }, requestId);
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : error.message;
    // Nest hands on Fastify's body-parser failures as plain HttpExceptions; name the malformed-JSON case
    const code =
      statusCode === 400 && /not valid JSON|JSON/.test(message)
        ? 'MALFORMED_JSON'
        : (HTTP_CODES[statusCode] ?? 'HTTP_ERROR');
    return withRequestId({ statusCode, code, message: chineseHttpMessage(code, message) }, requestId);
  }
  if (isDatabaseUnavailable(error)) {
    return withRequestId(
      { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '数据库暂时不可用，请稍后重试' },
      requestId,
    );
  }
  const pgCode = refusedQueryCode(error);
  if (pgCode) {
    const known = PG_CLIENT_ERRORS[pgCode];
    if (known) {
      return withRequestId({ statusCode: known.status, code: known.code, message: known.message }, requestId);
    }
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (
    typeof fastifyError?.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500 &&
    typeof fastifyError.code === 'string' &&
    fastifyError.code.startsWith('FST_')
  ) {
    const code = fastifyError.code.includes('JSON')
      ? 'MALFORMED_JSON'
      : (HTTP_CODES[fastifyError.statusCode] ?? 'BAD_REQUEST');
    return withRequestId(
      { statusCode: fastifyError.statusCode, code, message: chineseHttpMessage(code, fastifyError.message ?? '') },
      requestId,
    );
  }
  return withRequestId(
    { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请联系管理员并提供请求编号' },
    requestId,
  );
}

function withRequestId(body: ErrorBody, requestId?: string): ErrorBody {
  if (body.details === undefined) delete body.details;
  return requestId ? { ...body, requestId } : body;
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toErrorBody(error, request?.id);
    if (body.code === 'DATABASE_UNAVAILABLE') {
      this.logger.warn({ requestId: request?.id }, `Database unavailable: ${(error as Error)?.message}`);
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (error instanceof DomainException && error.kind === 'unavailable') {
      void reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: error, requestId: request?.id }, 'Unhandled error');
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
