/** One field the API named in a 400, with its Chinese problems. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** An answer of the API that is not a success: its status, code and Chinese message, and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * The fields of a validation failure, keyed by their path (`signedDate`, `items[0].visits`); a refusal of the
   * domain that names one field (`{ field: 'investorId' }`) puts its message on that field.
   */
  get fields(): Record<string, string> {
    const fields: Record<string, string> = {};
    const named = (this.details as { field?: unknown } | undefined)?.field;
    if (!Array.isArray(this.details)) return typeof named === 'string' && named ? { [named]: this.message } : fields;
    for (const item of this.details as Partial<FieldProblem>[]) {
      if (typeof item?.field === 'string' && Array.isArray(item.problems) && item.problems.length > 0) {
        fields[item.field] = item.problems.join('；');
      }
    }
    return fields;
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
export const IDLE_MESSAGE = '长时间未操作，请重新登录';
export const EXPIRED_MESSAGE = '登录已失效，请重新登录';

/** Whether a failure is the network's (no answer at all), as opposed to the API's answer. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof DOMException && error.name === 'AbortError');
}

/** The Chinese sentence to show for any failure of a call. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (isNetworkError(error)) return NETWORK_MESSAGE;
  return '操作失败，请稍后重试';
}

/** Reads an error body `{ statusCode, code, message, details? }`; a body of another shape still gives a message. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.clone().json()) as { code?: string; message?: string | string[]; details?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('；') : body.message;
    return new ApiError(response.status, body.code ?? `HTTP_${response.status}`, message ?? '请求失败', body.details);
  } catch {
    return new ApiError(response.status, `HTTP_${response.status}`, `请求失败（${response.status}）`);
  }
}

/** Builds an ApiError from the `error` openapi-fetch hands back with the response. */
export function toApiError(error: unknown, response: Response): ApiError {
  const body = (error ?? {}) as { code?: string; message?: string | string[]; details?: unknown };
  const message = Array.isArray(body.message) ? body.message.join('；') : body.message;
  return new ApiError(
    response.status,
    body.code ?? `HTTP_${response.status}`,
    message ?? `请求失败（${response.status}）`,
    body.details,
  );
}
