import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions, EMBEDDED_MAX_CONNECTIONS, SchemaDefinition } from './database-options';
import { EMBEDDED_SETTINGS, EmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrate';

/**
 * The embedded database's cluster, created (initdb) and migrated once per installation: the build makes it (see
 * `ensureClusterTemplate`), and the first start of a new data folder copies it instead of creating a cluster and
 * running every migration itself, which was most of that start. Migrations still run at every start: a copy made
 * for fewer migrations (or none at all) only leaves more of them to run.
 *
 * It lives beside the installed packages (`node_modules/.cache/haizhou-crm/`), named by PGlite's version, the
 * embedded settings and the migrations' code, so that another version of any of them uses a template of its own.
 */
export function clusterTemplateDir(schema: SchemaDefinition): string {
  const pgliteEntry = require.resolve('@electric-sql/pglite');
  const modules = pgliteEntry.slice(0, pgliteEntry.lastIndexOf(`${sep}node_modules${sep}`) + '/node_modules'.length);
  const packageJson = join(modules, '@electric-sql', 'pglite', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const migrations = (schema.migrations instanceof Array ? schema.migrations : Object.values(schema.migrations))
    .map((migration) =>
      typeof migration === 'function'
        ? `${migration.name}:${(migration.prototype as { up?: () => unknown }).up?.toString()}`
        : String(migration),
    )
    .join(',');
  const signature = createHash('sha256').update(`${EMBEDDED_SETTINGS}\n${migrations}`).digest('hex').slice(0, 16);
  return join(modules, '.cache', 'haizhou-crm', `pglite-${version}-${signature}`);
}

/** Whether `dir` holds a cluster (PostgreSQL writes PG_VERSION into every data directory). */
export function isCluster(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

/**
 * Makes the cluster template of this schema when it is missing; returns whether it made it now. The cluster is
 * made in a folder of its own beside the template and renamed into place once closed, so that a start never
 * copies half of one, and two builds at once each make their own and the second rename finds the first in place.
 */
export async function ensureClusterTemplate(schema: SchemaDefinition): Promise<boolean> {
  const target = clusterTemplateDir(schema);
  if (isCluster(target)) return false;
  mkdirSync(dirname(target), { recursive: true });
  const work = mkdtempSync(join(dirname(target), '.partial-'));
  try {
    const embedded = await EmbeddedPostgres.start(work, EMBEDDED_MAX_CONNECTIONS);
    try {
      const config = loadConfig({ DATA_DIR: work, JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
      const dataSource = new DataSource(dataSourceOptions(config, schema, embedded.connection));
      await dataSource.initialize();
      try {
        await runMigrations(dataSource, true);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await embedded.stop();
    }
    try {
      renameSync(join(work, 'pgdata'), target);
    } catch (error) {
      if (!isCluster(target)) throw error; // another build put its own in place first
    }
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
