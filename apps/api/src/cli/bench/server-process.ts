/**
 * A server measured in a process of its own, as it runs in production: `fork()`ed by bench.ts, it starts
 * either the whole api or the bare Fastify + pg yardstick, sends back its URL, and closes when told to.
 * Neither then shares a heap or an event loop with the benchmark's own work, nor with the other.
 */
import 'reflect-metadata';
import { loadConfig } from '@app/core';
import { createApiApp } from '../../bootstrap';
import { startBareServer } from './bare-server';

export type ServerRequest =
  { kind: 'api'; settings: Record<string, string> } | { kind: 'bare'; databaseUrl: string; poolSize: number };

export interface ServerStarted {
  url: string;
}

async function start(request: ServerRequest): Promise<{ url: string; close(): Promise<void> }> {
  if (request.kind === 'bare') return startBareServer(request.databaseUrl, request.poolSize);
  const app = await createApiApp(loadConfig(request.settings));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: await app.getUrl(), close: () => app.close() };
}

process.once('message', (request: ServerRequest) => {
  start(request).then(
    (server) => {
      process.once('message', () => {
        void server.close().finally(() => process.exit(0));
      });
      process.send?.({ url: server.url } satisfies ServerStarted);
    },
    (error: unknown) => {
      process.send?.({ error: String(error) });
      process.exit(1);
    },
  );
});
