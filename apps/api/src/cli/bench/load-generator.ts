/**
 * The load generator, run as a child process so that it does not share the event loop of the server it
 * measures: `fork()`ed by bench.ts, it receives the target and the request bodies, runs autocannon and sends
 * the result back.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  seconds: number;
  /** Load sent first and not counted, so that both servers are measured warm (compiled, pools filled). */
  warmupSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** autocannon's warm-up option, which its type definitions do not list yet. */
type Options = autocannon.Options & { warmup: { connections: number; duration: number } };

process.once('message', (message: LoadRequest) => {
  let next = 0;
  const options: Options = {
    url: message.url,
    connections: message.connections,
    duration: message.seconds,
    warmup: { connections: message.connections, duration: message.warmupSeconds },
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...message.headers },
        setupRequest: (request) => ({ ...request, body: message.bodies[next++ % message.bodies.length] }),
      },
    ],
  };
  autocannon(options, (error, result) => {
    if (error) {
      process.send?.({ error: String(error) });
    } else {
      const summary: LoadResult = {
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      };
      process.send?.(summary);
    }
    process.exit(0);
  });
});
