import { Logger } from '@nestjs/common';

/**
 * Once SIGTERM or SIGINT has started a graceful stop, a promise that a library leaves rejected when its
 * connections are closed under it (Bull's blocking Redis commands: "Connection is closed") is logged, not fatal:
 * the process is already draining and exits when it is done. Before a stop, such a rejection ends the process
 * as Node's default says.
 */
export function toleratePromiseRejectionsWhileStopping(): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => (stopping = true));
  process.on('unhandledRejection', (reason) => {
    if (!stopping) throw reason;
    new Logger('Shutdown').warn(`Ignored while stopping: ${(reason as Error)?.message ?? String(reason)}`);
  });
}
