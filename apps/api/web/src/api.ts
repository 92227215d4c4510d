import type { User } from './types';

const API = '/api/v1';
const REFRESH_KEY = 'haizhou.refreshToken';
/** Renew this long before the access token runs out, so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

export const IDLE_MESSAGE = '长时间未操作，请重新登录';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

/**
 * The signed-in session. The access token lives only in memory (a script injected later cannot find it
 * in storage); the refresh token lives in sessionStorage so a reload of the tab keeps the user signed in,
 * and it is gone when the tab closes.
 */
class Session {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private refreshing: Promise<void> | null = null;
  user: User | null = null;
  /** Called when the server ends the session (idle, expired, signed out elsewhere). */
  onEnded: (message: string) => void = () => undefined;

  get hasRefreshToken(): boolean {
    return sessionStorage.getItem(REFRESH_KEY) !== null;
  }

  async login(username: string, password: string): Promise<User> {
    const tokens = await send<Tokens>('POST', '/auth/login', { body: { username, password } });
    this.keep(tokens);
    return tokens.user;
  }

  async logout(): Promise<void> {
    try {
      if (this.accessToken || this.hasRefreshToken) await this.request('POST', '/auth/logout');
    } catch {
      // the session may already be over on the server; forgetting it here is what matters
    }
    this.forget();
  }

  forget(): void {
    this.accessToken = null;
    this.expiresAt = 0;
    this.user = null;
    sessionStorage.removeItem(REFRESH_KEY);
  }

  /** Restores the session after a reload, from the refresh token; false when there is none to restore. */
  async resume(): Promise<boolean> {
    if (!this.hasRefreshToken) return false;
    try {
      await this.refresh();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SESSION_IDLE') throw error;
      return false;
    }
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return this.authorised(method, path, options, (response) => readBody<T>(response));
  }

  /** A file download: the response as a Blob with its file name. */
  async download(path: string): Promise<{ blob: Blob; fileName: string }> {
    return this.authorised('GET', path, {}, async (response) => ({
      blob: await response.blob(),
      fileName: fileNameOf(response.headers.get('content-disposition')) ?? 'download',
    }));
  }

  private async authorised<T>(
    method: string,
    path: string,
    options: RequestOptions,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    if (!this.accessToken || Date.now() > this.expiresAt - EXPIRY_MARGIN_MS) await this.refreshOrEnd();
    const used = this.accessToken;
    let response = await fetchApi(method, path, options, used);
    if (response.status === 401) {
      const error = await errorOf(response);
      if (error.code === 'SESSION_IDLE') throw this.end(error);
      // the access token ran out on the way; renew it once (unless a parallel call already did) and try again
      if (this.accessToken === used) await this.refreshOrEnd();
      response = await fetchApi(method, path, options, this.accessToken);
    }
    if (response.status === 401) throw this.end(await errorOf(response));
    if (!response.ok) throw await errorOf(response);
    return read(response);
  }

  private async refreshOrEnd(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) throw this.end(error);
      throw error;
    }
  }

  /** One refresh at a time: the server rotates the refresh token, so a second concurrent use would end the session. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const refreshToken = sessionStorage.getItem(REFRESH_KEY);
      if (!refreshToken) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
      try {
        this.keep(await send<Tokens>('POST', '/auth/refresh', { body: { refreshToken } }));
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private keep(tokens: Tokens): void {
    this.accessToken = tokens.accessToken;
    this.expiresAt = Date.now() + tokens.expiresIn * 1000;
    this.user = tokens.user;
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  }

  private end(error: ApiError): ApiError {
    this.forget();
    this.onEnded(error.code === 'SESSION_IDLE' ? IDLE_MESSAGE : '登录已失效，请重新登录');
    return error;
  }
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
}

export const session = new Session();

export function api<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  return session.request<T>(method, path, options);
}

/** Whether a call failed because the route is not there (yet): the page then hides that part. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return '网络连接失败，请检查网络后重试';
  return '操作失败，请稍后重试';
}

async function send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const response = await fetchApi(method, path, options, null);
  if (!response.ok) throw await errorOf(response);
  return readBody<T>(response);
}

function fetchApi(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const url = new URL(API + path, location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: 'no-store',
  });
}

async function readBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: string; message?: string | string[]; details?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('；') : body.message;
    return new ApiError(response.status, body.code ?? `HTTP_${response.status}`, message ?? '请求失败', body.details);
  } catch {
    return new ApiError(response.status, `HTTP_${response.status}`, `请求失败（${response.status}）`);
  }
}

/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*` form (Chinese names). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) return decodeURIComponent(extended[1]);
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}
