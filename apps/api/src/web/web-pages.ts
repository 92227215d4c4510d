import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Paths the pages must never answer, so an unknown API route still gets the API's JSON 404. */
const RESERVED = /^\/(api|docs|health)(\/|$)/;
/** A path with a file extension is a missing file, not a page of the single-page app. */
const LOOKS_LIKE_FILE = /\/[^/]+\.[A-Za-z0-9]+$/;

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>页面尚未构建</title>' +
  '<p>页面尚未构建，请先运行 npm run build。</p></html>';

/**
 * Where `npm run build` put the pages: beside the compiled api in dist/, or dist/web of the
 * repository when the api runs from its TypeScript sources (tests).
 */
export function findWebRoot(): string | null {
  const candidates = [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the web application (apps/web, built by `npm run build`) from the api itself: the intranet has no
 * CDN, so every script, style and font comes from here. Every page path answers index.html, and the
 * application's router draws the page.
 */
export async function registerWebPages(app: NestFastifyApplication, root = findWebRoot()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();

  if (root) {
    // hashed names change with their content, so browsers may keep them for good
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      wildcard: false,
      index: false,
      immutable: true,
      maxAge: '365d',
    });
  }

  // the service worker keeps the application shell for offline use; it must be revalidated on every visit, or a
  // browser would keep running an old one that names assets of an older build
  let serviceWorker: Promise<string> | undefined;
  fastify.get('/sw.js', async (_request, reply) => {
    if (!root || !existsSync(join(root, 'sw.js'))) return reply.callNotFound();
    serviceWorker ??= readFile(join(root, 'sw.js'), 'utf8');
    return reply
      .header('cache-control', 'no-cache')
      .type('text/javascript; charset=utf-8')
      .send(await serviceWorker);
  });

  let indexHtml: Promise<string> | undefined;
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (RESERVED.test(path) || LOOKS_LIKE_FILE.test(path)) return reply.callNotFound();
    if (!root) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    indexHtml ??= readFile(join(root, 'index.html'), 'utf8');
    // the page names the current hashed bundle, so it must be revalidated on every visit
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(await indexHtml);
  };
  fastify.get('/', page);
  fastify.get('/*', page);
}
