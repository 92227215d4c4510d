import {
  AllExceptionsFilter,
  AppConfig,
  createValidationPipe,
  IdempotencyRepository,
  settleIdempotentRequests,
  useDistrictTimeZone,
} from '@app/core';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { ApiModule, ROOT_LOGGER } from './api.module';
import { ApiStartup } from './api-startup.service';
import { useApiPrefix } from './api-prefix';
import { logRequests, QuietStartLogger } from './logging';
import { createOpenApiDocument } from './openapi/openapi-document';
import { cacheControlOf, HSTS, securityHeaders } from './security-headers';
import { registerWebPages } from './web/web-pages';

/** A JSON body's limit; a route may allow more with `@RouteConfig({ bodyLimit })` (the ledger upload has its own). */
export const BODY_LIMIT_BYTES = 256 * 1024;

/** A client-supplied request id is kept when it is short and plain; otherwise a fresh one is made. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
  return id;
}

export interface ApiAppOptions {
  /**
   * The demo records (the embedded default's first start) load after the server listens, and /health says
   * `starting` meanwhile (the api's main). Without it they are loaded before the application is ready.
   */
  demoInBackground?: boolean;
}

/** Builds the api application, configured exactly as it runs; tests use the same function. */
export async function createApiApp(config: AppConfig, options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: requestId,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-For is believed only from the proxies named in TRUSTED_PROXIES, never from the client itself
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    logger: false,
  });
  // a route's own limit, from its Fastify config, replaces the default for every body parser on that route
  adapter.getInstance().addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
  useDistrictTimeZone(config.APP_TIME_ZONE);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new QuietStartLogger(app.get(Logger)));
  app.get(ApiStartup).inBackground = options.demoInBackground ?? false;
  useApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const fastify = app.getHttpAdapter().getInstance();
  const security = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(security).header('x-request-id', request.id);
    const cacheControl = cacheControlOf(request.url);
    if (cacheControl) void reply.header('cache-control', cacheControl);
    // HSTS only means something over HTTPS (directly, or as a trusted proxy's X-Forwarded-Proto says)
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
    done();
  });
  logRequests(fastify, app.get(ROOT_LOGGER));
  closeConnectionsWhenStopping(fastify);
  settleIdempotentRequests(fastify, app.get(IdempotencyRepository));

  if (config.docsPublic) registerDocs(app);
  await registerWebPages(app);
  return app;
}

/**
 * Once the server is closing, every answer says `Connection: close` and its connection ends with it. Node closes
 * the connections idle at that moment, but a kept-alive connection busy then (a browser's, a proxy's) would stay
 * open after its answer until the client or the 72 s keep-alive timeout closed it, holding the stop up past any
 * orchestrator's grace period. A connection that turns idle by another path is closed within 100 ms.
 */
function closeConnectionsWhenStopping(fastify: FastifyInstance): void {
  let stopping = false;
  fastify.addHook('preClose', (done) => {
    stopping = true;
    const sweep = setInterval(() => fastify.server.closeIdleConnections(), 100);
    sweep.unref();
    fastify.server.once('close', () => clearInterval(sweep));
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (stopping) void reply.header('connection', 'close');
    done(null, payload);
  });
}

/**
 * The OpenAPI document and its page. Off unless DOCS_PUBLIC (default: on outside production): then /docs and
 * /docs/openapi.json are simply not found, so a production intranet does not describe its API to anyone.
 * The document is built on the first request for it, not at start: scanning every route and DTO takes most of a
 * second that a start (and every test file's) would otherwise spend for a page few open.
 */
function registerDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
}
