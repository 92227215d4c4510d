import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import { IN_MEMORY, LOCK_FILE, withDataDirLock } from './embedded-postgres';

const run = promisify(execFile);

export class BackupError extends Error {}

/** What a backup holds: a pg_dump archive (server) or a copy of the data folder (embedded). */
export interface BackupResult {
  kind: 'server' | 'embedded';
  path: string;
}

/** The default place of a new backup: `backups/crm-<kind>-<YYYYMMDD-HHmmss>` in the working folder. */
export function defaultBackupPath(config: AppConfig, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return resolve('backups', config.embedded ? `crm-embedded-${stamp}` : `crm-server-${stamp}.dump`);
}

/**
 * Writes a consistent backup. On a server: `pg_dump` in its custom format (taken in one snapshot while the CRM
 * runs). Embedded: a copy of the data folder — PGlite's files, the generated secrets and keys beside them — made
 * while holding the folder's lock, so the api must be stopped (one process owns an embedded database).
 */
export async function backupDatabase(config: AppConfig, target = defaultBackupPath(config)): Promise<BackupResult> {
  if (existsSync(target)) throw new BackupError(`${target} already exists; give another path`);
  mkdirSync(dirname(target), { recursive: true });
  if (!config.embedded) {
    await tool('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, `--dbname=${config.DATABASE_URL}`]);
    return { kind: 'server', path: target };
  }
  if (config.DATA_DIR === IN_MEMORY)
    throw new BackupError('An in-memory database (DATA_DIR=memory://) cannot be backed up');
  await withDataDirLock(config.DATA_DIR, (root) => {
    cpSync(root, target, { recursive: true, filter: (source) => !isLockOrSocket(source) });
  });
  return { kind: 'embedded', path: target };
}

/**
 * Restores a backup into an empty database: on a server the database of DATABASE_URL must hold no tables,
 * embedded the DATA_DIR must hold no database. `force` first clears what is there.
 */
export async function restoreDatabase(config: AppConfig, source: string, force = false): Promise<BackupResult> {
  if (!existsSync(source)) throw new BackupError(`${source} does not exist`);
  const isFolder = statSync(source).isDirectory();
  if (!config.embedded) {
    if (isFolder) throw new BackupError(`${source} is an embedded backup; restore it with DATA_DIR, not DATABASE_URL`);
    const tables = await countTables(config.DATABASE_URL as string);
    if (tables > 0 && !force) {
      throw new BackupError(
        `The target database already has ${tables} tables; restore into an empty one or pass --force`,
      );
    }
    const clean = tables > 0 ? ['--clean', '--if-exists'] : [];
    await tool('pg_restore', ['--no-owner', '--exit-on-error', ...clean, `--dbname=${config.DATABASE_URL}`, source]);
    return { kind: 'server', path: source };
  }
  if (!isFolder) throw new BackupError(`${source} is a server backup; restore it with DATABASE_URL`);
  if (config.DATA_DIR === IN_MEMORY) throw new BackupError('Give DATA_DIR a folder to restore into');
  await withDataDirLock(config.DATA_DIR, (root) => {
    const present = readdirSync(root).filter((name) => name !== LOCK_FILE);
    if (present.length > 0 && !force) {
      throw new BackupError(`${root} is not empty; restore into an empty DATA_DIR or pass --force`);
    }
    cpSync(source, root, { recursive: true, force: true, filter: (path) => !isLockOrSocket(path) });
  });
  return { kind: 'embedded', path: source };
}

function isLockOrSocket(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  return name === LOCK_FILE || name.startsWith('.s.PGSQL.');
}

async function countTables(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return Number(result.rows[0].n);
  } finally {
    await client.end();
  }
}

async function tool(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new BackupError(`${command} was not found: install PostgreSQL's client tools (Debian: postgresql-client)`);
    }
    throw new BackupError(`${command} failed: ${failure.stderr?.trim() || failure.message}`);
  }
}
