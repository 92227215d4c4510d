import { isoWeekLabel, addDays, mondayOf, businessDateOf, lastRunAt } from '@app/core';
import { MONTHLY, PERIOD_PUBLISH_LOCKS, PUBLISH_LOCK } from '@app/reports';
import Bull from 'bull';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './support/test-database';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

/** How long a dead worker's jobs may take to run on another: Bull's stall check (30 s) and the run itself. */
const STALLED_JOB_RETURN_MS = 90_000;

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** A worker process (the compiled one, as deployed) on the test's database and Redis, with its schedules on. */
function spawnWorker(database: TestDatabase, prefix: string, workers: ChildProcess[]): ChildProcess {
  const worker = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    env: {
      ...process.env,
      ...database.env,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: 'w'.repeat(40),
      AUDIT_HMAC_KEY: 'a'.repeat(40),
      LOG_LEVEL: 'warn',
      SCHEDULES_ENABLED: 'true',
      NODE_OPTIONS: '',
    },
    stdio: 'ignore',
  });
  workers.push(worker);
  return worker;
}

/** Waiters (not holders) on an advisory lock. */
async function lockWaiters(holder: Client, lock: number): Promise<number> {
  const waiting = await holder.query(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
    [lock],
  );
  return waiting.rows[0].n as number;
}

/**
 * Several worker processes on one PostgreSQL and one Redis: the weekly report of a week is published
 * exactly once, when the job is triggered twice and when a worker dies in the middle of publishing.
 * Needs the servers (DATABASE_URL and REDIS_URL, as in CI); the embedded database belongs to one process.
 */
(databaseUrl && redisUrl ? describe : describe.skip)('Weekly report across worker processes', () => {
  let database: TestDatabase;
  let holder: Client;
  const workers: ChildProcess[] = [];
  const prefix = `crmtest${randomBytes(4).toString('hex')}`;
  const dueWeek = (() => {
    // the week due now: the one before this week, once Monday 08:00 Asia/Shanghai has passed
    const now = new Date();
    const today = businessDateOf(now, 'Asia/Shanghai');
    const beforeEight =
      today === mondayOf(today) &&
      Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(now),
      ) < 8;
    return isoWeekLabel(addDays(mondayOf(today), beforeEight ? -8 : -1));
  })();

  const startWorker = () => spawnWorker(database, prefix, workers);
  const reports = async () =>
    (await holder.query('SELECT week, version FROM weekly_report ORDER BY week, version')).rows as {
      week: string;
      version: number;
    }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    holder = new Client({ connectionString: database.env.DATABASE_URL });
    await holder.connect();
  });
  afterAll(async () => {
    workers.forEach((worker) => worker.kill('SIGKILL'));
    await holder?.end();
    await database?.drop();
  });

  it('publishes one report per week', async () => {
    // hold the publishing lock so both workers stop inside their publishing transaction
    await holder.query('SELECT pg_advisory_lock($1)', [PUBLISH_LOCK]);
    const first = startWorker();
    startWorker();
    const queue = new Bull('reports', redisUrl as string, { prefix });
    await queue.add('WeeklyReportJob', {});
    await queue.add('WeeklyReportJob', {});
    await waitFor('two workers waiting to publish', async () => (await lockWaiters(holder, PUBLISH_LOCK)) >= 2);
    first.kill('SIGKILL'); // dies in the middle of publishing
    await holder.query('SELECT pg_advisory_unlock($1)', [PUBLISH_LOCK]);
    // the killed worker may have held every job (Bull runs one job per named processor at once): its jobs come
    // back to the other worker once Bull finds them stalled (30 s), unless that worker's own catch-up was first
    await waitFor('the report', async () => (await reports()).length > 0, STALLED_JOB_RETURN_MS);
    // a worker that comes back runs its start-up catch-up: nothing more to publish
    const restartedAt = Date.now();
    startWorker();
    await waitFor('the restarted worker to finish its catch-up', async () =>
      (await queue.getCompleted()).some((job) => job.name === 'WeeklyReportCatchUpJob' && job.timestamp >= restartedAt),
    );
    // and the job itself, run again once a worker has it: still nothing more to publish
    await (await queue.add('WeeklyReportJob', {})).finished();
    await queue.obliterate({ force: true });
    await queue.close();
    const maintenance = new Bull('maintenance', redisUrl as string, { prefix });
    await maintenance.obliterate({ force: true });
    await maintenance.close();
    expect(await reports()).toEqual([{ week: dueWeek, version: 1 }]);
    // a worker's report has every table of the api's: each library with a report section is loaded
    const [published] = (await holder.query('SELECT content FROM weekly_report')).rows as {
      content: { tables: { key: string }[] };
    }[];
    expect(published.content.tables.map((table) => table.key)).toEqual([
      'ranking',
      'scoring',
      'signings',
      'stageChanges',
      'funds',
      'alerts',
      'milestoneSlips',
      'supervision',
      'visits',
      'requests',
    ]);
  }, 180_000);
});

