import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { clusterTemplateDir, ensureClusterTemplate } from './cluster-template';
import { DataDirInUseError, EmbeddedPostgres } from './embedded-postgres';

async function query(embedded: EmbeddedPostgres, sql: string): Promise<Record<string, unknown>[]> {
  const { host, port, username, database } = embedded.connection;
  const client = new Client({ host, port, user: username, database });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

// each test starts a cluster on disk more than once: a minute is not enough on a busy machine
jest.setTimeout(180_000);

/**
 * An empty cluster (no tables) that a new folder is copied from, made once per installation as the build makes the
 * migrated one: creating a cluster (initdb) costs seconds, and only the test of creating one needs to.
 */
const EMPTY: { entities: never[]; migrations: never[] } = { entities: [], migrations: [] };
let empty: string;

describe(EmbeddedPostgres.name, () => {
  let dir: string;
  beforeAll(async () => {
    await ensureClusterTemplate(EMPTY);
    empty = clusterTemplateDir(EMPTY);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-embedded-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data across restarts', async () => {
    const first = await EmbeddedPostgres.start(dir, 2, undefined, empty);
    await query(first, 'CREATE TABLE kept (name text); INSERT INTO kept VALUES ($$海州$$)');
    await first.stop();
    const second = await EmbeddedPostgres.start(dir, 2);
    try {
      expect(await query(second, 'SELECT name FROM kept')).toEqual([{ name: '海州' }]);
    } finally {
      await second.stop();
    }
  });

  it('refuses a data folder held by another live process, and takes over from a dead one', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'crm.lock'), String(other.pid));
      await expect(EmbeddedPostgres.start(dir, 2, undefined, empty)).rejects.toThrow(DataDirInUseError);
      await expect(EmbeddedPostgres.start(dir, 2, undefined, empty)).rejects.toThrow(
        `in use by another process (pid ${other.pid})`,
      );
    } finally {
      other.kill();
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // the holder is gone: its lock and a socket file it left behind are cleaned up
    writeFileSync(join(dir, '.s.PGSQL.5432'), '');
    const embedded = await EmbeddedPostgres.start(dir, 2, undefined, empty);
    try {
      expect(await query(embedded, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await embedded.stop();
    }
    expect(existsSync(join(dir, 'crm.lock'))).toBe(false);
  });

  it('starts a new data folder from a cluster template, a copy that leaves the template as it was', async () => {
    const made = await EmbeddedPostgres.start(join(dir, 'made'), 2, undefined, empty);
    await query(made, 'CREATE TABLE kept (name text); INSERT INTO kept VALUES ($$模板$$)');
    await made.stop();
    const template = join(dir, 'made', 'pgdata');
    // a copy that a start stopped half-way left behind is not taken for a cluster
    mkdirSync(join(dir, 'new', 'pgdata.partial'), { recursive: true });
    writeFileSync(join(dir, 'new', 'pgdata.partial', 'PG_VERSION'), '');
    const copied = await EmbeddedPostgres.start(join(dir, 'new'), 2, undefined, template);
    try {
      expect(await query(copied, 'SELECT name FROM kept')).toEqual([{ name: '模板' }]);
      await query(copied, 'INSERT INTO kept VALUES ($$新$$)');
    } finally {
      await copied.stop();
    }
    expect(existsSync(join(dir, 'new', 'pgdata.partial'))).toBe(false);
    const again = await EmbeddedPostgres.start(join(dir, 'made'), 2);
    try {
      expect(await query(again, 'SELECT name FROM kept')).toEqual([{ name: '模板' }]);
    } finally {
      await again.stop();
    }
  });

  it('keeps a data folder that has its cluster, and creates one where the template is missing', async () => {
    const own = await EmbeddedPostgres.start(dir, 2, undefined, join(dir, 'no-template'));
    try {
      await query(own, 'CREATE TABLE own (n int)');
    } finally {
      await own.stop();
    }
    const made = await EmbeddedPostgres.start(join(dir, 'made'), 2, undefined, empty);
    await query(made, 'CREATE TABLE other (n int)');
    await made.stop();
    const restarted = await EmbeddedPostgres.start(dir, 2, undefined, join(dir, 'made', 'pgdata'));
    try {
      const tables = await query(restarted, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables).toEqual([{ tablename: 'own' }]);
    } finally {
      await restarted.stop();
    }
  });

  it('refuses a second instance on the same folder in the same process', async () => {
    const first = await EmbeddedPostgres.start(dir, 2, undefined, empty);
    try {
      await expect(EmbeddedPostgres.start(dir, 2, undefined, empty)).rejects.toThrow(DataDirInUseError);
    } finally {
      await first.stop();
    }
  });
});
