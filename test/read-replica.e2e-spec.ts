import { REPLICA_CONNECT_TIMEOUT_MS, Role } from '@app/core';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createInvestor, createLead } from './factories/investor.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

/** The PostgreSQL server programs: pg_config's, else the newest under /usr/lib/postgresql. */
function serverBinaries(): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config on the PATH
  }
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse()) {
      candidates.push(join('/usr/lib/postgresql', version, 'bin'));
    }
  }
  return candidates.find((dir) => ['initdb', 'pg_ctl', 'pg_basebackup'].every((p) => existsSync(join(dir, p)))) ?? null;
}

const BIN = serverBinaries();
// the servers of this test are started as an ordinary user: PostgreSQL refuses to run as root
const AS_ROOT = process.getuid?.() === 0;
const onServers = BIN && process.env.DATABASE_URL ? describe : describe.skip;

function run(program: string, args: string[]): void {
  const [command, argv] = AS_ROOT
    ? ['runuser', ['-u', 'postgres', '--', join(BIN as string, program), ...args]]
    : [join(BIN as string, program), args];
  execFileSync(command, argv, { stdio: 'pipe', timeout: 60_000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function one<T>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows[0] as T;
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

onServers('reads from a streaming replica (DATABASE_READ_URL)', () => {
  let folder: string;
  let primaryDir: string;
  let replicaDir: string;
  let primary: string;
  let replica: string;
  let replicaPort: number;
  let t: TestApp | undefined;
  let staff: { Authorization: string };

  /** Waits until the replica has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const { lsn } = await one<{ lsn: string }>(`${primary}/postgres`, 'SELECT pg_current_wal_lsn()::text AS lsn');
    await until('the replica to catch up', async () => {
      const row = await one<{ done: boolean }>(
        `${replica}/postgres`,
        'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done',
        [lsn],
      );
      return row.done;
    });
  };
  const leadIdsListed = async () => {
    const response = await t!.http.get('/api/v1/leads?pageSize=100').set(staff).expect(200);
    return { ids: (response.body.items as { id: string }[]).map((lead) => lead.id), total: response.body.total };
  };
  const newLeadsRanked = async () => {
    const response = await t!.http.get('/api/v1/rankings?period=week').set(staff).expect(200);
    return response.body.rows.find((row: { bureau: { code: string } }) => row.bureau.code === 'B01').figures
      .newLeads as number;
  };

  const newLeadsDrilled = async () => {
    const response = await t!.http
      .get('/api/v1/rankings/drilldown?bureau=B01&metric=newLeads&period=week')
      .set(staff)
      .expect(200);
    return response.body.total as number;
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'crm-replica-'));
    primaryDir = join(folder, 'primary');
    replicaDir = join(folder, 'replica');
    if (AS_ROOT) execFileSync('chown', ['postgres:postgres', folder]);
    const primaryPort = await freePort();
    replicaPort = await freePort();
    primary = `postgres://postgres@127.0.0.1:${primaryPort}`;
    replica = `postgres://postgres@127.0.0.1:${replicaPort}`;

    run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    // initdb's pg_hba.conf already lets local replication connections in (trust)
    appendFileSync(
      join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${folder}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'fsync = off',
        'shared_buffers = 16MB',
        '',
      ].join('\n'),
    );
    run('pg_ctl', ['-D', primaryDir, '-l', join(folder, 'primary.log'), '-w', '-t', '30', 'start']);
    run('pg_basebackup', ['-d', primary, '-D', replicaDir, '-R', '-X', 'stream', '--no-sync']);
    appendFileSync(join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\nhot_standby = on\n`);
    run('pg_ctl', ['-D', replicaDir, '-l', join(folder, 'replica.log'), '-w', '-t', '30', 'start']);

    await one(`${primary}/postgres`, 'CREATE DATABASE crm');
    // the app connects to both at start: the database must exist on the replica too
    await caughtUp();
    t = await createTestApp(() => ({
      DATABASE_URL: `${primary}/crm`,
      DATABASE_READ_URL: `${replica}/crm`,
    }));
    staff = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    for (const dir of [replicaDir, primaryDir]) {
      if (dir && existsSync(join(dir, 'postmaster.pid'))) {
        try {
          run('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
        } catch {
          // already stopped
        }
      }
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  it('runs the migrations on the primary, whose schema the replica replays', async () => {
    await caughtUp();
    const onReplica = await one<{ n: number }>(`${replica}/crm`, 'SELECT count(*)::int AS n FROM schema_migrations');
    const onPrimary = await one<{ n: number }>(`${primary}/crm`, 'SELECT count(*)::int AS n FROM schema_migrations');
    expect(onReplica.n).toBeGreaterThan(0);
    expect(onReplica.n).toBe(onPrimary.n);
    const recovery = await one<{ standby: boolean }>(`${replica}/crm`, 'SELECT pg_is_in_recovery() AS standby');
    expect(recovery.standby).toBe(true);
  });

  it('lists, rankings and drilldowns read the replica, a record read by id the primary', async () => {
    const investor = await createInvestor(t!, staff);
    const first = await createLead(t!, staff, investor.id);
    await caughtUp();
    const before = await leadIdsListed();
    expect(before.ids).toContain(first.id);
    const rankedBefore = await newLeadsRanked();
    const drilledBefore = await newLeadsDrilled();
    expect(drilledBefore).toBe(rankedBefore);

    await one(`${replica}/postgres`, 'SELECT pg_wal_replay_pause()');
    await until('replay to pause', async () => {
      const row = await one<{ state: string }>(
        `${replica}/postgres`,
        'SELECT pg_get_wal_replay_pause_state() AS state',
      );
      return row.state === 'paused';
    });
    const second = await createLead(t!, staff, (await createInvestor(t!, staff)).id);

    // right after the write, the record itself comes from the primary
    const read = await t!.http.get(`/api/v1/leads/${second.id}`).set(staff).expect(200);
    expect(read.body.id).toBe(second.id);
    // the list and the ranking come from the replica, which has not replayed the write yet
    const paused = await leadIdsListed();
    expect(paused.ids).not.toContain(second.id);
    expect(paused.total).toBe(before.total);
    expect(await newLeadsRanked()).toBe(rankedBefore);
    expect(await newLeadsDrilled()).toBe(drilledBefore);

    await one(`${replica}/postgres`, 'SELECT pg_wal_replay_resume()');
    await caughtUp();
    const resumed = await leadIdsListed();
    expect(resumed.ids).toContain(second.id);
    expect(resumed.total).toBe(before.total + 1);
    expect(await newLeadsRanked()).toBe(rankedBefore + 1);
    expect(await newLeadsDrilled()).toBe(drilledBefore + 1);
  });

  it('serves the lists from the primary while the replica is down', async () => {
    const third = await createLead(t!, staff, (await createInvestor(t!, staff)).id);
    run('pg_ctl', ['-D', replicaDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    const listed = await leadIdsListed();
    expect(listed.ids).toContain(third.id);
    await t!.http.get('/api/v1/rankings?period=week').set(staff).expect(200);
  });

  it('serves the lists from the primary when the replica accepts connections but never answers', async () => {
    // the stopped replica's port, now held by a server that takes connections and says nothing
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(replicaPort, '127.0.0.1', resolve));
    try {
      const fourth = await createLead(t!, staff, (await createInvestor(t!, staff)).id);
      const started = Date.now();
      const listed = await leadIdsListed();
      expect(listed.ids).toContain(fourth.id);
      expect(Date.now() - started).toBeGreaterThanOrEqual(REPLICA_CONNECT_TIMEOUT_MS);
      expect(Date.now() - started).toBeLessThan(REPLICA_CONNECT_TIMEOUT_MS + 5_000);
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('starts on the primary alone when the replica cannot be reached at start', async () => {
    const again = await createTestApp(() => ({ DATABASE_URL: `${primary}/crm`, DATABASE_READ_URL: `${replica}/crm` }));
    try {
      const { auth } = await signedIn(again, { role: Role.Staff, bureauCode: 'B01' });
      const lead = await createLead(again, auth, (await createInvestor(again, auth)).id);
      const response = await again.http.get('/api/v1/leads?pageSize=100').set(auth).expect(200);
      expect((response.body.items as { id: string }[]).map((item) => item.id)).toContain(lead.id);
    } finally {
      await again.close();
    }
  });
});