/**
 * The same guarantee for the 月报: two workers given the monthly job (and each running its start-up catch-up) while
 * the monthly publish lock is held, one killed in the middle: one report of the due month, with every table.
 */
(databaseUrl && redisUrl ? describe : describe.skip)('Monthly report across worker processes', () => {
  let database: TestDatabase;
  let holder: Client;
  const workers: ChildProcess[] = [];
  const prefix = `crmtest${randomBytes(4).toString('hex')}`;
  const lock = PERIOD_PUBLISH_LOCKS.monthly;
  // the month due now: the one the schedule's latest run (the 1st, 08:00 Asia/Shanghai) ended
  const dueMonth = addDays(
    businessDateOf(lastRunAt(MONTHLY.cron, 'Asia/Shanghai', new Date()), 'Asia/Shanghai'),
    -1,
  ).slice(0, 7);
  const reports = async () =>
    (await holder.query(`SELECT period, version FROM period_report WHERE kind = 'monthly' ORDER BY period, version`))
      .rows as { period: string; version: number }[];

  beforeAll(async () => {
    database = await createTestDatabase();
    holder = new Client({ connectionString: database.env.DATABASE_URL });
    await holder.connect();
  });
  afterAll(async () => {
    workers.forEach((worker) => worker.kill('SIGKILL'));
    await holder?.end();
    await database?.drop();
  });

  it('publishes one report per month', async () => {
    await holder.query('SELECT pg_advisory_lock($1)', [lock]);
    const first = spawnWorker(database, prefix, workers);
    spawnWorker(database, prefix, workers);
    const queue = new Bull('reports', redisUrl as string, { prefix });
    await queue.add('MonthlyReportJob', {});
    await queue.add('MonthlyReportJob', {});
    await waitFor('two workers waiting to publish the month', async () => (await lockWaiters(holder, lock)) >= 2);
    first.kill('SIGKILL'); // dies in the middle of publishing
    await holder.query('SELECT pg_advisory_unlock($1)', [lock]);
    await waitFor('the monthly report', async () => (await reports()).length > 0, STALLED_JOB_RETURN_MS);
    // the job and the catch-up, run again once a worker has them: nothing more to publish
    await (await queue.add('MonthlyReportJob', {})).finished();
    await (await queue.add('PeriodReportCatchUpJob', {})).finished();
    await queue.obliterate({ force: true });
    await queue.close();
    const maintenance = new Bull('maintenance', redisUrl as string, { prefix });
    await maintenance.obliterate({ force: true });
    await maintenance.close();
    expect(await reports()).toEqual([{ period: dueMonth, version: 1 }]);
    const [published] = (await holder.query(`SELECT content FROM period_report WHERE kind = 'monthly'`)).rows as {
      content: { kind: string; tables: { key: string }[] };
    }[];
    expect(published.content.kind).toBe('monthly');
    expect(published.content.tables.map((table) => table.key)).toEqual(
      expect.arrayContaining(['ranking', 'milestoneSlips', 'supervision', 'requests', 'chains']),
    );
  }, 180_000);
});
