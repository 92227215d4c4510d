/**
 * A baseline measured in a process of its own, as a server runs in production: `fork()`ed by bench.ts, it starts
 * a bare Fastify + pg server (see bare-server.ts), sends back its URL, and closes when told to. It then shares
 * neither a heap nor an event loop with the benchmark's own work, nor with the CRM it is compared with.
 */
import { BareTable, startBareServer } from './bare-server';

export interface ServerRequest {
  databaseUrl: string;
  poolSize: number;
  table: BareTable;
}

export interface ServerStarted {
  url: string;
}

process.once('message', (request: ServerRequest) => {
  startBareServer(request.databaseUrl, request.poolSize, request.table).then(
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
