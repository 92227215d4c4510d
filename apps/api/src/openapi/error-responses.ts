import type { OpenAPIObject, OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { RouteFacts } from './route-facts';

/** The one error shape of the API (ErrorBody in @app/core), as every 4xx and 5xx answer carries it. */
export const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  description: '错误应答：code 供程序判断，message 供人阅读（中文），requestId 用于向管理员报告问题',
  required: ['statusCode', 'code', 'message', 'requestId'],
  properties: {
    statusCode: { type: 'integer', description: 'HTTP 状态码', example: 404 },
    code: { type: 'string', description: '错误代码', example: 'NOT_FOUND' },
    message: { type: 'string', description: '中文说明', example: '线索不存在或无权访问' },
    details: { description: '补充信息（如 400 时逐项列出字段和问题，409 撞单时给出已登记的招商局和日期）' },
    requestId: {
      type: 'string',
      description: '请求编号，与响应头 x-request-id 相同',
      example: '3f2b8c1e-7d4a-4e0b-9a61-5c2f0e8d1b47',
    },
  },
};

const ERROR_SCHEMA_NAME = 'ErrorBody';
const ERROR_SCHEMA_REF: ReferenceObject = { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` };
const REQUEST_ID = '3f2b8c1e-7d4a-4e0b-9a61-5c2f0e8d1b47';
const ID_EXAMPLE = '6d1f3b5a-8c2e-4f7a-9b1d-3e5f7a9c1b2d';

interface SharedError {
  status: number;
  description: string;
  code: string;
  message: string;
  details?: unknown;
}

/** The answers a route gives by its kind alone: input, sign-in, roles, records in the path, keys, limits. */
const SHARED_ERRORS = {
  BadRequest: {
    status: 400,
    description: '参数不符合要求（VALIDATION_FAILED 等），details 逐项列出字段和问题',
    code: 'VALIDATION_FAILED',
    message: '请求参数有误：企业名称不能为空',
    details: [{ field: 'name', problems: ['企业名称不能为空'] }],
  },
  Unauthorized: {
    status: 401,
    description: '未登录、令牌无效或会话已失效（UNAUTHENTICATED、SESSION_IDLE 等），请重新登录',
    code: 'UNAUTHENTICATED',
    message: '请先登录',
  },
  Forbidden: {
    status: 403,
    description: '无权执行此操作：角色不符、须先修改初始密码，或记录属于其他招商局',
    code: 'FORBIDDEN',
    message: '无权执行此操作',
  },
  NotFound: {
    status: 404,
    description: '路径中的记录不存在，或不在本人可见的范围内（NOT_FOUND）',
    code: 'NOT_FOUND',
    message: '线索不存在或无权访问',
  },
  IdempotencyConflict: {
    status: 409,
    description:
      '同一 Idempotency-Key 的请求正在处理（IDEMPOTENCY_REQUEST_IN_PROGRESS），或已处理成功但应答无法重放（IDEMPOTENT_REQUEST_COMMITTED）',
    code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS',
    message: '相同 Idempotency-Key 的请求正在处理中，请稍后重试',
  },
  IdempotencyKeyReused: {
    status: 422,
    description: '该 Idempotency-Key 已用于内容不同的另一个请求（IDEMPOTENCY_KEY_REUSED）',
    code: 'IDEMPOTENCY_KEY_REUSED',
    message: '该 Idempotency-Key 已用于另一个请求，请换一个新的键',
  },
  RateLimited: {
    status: 429,
    description: '请求过于频繁（RATE_LIMITED），请稍后再试',
    code: 'RATE_LIMITED',
    message: '请求过于频繁，请稍后再试',
  },
} satisfies Record<string, SharedError>;

type SharedErrorName = keyof typeof SHARED_ERRORS;

/** The shared answers that apply to an operation, from its route's metadata and its own parameters and body. */
function sharedErrorsOf(operation: OperationObject, facts: RouteFacts): SharedErrorName[] {
  const parameters = (operation.parameters ?? []).filter((p) => !('$ref' in p)) as { in: string }[];
  const names: SharedErrorName[] = [];
  if (operation.requestBody || parameters.some((p) => p.in === 'query' || p.in === 'path')) names.push('BadRequest');
  if (!facts.public) names.push('Unauthorized', 'Forbidden');
  if (parameters.some((p) => p.in === 'path')) names.push('NotFound');
  if (facts.idempotent) names.push('IdempotencyConflict', 'IdempotencyKeyReused');
  if (facts.rateLimited) names.push('RateLimited');
  return names;
}

/**
 * Completes the document the decorators built, from each route's metadata: `security` on every operation (bearer
 * for signed-in routes, none for public ones) and the 4xx answers every route gives by its kind, with the error
 * body. A 4xx a controller declares itself (a 409 naming its codes, say) keeps its description and gets the
 * error body; when a shared answer has the same status, the two descriptions are joined.
 */
export function describeAccessAndErrors(
  document: OpenAPIObject,
  routes: Map<string, RouteFacts>,
  bearer: string,
): void {
  const components = (document.components ??= {});
  (components.schemas ??= {})[ERROR_SCHEMA_NAME] = ERROR_BODY_SCHEMA;
  const used = new Set<SharedErrorName>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const facts = operation.operationId ? routes.get(operation.operationId) : undefined;
      if (!facts) throw new Error(`OpenAPI: no route metadata for ${method.toUpperCase()} ${path}`);
      operation.security = facts.public ? [] : [{ [bearer]: [] }];
      describeIdParams(operation, facts.idParams);
      const responses = operation.responses;
      for (const [status, response] of Object.entries(responses) as [string, ResponseObject | ReferenceObject][]) {
        if (/^[45]\d\d$/.test(status) && !('$ref' in response) && !response.content) {
          response.content = errorContent();
        }
      }
      for (const name of sharedErrorsOf(operation, facts)) {
        const shared = SHARED_ERRORS[name];
        const own = responses[shared.status] as ResponseObject | ReferenceObject | undefined;
        if (own === undefined) {
          responses[shared.status] = { $ref: `#/components/responses/${name}` };
          used.add(name);
        } else if (!('$ref' in own) && !own.description.includes(shared.description)) {
          own.description = `${own.description}；${shared.description}`;
        }
      }
    }
  }
  components.responses ??= {};
  for (const name of used) {
    const { description, status, code, message, ...rest } = SHARED_ERRORS[name] as SharedError;
    components.responses[name] = {
      description,
      content: errorContent({ statusCode: status, code, message, ...rest, requestId: REQUEST_ID }),
    };
  }
}

/** A record's id in the path is a UUID (ParseIdPipe answers 400 to anything else). */
function describeIdParams(operation: OperationObject, names: string[]): void {
  for (const parameter of operation.parameters ?? []) {
    if ('$ref' in parameter || parameter.in !== 'path' || !names.includes(parameter.name)) continue;
    parameter.schema = { type: 'string', format: 'uuid' };
    parameter.description ??= '记录编号（UUID）';
    parameter.example = ID_EXAMPLE;
  }
}

function errorContent(example?: Record<string, unknown>): ResponseObject['content'] {
  return { 'application/json': { schema: ERROR_SCHEMA_REF, ...(example ? { example } : {}) } };
}
