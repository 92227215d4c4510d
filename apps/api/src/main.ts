import 'reflect-metadata';
import { ConfigError, DataDirInUseError, loadConfig, stopGracefullyOnSignals } from '@app/core';
import { DEMO_PASSWORD, demoUsers } from '@app/demo';
import { createApiApp } from './bootstrap';
import { ApiStartup } from './api-startup.service';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  stopGracefullyOnSignals(app, config.SHUTDOWN_TIMEOUT_SECONDS);
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${config.PORT}`;
  const startup = app.get(ApiStartup);
  const lines = [`海州招商 CRM is running at ${url}  (API docs: ${url}/docs, health: ${url}/health)`];
  lines.push(
    config.embedded ? `Database: embedded PGlite in ${config.DATA_DIR}` : 'Database: PostgreSQL (DATABASE_URL)',
  );
  if (startup.generatedAdminPassword) {
    lines.push(
      `Administrator: admin / ${startup.generatedAdminPassword}   (generated now and shown only once — write it down)`,
    );
  }
  if (config.loadDemoData) {
    const shown = demoUsers().filter((u) =>
      ['leader1', 'supervisor1', 'head01', 'staff01a', 'staff02a'].includes(u.username),
    );
    lines.push(
      `Demo sign-ins (password ${DEMO_PASSWORD}): ${shown.map((u) => `${u.username} (${u.displayName}, ${u.title})`).join('; ')}`,
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
