import { ApiError, apiErrorOf, EXPIRED_MESSAGE, IDLE_MESSAGE } from './errors';
import type { components } from './schema';

export type User = components['schemas']['UserDto'];
type Tokens = components['schemas']['TokensDto'];

const REFRESH_KEY = 'haizhou.refreshToken';
/** The signed-in user's record, so a reload without a network still knows who works offline. */
const USER_KEY = 'haizhou.user';
/** Renew this long before the access token runs out, so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;
/** A creating call that got no answer is sent again this many times, with the same Idempotency-Key. */
const NETWORK_RETRIES = 2;
const UNAUTHENTICATED = /\/api\/v1\/auth\/(login|refresh)$/;

/** A fresh Idempotency-Key; crypto.randomUUID is missing on plain-http pages, getRandomValues is not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The signed-in session. The access token lives only in memory (a script injected later cannot find it
 * in storage); the refresh token lives in sessionStorage so a reload of the tab keeps the user signed in,
 * and it is gone when the tab closes. Every call of the generated client goes through `fetch` here.
 */
class Session {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private refreshing: Promise<void> | null = null;
  /** Set when the server ended this session: calls that were under way with it do not change the reason shown. */
  private ended = false;
  user: User | null = null;
  /** Called when the server ends the session (idle, expired, signed out elsewhere), with the sentence to show. */
  onEnded: (message: string) => void = () => undefined;
  /** Called whenever the server hands over a new user record (sign-in, refresh). */
  onUser: (user: User | null) => void = () => undefined;

  get hasRefreshToken(): boolean {
    return sessionStorage.getItem(REFRESH_KEY) !== null;
  }

  keep(tokens: Tokens): void {
    this.ended = false;
    this.accessToken = tokens.accessToken;
    this.expiresAt = Date.now() + tokens.expiresIn * 1000;
    this.user = tokens.user;
    sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    sessionStorage.setItem(USER_KEY, JSON.stringify(tokens.user));
    this.onUser(tokens.user);
  }

  forget(): void {
    this.accessToken = null;
    this.expiresAt = 0;
    this.user = null;
    sessionStorage.removeItem(REFRESH_KEY);
    sessionStorage.removeItem(USER_KEY);
    this.onUser(null);
  }

  /**
   * Restores the session after a reload, from the refresh token; false when there is none to restore. Without a
   * network the tab goes on as the user it had (the pages that work offline need no call); the first call once
   * the network is back renews the token.
   */
  async resume(): Promise<boolean> {
    if (!this.hasRefreshToken) return false;
    try {
      await this.refresh();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.forget();
        if (error.code === 'SESSION_IDLE') throw error;
        return false;
      }
      const kept = sessionStorage.getItem(USER_KEY);
      if (error instanceof TypeError && kept) {
        this.user = JSON.parse(kept) as User;
        this.onUser(this.user);
        return true;
      }
      throw error;
    }
  }

  /** The fetch of the generated client: the bearer token, one renewal on a 401, retries of keyed creations. */
  readonly fetch = async (request: Request): Promise<Response> => {
    if (UNAUTHENTICATED.test(new URL(request.url).pathname)) return fetch(request);
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
      request.headers.set('idempotency-key', newIdempotencyKey());
    }
    if (!this.accessToken || Date.now() > this.expiresAt - EXPIRY_MARGIN_MS) await this.refreshOrEnd();
    const used = this.accessToken;
    let response = await this.send(request, used);
    if (response.status === 401) {
      const error = await apiErrorOf(response);
      if (error.code === 'SESSION_IDLE') throw this.end(error);
      // the access token ran out on the way; renew it once (unless a parallel call already did) and try again
      if (this.accessToken === used) await this.refreshOrEnd();
      response = await this.send(request, this.accessToken);
      if (response.status === 401) throw this.end(await apiErrorOf(response));
    }
    return response;
  };

  /** Sends a copy of the request; a keyed creation that got no answer is sent again with the same key. */
  private async send(request: Request, token: string | null): Promise<Response> {
    const retries = request.headers.has('idempotency-key') ? NETWORK_RETRIES : 0;
    for (let attempt = 0; ; attempt++) {
      const copy = request.clone();
      if (token) copy.headers.set('authorization', `Bearer ${token}`);
      try {
        return await fetch(copy, { cache: 'no-store' });
      } catch (error) {
        if (attempt >= retries || !(error instanceof TypeError)) throw error;
      }
    }
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
      try {
        const refreshToken = sessionStorage.getItem(REFRESH_KEY);
        if (!refreshToken) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
        const response = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ refreshToken }),
          cache: 'no-store',
        });
        if (!response.ok) throw await apiErrorOf(response);
        this.keep((await response.json()) as Tokens);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /**
   * Ends the session with the reason the server gave first: the dashboard's calls go out together, and after the
   * first answer (长时间未操作) the others come back refused for a session already ended, which must not change it.
   */
  private end(error: ApiError): ApiError {
    if (this.ended) return error;
    this.ended = true;
    this.forget();
    this.onEnded(error.code === 'SESSION_IDLE' ? IDLE_MESSAGE : EXPIRED_MESSAGE);
    return error;
  }
}

export const session = new Session();
