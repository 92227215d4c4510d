import 'reflect-metadata';
import { AppConfig, ConfigError, DataDirInUseError, loadConfig, stopGracefullyOnSignals } from '@app/core';
import { DEMO_PASSWORD, demoUsers } from '@app/demo';
import { createApiApp } from './bootstrap';
import { ApiStartup } from './api-startup.service';
import { ROOT_LOGGER } from './api.module';
import { flushLog } from './logging';
import type { Logger as Pino } from 'pino';

/** One demo account of each role, shown at start. */
const DEMO_SIGN_INS = ['leader1', 'supervisor1', 'head01', 'staff01a', 'staff02a'];

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config, { demoInBackground: true });
  const logger = app.get<Pino>(ROOT_LOGGER);
  stopGracefullyOnSignals(app, config.SHUTDOWN_TIMEOUT_SECONDS, () => flushLog(logger));
  await app.listen({ port: config.PORT, host: config.HOST });
  process.stdout.write(startBanner(config, app.get(ApiStartup)));
}

/** What a person starting the CRM needs: where it is, which database, and how to sign in. */
function startBanner(config: AppConfig, startup: ApiStartup): string {
  const url = `http://localhost:${config.PORT}`;
  const lines = [
    `海州招商 CRM is running at ${url}/`,
    `  API docs:  ${url}/docs`,
    `  Health:    ${url}/health`,
    config.embedded ? `  Database:  embedded PGlite in ${config.DATA_DIR}` : '  Database:  PostgreSQL (DATABASE_URL)',
  ];
  if (startup.generatedAdminPassword) {
    lines.push(
      `  Administrator: admin / ${startup.generatedAdminPassword}   (generated now and shown only once — write it down)`,
    );
  }
  if (config.loadDemoData) {
    const shown = demoUsers().filter((u) => DEMO_SIGN_INS.includes(u.username));
    const width = Math.max(...shown.map((u) => u.username.length));
    lines.push(`  Demo sign-ins, password ${DEMO_PASSWORD}:`);
    for (const user of shown) lines.push(`    ${user.username.padEnd(width)}  ${user.displayName}，${user.title}`);
  }
  return `\n${lines.join('\n')}\n\n`;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Start-up failed: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
