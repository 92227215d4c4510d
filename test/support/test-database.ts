import {
  dataSourceOptions,
  EMBEDDED_MAX_CONNECTIONS,
  EmbeddedPostgres,
  IN_MEMORY,
  loadConfig,
  runMigrations,
} from '@app/core';
import { MIGRATIONS, SCHEMA } from '@app/schema';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

// one template per schema: checkouts with different migrations on one server never rebuild each other's
const TEMPLATE_PREFIX = 'crm_test_template_';
// any constant: serialises template (re)creation across Jest workers
const TEMPLATE_LOCK = 745_118_101;

export interface TestDatabase {
  /** Settings that point the app at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * Without DATABASE_URL each test file gets its own in-memory PGlite (the app starts it), loaded from a dump of a
 * migrated cluster: PGlite's initdb and the migrations take seconds, once per checkout's migrations, not per file.
 * With DATABASE_URL each test file gets its own PostgreSQL database, cloned from a template that holds
 * the migrated schema; the template is rebuilt whenever the list of migrations changes.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    return {
      env: { DATA_DIR: IN_MEMORY, EMBEDDED_TEMPLATE: await ensureEmbeddedTemplate() },
      drop: async () => undefined,
    };
  }
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const template = await ensureTemplate(admin, serverUrl);
    const name = `crm_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const url = withDatabase(serverUrl, name);
    return {
      env: { DATABASE_URL: url },
      drop: async () => {
        const client = new Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  } finally {
    await admin.end();
  }
}

// the migrations' code, not only their names: a migration edited before it landed rebuilds the template
function migrationsSignature(): string {
  return createHash('sha256')
    .update(MIGRATIONS.map((m) => `${m.name}:${m.prototype.up.toString()}`).join(','))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The path of a migrated PGlite cluster's dump for these migrations, made when missing. Two Jest workers that both
 * find it missing both make it; each writes its own file and renames it into place, so a reader never sees half.
 */
async function ensureEmbeddedTemplate(): Promise<string> {
  const pglite = join(__dirname, '..', '..', 'node_modules', '@electric-sql', 'pglite', 'package.json');
  const { version } = JSON.parse(readFileSync(pglite, 'utf8')) as { version: string };
  const path = join(tmpdir(), `crm-test-pglite-${version}-${migrationsSignature()}.tar`);
  if (existsSync(path)) return path;
  const embedded = await EmbeddedPostgres.start(IN_MEMORY, EMBEDDED_MAX_CONNECTIONS);
  try {
    const config = loadConfig({ DATA_DIR: IN_MEMORY, JWT_SECRET: 'x'.repeat(32) });
    const dataSource = new DataSource(dataSourceOptions(config, SCHEMA, embedded.connection));
    await dataSource.initialize();
    await runMigrations(dataSource, true);
    await dataSource.destroy();
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await (await embedded.dump()).arrayBuffer()));
    renameSync(partial, path);
    return path;
  } finally {
    await embedded.stop();
  }
}

async function ensureTemplate(admin: Client, serverUrl: string): Promise<string> {
  const signature = migrationsSignature();
  const template = `${TEMPLATE_PREFIX}${signature}`;
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const existing = await admin.query(
      `SELECT shobj_description(oid, 'pg_database') AS signature FROM pg_database WHERE datname = $1`,
      [template],
    );
    if (existing.rows[0]?.signature === signature) return template;
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
    const config = loadConfig({ DATABASE_URL: withDatabase(serverUrl, template), JWT_SECRET: 'x'.repeat(32) });
    const dataSource = new DataSource(dataSourceOptions(config, SCHEMA));
    await dataSource.initialize();
    await runMigrations(dataSource, false);
    await dataSource.destroy();
    await admin.query(`COMMENT ON DATABASE ${template} IS '${signature}'`);
    return template;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
