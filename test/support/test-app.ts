import { AppConfig, loadConfig } from '@app/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import TestAgent from 'supertest/lib/agent';
import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_ADMIN_PASSWORD = 'Guanli#Test2026';
export const TEST_AUDIT_KEY = 'test-audit-key-that-is-long-enough-for-hmac';
/**
 * argon2id memory for tests' passwords, below OWASP's minimum (which production keeps): every sign-in of the suite
 * hashes, and at 19 MiB each is tens of milliseconds of CPU. A test of the production cost asks for it.
 */
export const TEST_PASSWORD_HASH_MEMORY_KIB = '1024';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  get<T>(type: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** The settings every test runs with, on the given database, then `overrides`. */
export function testConfig(database: TestDatabase, overrides: Record<string, string> = {}): AppConfig {
  // the migrated dump an in-memory PGlite starts from fits only an in-memory database outside production: a test
  // that gives a data folder of its own or runs as production starts from an empty cluster, as a real start does
  const { EMBEDDED_TEMPLATE: template, ...databaseEnv } = database.env;
  const dataDir = overrides.DATA_DIR ?? databaseEnv.DATA_DIR ?? '';
  const templateFits =
    template !== undefined &&
    dataDir.startsWith('memory://') &&
    overrides.DATABASE_URL === undefined &&
    (overrides.NODE_ENV ?? 'test') !== 'production';
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...(overrides.NODE_ENV === undefined || overrides.NODE_ENV === 'test'
      ? { PASSWORD_HASH_MEMORY_KIB: TEST_PASSWORD_HASH_MEMORY_KIB }
      : {}),
    // tests run jobs by calling them; a cron firing mid-test would make results depend on the clock
    SCHEDULES_ENABLED: 'false',
    // queues of their own: test files running side by side never take each other's jobs
    QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    ...databaseEnv,
    ...(templateFits ? { EMBEDDED_TEMPLATE: template } : {}),
    ...overrides,
  });
}

/**
 * The whole api, configured as in production, on a database of this test file's own.
 * Redis is used when REDIS_URL is set (as in CI), the in-process queue otherwise.
 */
export async function createTestApp(
  settings: Record<string, string> | ((database: Record<string, string>) => Record<string, string>) = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  // a function sees the test database's settings first (to reach it through a proxy, say)
  const overrides = typeof settings === 'function' ? settings(database.env) : settings;
  const config = testConfig(database, {
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...overrides,
  });
  let started: NestFastifyApplication | undefined;
  try {
    started = await createApiApp(config);
    await started.init();
    await started.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await started?.close();
    await database.drop();
    throw error;
  }
  const app = started;
  return {
    app,
    config,
    http: request(app.getHttpServer()),
    get: (type) => app.get(type, { strict: false }),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
