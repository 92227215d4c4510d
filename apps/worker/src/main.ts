import 'reflect-metadata';
import { ConfigError, loadConfig, QueueDriverName, resolveAuditKey, stopGracefullyOnSignals } from '@app/core';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.queueDriver !== QueueDriverName.Bull) {
    throw new ConfigError(
      'The worker needs Bull on Redis: set REDIS_URL (on the embedded default the api runs the jobs itself).',
    );
  }
  // a missing AUDIT_HMAC_KEY is one line here rather than a failed module deep in start-up
  resolveAuditKey(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config));
  stopGracefullyOnSignals(app, config.SHUTDOWN_TIMEOUT_SECONDS);
  new Logger('Worker').log('Worker started; processing queues on Redis');
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Worker failed: ${(error as Error)?.stack ?? String(error)}\n`,
  );
  process.exit(1);
});
