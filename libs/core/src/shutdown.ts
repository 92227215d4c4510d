import { INestApplicationContext, Logger } from '@nestjs/common';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * A graceful stop on SIGTERM or SIGINT, bounded in time. `app.close()` runs Nest's stop in its order: the HTTP
 * server stops accepting connections and waits for the requests under way (a visit waiting in a write batch is
 * part of its request; a new request on a kept-alive connection is answered 503 with `Connection: close`), then
 * the providers' `onApplicationShutdown` hooks run, the application's modules before the global ones: lead imports
 * stop, the queues close (a running job finishes; one not started stays in Redis), and the database closes last.
 *
 * The process then exits with code 0. When the stop takes longer than `timeoutSeconds`, it logs that and exits
 * with code 1: a Bull job cut off so is taken up again by another worker once its lock expires, and a request cut
 * off so wrote all or nothing (its transaction), as after a crash. A second signal while stopping changes nothing.
 *
 * `flushLog` writes out what an asynchronous log destination still holds; it runs right before every exit, so the
 * last lines (the requests finished while stopping, "Stopped") are not lost.
 */
export function stopGracefullyOnSignals(
  app: INestApplicationContext,
  timeoutSeconds: number,
  flushLog: () => void = () => undefined,
): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const exit = (code: number) => {
    flushLog();
    process.exit(code);
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing the requests and jobs under way (at most ${timeoutSeconds} s)`);
    const deadline = setTimeout(() => {
      logger.error(`Not stopped within ${timeoutSeconds} s (SHUTDOWN_TIMEOUT_SECONDS): exiting without waiting more`);
      exit(1);
    }, timeoutSeconds * 1000);
    app.close().then(
      () => {
        clearTimeout(deadline);
        logger.log('Stopped');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error({ err: error }, 'The graceful stop failed');
        exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  // once stopping, a promise a library leaves rejected as its connections close under it (Bull's blocking Redis
  // commands: "Connection is closed") is logged, not fatal; before a stop, Node's default (end the process) holds
  process.on('unhandledRejection', (reason) => {
    if (!stopping) throw reason;
    logger.warn(`Ignored while stopping: ${(reason as Error)?.message ?? String(reason)}`);
  });
}
