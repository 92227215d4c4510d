import helmet, { HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What every response carries: the content security policy for the pages, and helmet's other defaults. */
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      // the intranet may serve plain http: this directive would send every page asset and API call to https
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
  // sent per request, and only over HTTPS: see HSTS
  strictTransportSecurity: false,
};

/** Strict-Transport-Security for answers that came over HTTPS (a year, as helmet's default is). */
export const HSTS = 'max-age=31536000; includeSubDomains';

const API_PATH = /^\/api\//;

/**
 * Cache-Control of an answer, from its path. Every API answer is `no-store`: tokens, contacts, exports and
 * every other list depend on who asks and may hold personal data, so no browser or proxy may keep a copy.
 * Other paths (the pages, their hashed assets, /docs) set their own or keep the default.
 */
export function cacheControlOf(url: string): string | undefined {
  return API_PATH.test(url) ? 'no-store' : undefined;
}

/**
 * The headers helmet sets for these options. They depend on the options alone, never on the request, so
 * they are worked out once here instead of by running helmet's middleware on every request.
 */
export function securityHeaders(options: HelmetOptions = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}
