import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openAsBlob,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Extension, PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export const IN_MEMORY = 'memory://';

export class DataDirInUseError extends Error {}

export interface EmbeddedConnection {
  host: string;
  port: number;
  username: string;
  database: string;
}

const SOCKET_PORT = 5432;
const MAX_SOCKET_PATH = 100;

/**
 * PostgreSQL's settings for the embedded server. Its shared buffers live in the process's WebAssembly memory, all
 * of it touched at start: PostgreSQL's default of 128 MB made a resting CRM hold about 300 MB for the database
 * alone. The demo database is a few tens of MB and its files are in the operating system's cache besides, so
 * 32 MB of buffers cost the CRM's reads nothing measurable and keep about 100 MB out of the process.
 */
export const EMBEDDED_SETTINGS = 'shared_buffers = 32MB';

/**
 * Creates a new data folder's cluster (initdb) in a short-lived child process. initdb grows PGlite's WebAssembly
 * memory by about 70 MB, which a process keeps for its whole life (that memory never shrinks); the server then opens
 * the ready cluster in its own process and holds only what serving needs.
 */
async function initialiseCluster(pgdata: string): Promise<void> {
  const pglite = pathToFileURL(require.resolve('@electric-sql/pglite')).href;
  const script =
    `const { PGlite } = await import(${JSON.stringify(pglite)});` +
    'const db = await PGlite.create(process.argv[1]); await db.close();';
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, pgdata], {
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

/**
 * A new data folder's cluster, copied from a template: into a folder of its own first, renamed into place once
 * whole, so that a start stopped half-way leaves no half cluster that the next start would take for a whole one.
 */
function copyCluster(template: string, pgdata: string): void {
  const partial = `${pgdata}.partial`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(template, partial, { recursive: true });
  renameSync(partial, pgdata);
}

/**
 * Real PostgreSQL compiled to WebAssembly (PGlite), served on a unix socket inside this process so the
 * ordinary `pg` driver — and therefore the very same TypeORM code as on a PostgreSQL server — can reach it.
 * One process owns a data folder at a time; a lock file with its pid says which.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly socketDir: string,
    private readonly lockPath: string | null,
    private readonly ownsSocketDir: boolean,
  ) {}

  /**
   * `template`: a dump (see `dump`) that an in-memory database starts from instead of an empty cluster, which
   * PGlite would first have to initialise (the tests start every file's database from one migrated once).
   * `clusterTemplate`: a closed cluster's folder (see cluster-template.ts) that a data folder without a cluster
   * starts from, copied, instead of creating one; when it is missing, the cluster is created as without it.
   */
  static async start(
    dataDir: string,
    maxConnections: number,
    template?: string,
    clusterTemplate?: string,
  ): Promise<EmbeddedPostgres> {
    const inMemory = dataDir === IN_MEMORY;
    if (template && !inMemory) throw new Error('An embedded template is only loaded into an in-memory database');
    const root = inMemory ? null : resolve(dataDir);
    let lockPath: string | null = null;
    if (root) {
      mkdirSync(root, { recursive: true });
      lockPath = acquireLock(join(root, LOCK_FILE));
    }
    try {
      const { PGlite } = await import('@electric-sql/pglite');
      // a subpath export, which the classic module resolution of our tsconfig cannot see
      const trigramModule: string = '@electric-sql/pglite/contrib/pg_trgm';
      const { pg_trgm } = (await import(trigramModule)) as { pg_trgm: Extension };
      const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
      // read straight from the file by PGlite, not first copied into memory twice: the dump is tens of MB
      const loadDataDir = template ? await openAsBlob(template) : undefined;
      if (root && !existsSync(join(root, 'pgdata', 'PG_VERSION'))) {
        const pgdata = join(root, 'pgdata');
        if (clusterTemplate && !existsSync(pgdata) && existsSync(join(clusterTemplate, 'PG_VERSION'))) {
          copyCluster(clusterTemplate, pgdata);
        } else {
          await initialiseCluster(pgdata);
        }
      }
      const db = await PGlite.create(root ? join(root, 'pgdata') : IN_MEMORY, {
        extensions: { pg_trgm },
        loadDataDir,
        postgresqlconf: EMBEDDED_SETTINGS,
      });
      const useOwnDir = !root || join(root, `.s.PGSQL.${SOCKET_PORT}`).length > MAX_SOCKET_PATH;
      const socketDir = useOwnDir ? mkdtempSync(join(tmpdir(), 'crm-pg-')) : root;
      const socketPath = join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
      // a socket file left by a process that died; the lock above proves nobody listens on it
      if (existsSync(socketPath)) unlinkSync(socketPath);
      const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
      await server.start();
      return new EmbeddedPostgres(db, server, socketDir, lockPath, useOwnDir);
    } catch (error) {
      if (lockPath) releaseLock(lockPath);
      throw error;
    }
  }

  get connection(): EmbeddedConnection {
    return { host: this.socketDir, port: SOCKET_PORT, username: 'postgres', database: 'postgres' };
  }

  /** The whole cluster as an uncompressed tar, for `start`'s template. */
  async dump(): Promise<Blob> {
    return this.db.dumpDataDir('none');
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.ownsSocketDir) rmSync(this.socketDir, { recursive: true, force: true });
    if (this.lockPath) releaseLock(this.lockPath);
  }
}

/**
 * Runs `work` while holding the data folder's lock, as a running api would: a backup or restore of the embedded
 * database never copies a folder that a process is writing.
 */
export async function withDataDirLock<T>(dataDir: string, work: (root: string) => T | Promise<T>): Promise<T> {
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true });
  const lockPath = acquireLock(join(root, LOCK_FILE));
  try {
    return await work(root);
  } finally {
    releaseLock(lockPath);
  }
}

export const LOCK_FILE = 'crm.lock';

function acquireLock(lockPath: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return lockPath;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DataDirInUseError(
          `The data folder ${resolve(lockPath, '..')} is in use by another process (pid ${holder}). ` +
            'Stop that process, or give this one another DATA_DIR.',
        );
      }
      unlinkSync(lockPath); // left behind by a process that is gone
    }
  }
  throw new DataDirInUseError(`Could not lock ${lockPath}`);
}

function releaseLock(lockPath: string): void {
  try {
    if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) unlinkSync(lockPath);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
