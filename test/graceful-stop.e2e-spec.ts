import { addDays, districtToday, QueueDriver, QueueName } from '@app/core';
import { PUBLISH_LOCK } from '@app/reports';
import Bull from 'bull';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { investorBody, visitBody } from './factories/investor.factory';
import { createTestApp, TEST_ADMIN_PASSWORD, TEST_AUDIT_KEY } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
const SHUTDOWN_TIMEOUT_SECONDS = 20;
const STAFF_PASSWORD = 'Zhaoshang#Drain2026';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** A child process started from dist/, with its output kept for the failure message. */
interface Started {
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function startProcess(script: string, env: Record<string, string | undefined>): Started {
  const child = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      JWT_SECRET: 'g'.repeat(40),
      AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
      LOG_LEVEL: 'info',
      NODE_OPTIONS: '',
      SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_TIMEOUT_SECONDS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, output, exited };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** One request, on a connection of its own unless an agent keeps connections alive: answered, or its connection fails. */
function send(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  agent: Agent | false = false,
) {
  return new Promise<Answer>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: Record<string, unknown> = {};
          try {
            parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function must(answer: Promise<Answer>, status: number, what: string): Promise<Record<string, unknown>> {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`${what}: ${got} ${JSON.stringify(body)}`);
  return body;
}

/**
 * SIGTERM to an api under load: the requests under way are answered and their visits (held in the write batch)
 * are in the database before it closes; what comes after the listener closed is refused; the process exits 0.
 * Runs on PostgreSQL (DATABASE_URL) and on the embedded database (a data folder of its own).
 */
describe('Graceful stop of the api', () => {
  let database: TestDatabase;
  let dataDir: string | undefined;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    if (!databaseUrl) dataDir = mkdtempSync(join(tmpdir(), 'crm-drain-'));
  });
  afterAll(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The database's settings for a process of its own, which opens its own data folder (no tests' dump). */
  const childDatabaseEnv = () =>
    Object.fromEntries(Object.entries(database.env).filter(([key]) => key !== 'EMBEDDED_TEMPLATE'));

  const apiProcess = (port: number): Started =>
    startProcess('dist/apps/api/src/main.js', {
      ...childDatabaseEnv(),
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      DEMO_DATA: 'false',
      SCHEDULES_ENABLED: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      QUEUE_PREFIX: `drain${randomBytes(4).toString('hex')}`,
    });

  const startApi = async (): Promise<Started & { port: number }> => {
    const port = await freePort();
    const started = apiProcess(port);
    children.push(started.child);
    await waitFor('the api to listen', async () => (await send(port, 'GET', '/health/live')).status === 200, 45_000);
    return { ...started, port };
  };

  const signIn = async (port: number, username: string, password: string) => {
    const body = await must(send(port, 'POST', '/api/v1/auth/login', { username, password }), 200, 'login');
    return { authorization: `Bearer ${body.accessToken as string}` };
  };

  it.each([
    ['each on a connection of its own', 0],
    // every connection busy at the signal and idle after its answer, held open by the client
    ['each on a kept-alive connection', Infinity],
    // requests queued behind others on a connection: 503 or no connection once the stop has begun
    ['on 20 kept-alive connections', 20],
  ])(
    'answers every request under way and writes every acknowledged visit before it exits 0 (%s)',
    async (_, sockets) => {
      const agent = sockets > 0 ? new Agent({ keepAlive: true, maxSockets: sockets }) : false;
      const api = await startApi();
      const admin = await signIn(api.port, 'admin', TEST_ADMIN_PASSWORD);
      const username = `drain_${randomBytes(3).toString('hex')}`;
      await must(
        send(
          api.port,
          'POST',
          '/api/v1/users',
          { username, displayName: '停机测试', password: 'Chushi#Mima2026', role: 'staff', bureauCode: 'B01' },
          admin,
        ),
        201,
        'create staff',
      );
      const first = await signIn(api.port, username, 'Chushi#Mima2026');
      await must(
        send(
          api.port,
          'POST',
          '/api/v1/auth/password',
          { oldPassword: 'Chushi#Mima2026', newPassword: STAFF_PASSWORD },
          first,
        ),
        204,
        'change password',
      );
      const staff = await signIn(api.port, username, STAFF_PASSWORD);
      const investor = await must(
        send(api.port, 'POST', '/api/v1/investors', investorBody(), staff),
        201,
        'create investor',
      );
      const lead = await must(
        send(
          api.port,
          'POST',
          '/api/v1/leads',
          {
            investorId: investor.id,
            source: 'business_referral',
            industry: '氟化工',
            intendedAmount: '12500.00',
            nextFollowUpAt: addDays(districtToday(), 7),
          },
          staff,
        ),
        201,
        'create lead',
      );

      // 200 visits at once, each on its own connection; SIGTERM once the first answers are back
      const outcomes: { key: string; at: number; answer?: Answer; error?: NodeJS.ErrnoException }[] = [];
      let answered = 0;
      const body = visitBody(lead.id as string, { nextFollowUpAt: addDays(districtToday(), 7) });
      const visits = Array.from({ length: 200 }, async () => {
        const key = randomUUID();
        const outcome: (typeof outcomes)[number] = { key, at: 0 };
        outcomes.push(outcome);
        try {
          outcome.answer = await send(
            api.port,
            'POST',
            '/api/v1/visits',
            body,
            { ...staff, 'idempotency-key': key },
            agent,
          );
          answered++;
        } catch (error) {
          outcome.error = error as NodeJS.ErrnoException;
        }
        outcome.at = Date.now();
      });
      await waitFor('the first answers', async () => answered >= 10, 20_000);
      const signalledAt = Date.now();
      api.child.kill('SIGTERM');
      await Promise.all(visits);
      // and one more, after the signal: it is refused (503 or no connection), never half served
      const late = await send(api.port, 'POST', '/api/v1/visits', body, staff).catch(
        (error: NodeJS.ErrnoException) => error,
      );
      const exit = await api.exited;
      const log = api.output.join('');

      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
      expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_SECONDS * 1000);
      expect(log).toContain('SIGTERM: finishing the requests and jobs under way');
      expect(log).not.toContain('SHUTDOWN_TIMEOUT_SECONDS');

      const created = outcomes.filter((o) => o.answer?.status === 201);
      const refused = outcomes.filter((o) => o.answer?.status === 503);
      const failed = outcomes.filter((o) => o.error);
      const other = outcomes.filter((o) => o.answer && o.answer.status !== 201 && o.answer.status !== 503);
      expect(other.map((o) => [o.answer?.status, o.answer?.body])).toEqual([]);
      // requests under way at the signal were answered: the stop waited for them
      expect(created.filter((o) => o.at > signalledAt).length).toBeGreaterThan(0);
      // a connection failed only after the signal, when the listener was closing
      expect(failed.filter((o) => o.at < signalledAt)).toEqual([]);
      expect(failed.filter((o) => !['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(o.error?.code ?? ''))).toEqual([]);
      expect(created.length + refused.length + failed.length).toBe(200);
      expect('status' in late ? String(late.status) : late.code).toMatch(/^(ECONNREFUSED|ECONNRESET|503)$/);
      if (agent) agent.destroy();

      // every acknowledged visit is in the database, and nothing that was not acknowledged but the failed ones
      const again = await startApi();
      const reader = await signIn(again.port, username, STAFF_PASSWORD);
      const stored = new Set<string>();
      for (let page = 1; ; page++) {
        const list = await must(
          send(
            again.port,
            'GET',
            `/api/v1/visits?leadId=${lead.id as string}&pageSize=200&page=${page}`,
            undefined,
            reader,
          ),
          200,
          'list visits',
        );
        (list.items as { id: string }[]).forEach((visit) => stored.add(visit.id));
        if ((list.items as unknown[]).length < 200) break;
      }
      const missing = created.filter((o) => !stored.has(o.answer?.body.id as string));
      expect(missing).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(created.length);
      expect(stored.size).toBeLessThanOrEqual(created.length + failed.length);
      again.child.kill('SIGTERM');
      expect((await again.exited).code).toBe(0);
    },
    120_000,
  );

  // one process owns an embedded database; its data folder is free again once that process has stopped
  (databaseUrl ? it.skip : it)(
    'refuses a second process on the same data folder, which opens again once the first has stopped',
    async () => {
      const first = await startApi();
      const second = apiProcess(await freePort());
      children.push(second.child);
      expect((await second.exited).code).toBe(1);
      expect(second.output.join('')).toContain('in use by another process');
      expect((await send(first.port, 'GET', '/health/live')).status).toBe(200);
      first.child.kill('SIGTERM');
      expect((await first.exited).code).toBe(0);

      const again = await startApi();
      expect((await send(again.port, 'GET', '/health/ready')).status).toBe(200);
      again.child.kill('SIGTERM');
      expect((await again.exited).code).toBe(0);
    },
    120_000,
  );
});

/**
 * SIGTERM to a worker publishing the weekly report: it finishes the report before it exits 0, and the job that
 * had not started stays in Redis, where a second worker takes it. Needs PostgreSQL and Redis, as the workers do.
 */
(databaseUrl && redisUrl ? describe : describe.skip)('Graceful stop of a worker', () => {
  let database: TestDatabase;
  let holder: Client;
  const children: ChildProcess[] = [];
  const prefix = `crmdrain${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    holder = new Client({ connectionString: database.env.DATABASE_URL });
    await holder.connect();
  });
  afterAll(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await holder?.end();
    await database?.drop();
  });

  const startWorker = (settings: Record<string, string> = {}) => {
    const started = startProcess('dist/apps/worker/src/main.js', {
      ...database.env,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      SCHEDULES_ENABLED: 'false',
      ...settings,
    });
    children.push(started.child);
    return started;
  };
  const reports = async () =>
    (await holder.query('SELECT week, version FROM weekly_report ORDER BY week, version')).rows as {
      week: string;
      version: number;
    }[];
  const waitingOnLock = async () =>
    (
      await holder.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
        [PUBLISH_LOCK],
      )
    ).rows[0].n as number;

  it('exits 1 after SHUTDOWN_TIMEOUT_SECONDS with the report absent, which a second worker then publishes', async () => {
    const queue = new Bull('reports', redisUrl as string, { prefix: `${prefix}t` });
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PUBLISH_LOCK]);
      const stuck = startWorker({ QUEUE_PREFIX: `${prefix}t`, SHUTDOWN_TIMEOUT_SECONDS: '2' });
      await queue.add('WeeklyReportJob', {});
      await waitFor('the worker publishing', async () => (await waitingOnLock()) >= 1);
      const signalledAt = Date.now();
      stuck.child.kill('SIGTERM');
      const exit = await stuck.exited;
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 1, signal: null });
      expect(exit.at - signalledAt).toBeGreaterThanOrEqual(1900);
      expect(exit.at - signalledAt).toBeLessThan(10_000);
      expect(stuck.output.join('')).toContain('Not stopped within 2 s (SHUTDOWN_TIMEOUT_SECONDS)');
      await holder.query('SELECT pg_advisory_unlock($1)', [PUBLISH_LOCK]);
      // the cut-off transaction wrote nothing
      expect(await reports()).toEqual([]);
      const second = startWorker({ QUEUE_PREFIX: `${prefix}t` });
      await queue.add('WeeklyReportJob', {});
      await waitFor('the report', async () => (await reports()).length === 1);
      expect((await reports())[0].version).toBe(1);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
      await holder.query('DELETE FROM weekly_report');
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      const maintenance = new Bull('maintenance', redisUrl as string, { prefix: `${prefix}t` });
      await maintenance.obliterate({ force: true });
      await maintenance.close();
    }
  }, 60_000);

  it('finishes the report it is publishing and leaves the next job to another worker', async () => {
    const queue = new Bull('reports', redisUrl as string, { prefix });
    try {
      // hold the publishing lock so that the worker stops inside its publishing transaction
      await holder.query('SELECT pg_advisory_lock($1)', [PUBLISH_LOCK]);
      const first = startWorker();
      // a worker runs as many report jobs at once as the reports queue has job names (Bull adds up the named
      // processors' one each): more publishing jobs than that, so that some run, each stopped at the lock, and
      // the rest wait in the queue
      for (let i = 0; i < 8; i++) await queue.add('WeeklyReportJob', {});
      await waitFor(
        'jobs publishing and jobs waiting',
        async () => (await waitingOnLock()) >= 2 && (await queue.getWaitingCount()) >= 1,
      );
      const signalledAt = Date.now();
      first.child.kill('SIGTERM');
      await sleep(1500);
      // still publishing: the stop waits for the running jobs
      expect(first.child.exitCode).toBeNull();
      await holder.query('SELECT pg_advisory_unlock($1)', [PUBLISH_LOCK]);
      const exit = await first.exited;
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
      expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_SECONDS * 1000);
      expect(first.output.join('')).toContain('Stopped');
      const published = await reports();
      expect(published).toHaveLength(1);
      // the jobs that ran finished; none was cut off, and the stopping worker started no other
      expect(await queue.getActiveCount()).toBe(0);
      expect(await queue.getFailedCount()).toBe(0);
      expect(await queue.getWaitingCount()).toBeGreaterThanOrEqual(1);

      const second = startWorker();
      await waitFor(
        'the second worker to take the waiting jobs',
        async () => (await queue.getWaitingCount()) === 0 && (await queue.getActiveCount()) === 0,
      );
      expect(await queue.getFailedCount()).toBe(0);
      expect(await reports()).toEqual(published);
      second.child.kill('SIGTERM');
      expect((await second.exited).code).toBe(0);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      const maintenance = new Bull('maintenance', redisUrl as string, { prefix });
      await maintenance.obliterate({ force: true });
      await maintenance.close();
    }
  }, 60_000);
});

/**
 * The embedded default runs jobs inside the api: closing the application waits for a running job, and the
 * database closes only after it (the queue's shutdown hook runs before the database's).
 */
describe('Graceful stop of in-process jobs', () => {
  it('lets a running job finish its database work before the database closes', async () => {
    const t = await createTestApp({ QUEUE_DRIVER: 'inprocess' });
    const driver = t.get(QueueDriver);
    const dataSource = t.get(DataSource);
    let started = false;
    let outcome = 'not run';
    driver.process(QueueName.Maintenance, 'SlowProbeJob', async () => {
      started = true;
      await sleep(1000);
      try {
        outcome = (await dataSource.query('SELECT 1 AS n'))[0].n === 1 ? 'written' : 'wrong answer';
      } catch (error) {
        outcome = `failed: ${(error as Error).message}`;
      }
    });
    expect(await driver.enqueue(QueueName.Maintenance, 'SlowProbeJob', {})).toBe(true);
    await waitFor('the job to start', async () => started, 5000);
    await t.close();
    expect(outcome).toBe('written');
    expect(dataSource.isInitialized).toBe(false);
  });
});
