/**
 * The load generator, run as a child process so that it does not share the event loop of the server it
 * measures: `fork()`ed by bench.ts, it receives the target and the requests to send (taken in turn, each with its
 * own path, headers and body), runs autocannon and sends back the throughput and the latency percentiles, which
 * it computes from every response's time itself.
 */
import autocannon from 'autocannon';
import { percentile } from './measure';

export interface LoadItem {
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  items: LoadItem[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Responses received (any status). */
  responses: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

process.once('message', (message: LoadRequest) => {
  let next = 0;
  const latencies: number[] = [];
  const instance = autocannon(
    {
      url: message.url,
      connections: message.connections,
      duration: message.seconds,
      requests: [
        {
          method: message.method,
          setupRequest: (request) => {
            const item = message.items[next++ % message.items.length];
            const headers: Record<string, string> = { ...item.headers };
            if (item.body !== undefined) headers['content-type'] = 'application/json';
            return { ...request, path: item.path, headers, body: item.body };
          },
        },
      ],
    },
    (error, result) => {
      if (error) {
        process.send?.({ error: String(error) });
      } else {
        const summary: LoadResult = {
          requestsPerSecond: latencies.length / message.seconds,
          responses: latencies.length,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          non2xx: result.non2xx,
          errors: result.errors,
        };
        process.send?.(summary);
      }
      process.exit(0);
    },
  );
  instance.on('response', (_client, _status, _bytes, responseTime: number) => latencies.push(responseTime));
});
