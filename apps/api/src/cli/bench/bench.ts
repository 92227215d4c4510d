/**
 * npm run bench -- [--visits=N] [--leads=N] [--projects=N] [--bureaus=N] [--province] [--reuse] [--audit-rows=N]
 *                   [--seconds=N] [--read-seconds=N] [--warmup=N] [--rounds=N] [--users=N] [--rest=N]
 *                   [--mixed-seconds=N] [--mixed-connections=N] [--only=start|mixed|reads] [--screens=TEXT]
 *
 * --only=start measures the start alone (see start-probe.ts; no PostgreSQL or Redis needed): the compiled api on
 * the embedded default, a first start on an empty data folder and a later one, each to /health, and its RSS at
 * rest (--rest seconds after the demo data is in, default 10). Without it, the start is measured first.
 *
 * --reuse measures again on the database a previous run of the same size left behind, without seeding it.
 * --only=mixed runs the mixed session alone (with what it needs: the database, last week's report, the api).
 * --only=reads measures the screens' reads alone (no report build, audit, export or writes); --screens=TEXT only
 * the screens whose name contains TEXT.
 *
 * Seeds a synthetic data set into a fresh PostgreSQL database (BENCH_DATABASE_URL, or crm_bench_… on the local
 * server) and measures the CRM as the README deploys it: `node dist/apps/api/src/main.js` in a process of its own
 * with default settings (request log on, jobs on Bull with a worker beside it, the default pool; Redis from
 * BENCH_REDIS_URL or REDIS_URL, else the local one). It prints
 * - every screen's reads under 10 concurrent connections, spread over several staff users of different bureaus:
 *   p50 / p95 / p99 beside the target;
 * - POST /api/v1/visits against two baselines in processes of their own, a bare Fastify + pg insert into the
 *   CRM's visit table and one into a minimal table (primary key and two indexes), in interleaved pairs (who goes
 *   first alternates) at 10 and 50 connections: each pair's ratio, their median, min and max, and CPU time per
 *   request of the api, its worker, the baseline and the database backends (from /proc);
 * - the weekly report's build, the XLSX export's time and peak RSS, the audit chain's verification;
 * - a mixed session (--mixed-seconds, default 600) at a few connections — sign-ins with bursts of 20 at once,
 *   lists with filters, rankings of each period, the report view, XLSX and CSV exports — with the api's RSS
 *   sampled every second: its peak and final value beside the target;
 * - the api's peak RSS over the run and the load average;
 * and at the end one table of every figure with its target and whether it is met.
 */
import 'reflect-metadata';
import { Actor, addDays, AppConfig, businessDateOf, isoWeekLabel, loadConfig, mondayOf, Role } from '@app/core';
import { RollupRepository, SourcesRepository } from '@app/rankings';
import { WeeklyReportService } from '@app/reports';
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiApp } from '../../bootstrap';
import { measureAuditVerify } from './audit-probe';
import { BareTable, MINIMAL_TABLE, minimalTableDdl } from './bare-server';
import { startCrm } from './crm-process';
import { measureStart } from './start-probe';
import type { ExportProbeRequest, ExportProbeResult } from './export-probe';
import type { LoadItem, LoadRequest, LoadResult } from './load-generator';
import { percentile, timed } from './measure';
import type { MixedKind, MixedPerson, MixedRequest, MixedResult } from './mixed-session';
import { backendCpu, backendCpuBetween, cpuSeconds, peakRssMiB, rssMiB } from './process-stats';
import { hashPassword } from '@app/identity';
import { BENCH_CHAIN, BENCH_PASSWORD, DatasetSize, seedDataset } from './seed-dataset';
import type { ServerRequest, ServerStarted } from './server-process';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key, value ?? 'true'] as const;
  }),
);
const province = args.has('province');
const size: DatasetSize = {
  bureaus: Number(args.get('bureaus') ?? (province ? 1000 : 10)),
  visits: Number(args.get('visits') ?? (province ? 10_000_000 : 1_000_000)),
  leads: Number(args.get('leads') ?? (province ? 1_000_000 : 100_000)),
  projects: Number(args.get('projects') ?? (province ? 200_000 : 20_000)),
};
const seconds = Number(args.get('seconds') ?? 20);
const readSeconds = Number(args.get('read-seconds') ?? Math.min(seconds, 10));
const warmupSeconds = Number(args.get('warmup') ?? Math.min(5, seconds));
const rounds = Number(args.get('rounds') ?? 3);
const userCount = Number(args.get('users') ?? 10);
const auditRows = Number(args.get('audit-rows') ?? 1_000_000);
const restSeconds = Number(args.get('rest') ?? 10);
const mixedSeconds = Number(args.get('mixed-seconds') ?? 600);
const mixedConnections = Number(args.get('mixed-connections') ?? 4);
/** `--only=start`, `--only=mixed` or `--only=reads`: that phase alone (with what it needs); otherwise every phase. */
const PHASES = ['start', 'mixed', 'reads'];
const only = args.get('only');
if (only !== undefined && !PHASES.includes(only)) {
  throw new Error(`--only: unknown phase ${only} (known: ${PHASES.join(', ')})`);
}
const everything = only === undefined;
const onlyReads = only === 'reads';
const screenFilter = args.get('screens');
/** Sign-ins at once in each burst of the mixed session, and how often one comes. */
const BURST_SIZE = 20;
const BURST_EVERY_SECONDS = 60;
/** People of the mixed session's sign-ins (bench_mix_NN, staff of the bureaus in turn). */
const MIX_PEOPLE = 40;
/** The api's memory target: 300 MB. */
const RSS_TARGET_MIB = 300 / 1.048576;
const WRITE_CONNECTIONS = [10, 50];
const READ_CONNECTIONS = 10;
/** The CRM's default DATABASE_POOL_SIZE; the baselines get the same. */
const DEFAULT_POOL = 10;
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const databaseName = `crm_bench_${size.bureaus}_${size.visits}`;
const timeZone = 'Asia/Shanghai';

/** A staff user of the benchmark, signed in. */
interface SignedIn {
  code: string;
  bureauId: string;
  officerId: string;
  auth: Record<string, string>;
}

/** One line of the final table: a figure, its value, its target, and whether the value meets it. */
interface Figure {
  name: string;
  value: string;
  target: string;
  met: boolean | null;
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freshDatabase(): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
}

/**
 * Runs one of the measuring scripts in a child process (the load generator, so that it does not compete with
 * the server for the event loop; the export probe, so that its memory is its own) and returns its answer.
 */
function child<Request, Result extends object>(script: string, request: Request): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = fork(join(__dirname, script));
    worker.once('message', (message: Result | { error: string }) =>
      'error' in message ? reject(new Error(message.error)) : resolve(message),
    );
    worker.once('error', reject);
    worker.send(request as object);
  });
}

/** Starts a baseline in a child process (see server-process.ts); `close` ends it. */
function baselineProcess(request: ServerRequest): Promise<{ url: string; pid: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = fork(join(__dirname, 'server-process.js'));
    server.once('message', (message: ServerStarted | { error: string }) => {
      if ('error' in message) return reject(new Error(message.error));
      resolve({
        url: message.url,
        pid: server.pid as number,
        close: () =>
          new Promise<void>((done) => {
            server.once('exit', () => done());
            server.send('close');
          }),
      });
    });
    server.once('error', reject);
    server.send(request);
  });
}

const load = (request: LoadRequest) => child<LoadRequest, LoadResult>('load-generator.js', request);

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const load1 = () => loadavg()[0].toFixed(2);

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  if (only === 'start') {
    console.log('海州招商 CRM benchmark — start of the embedded default');
    printFigures(await measureStart({ restSeconds }), loadAtStart);
    return;
  }
  const today = businessDateOf(new Date(), timeZone);
  const year = Number(today.slice(0, 4));
  console.log(
    `海州招商 CRM benchmark — ${size.bureaus} bureaus, ${size.visits.toLocaleString('en')} visits, ${size.leads.toLocaleString('en')} leads, ${size.projects.toLocaleString('en')} projects`,
  );
  // first, while nothing of the benchmark's own runs beside it
  const figures: Figure[] = everything ? await measureStart({ restSeconds }) : [];
  const reuse = args.has('reuse');
  if (!reuse) await freshDatabase();
  const secrets = {
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    AUDIT_HMAC_KEY: 'bench-audit-key-bench-audit-key-bench',
  };
  // the benchmark's own api instance seeds, builds the report and fills the audit log; it is not measured
  const settings: Record<string, string> = {
    DATABASE_URL: databaseUrl(databaseName),
    ...secrets,
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    SCHEDULES_ENABLED: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    ADMIN_PASSWORD: 'Bench#Guanli2026',
  };
  const config: AppConfig = loadConfig(settings);
  const app = await createApiApp(config);
  // initialised as the api is at start: the report's sections are found then (without it a report has no table)
  await app.init();
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();

  if (!reuse) {
    const [, seedMs] = await timed(() => seedDataset(client, size, year, today));
    const [, rollupMs] = await timed(() => app.get(SourcesRepository).rebuildRollups(timeZone));
    await client.query('VACUUM ANALYZE');
    // the seeding's gigabytes are flushed now, not during the first measurements
    await client.query('CHECKPOINT');
    console.log(`seeded in ${(seedMs / 1000).toFixed(1)} s; rollups built in ${(rollupMs / 1000).toFixed(1)} s`);
  }
  // fold what earlier runs left pending, as the minute job does
  await app.get(RollupRepository).compact();

  const week = isoWeekLabel(addDays(mondayOf(today), -1));
  const actor: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'bench',
    displayName: 'bench',
    role: Role.Leader,
    bureauId: null,
    bureauCode: null,
    sessionId: '00000000-0000-0000-0000-000000000000',
    ip: '127.0.0.1',
    requestId: 'bench',
  };
  // the report is published in a leader's name; the seeded first user stands in for one
  const [{ id: publisherId }] = (
    await client.query<{ id: string }>(`SELECT id FROM app_user WHERE username = 'bench_b01'`)
  ).rows;
  actor.userId = publisherId;
  actor.sessionId = publisherId;
  // the mixed session alone publishes last week's report only when none with tables is there yet
  const published =
    !everything &&
    (
      await client.query(
        `SELECT 1 FROM weekly_report WHERE week = $1 AND jsonb_array_length(content -> 'tables') > 0 LIMIT 1`,
        [week],
      )
    ).rows.length > 0;
  const builds: number[] = [];
  for (let i = 0; i < (everything ? 3 : published ? 0 : 1); i++)
    builds.push((await timed(() => app.get(WeeklyReportService).publish(week, actor)))[1]);
  const build = percentile(builds, 50) / 1000;
  if (everything)
    figures.push({
      name: 'weekly report build',
      value: `${build.toFixed(2)} s (median of 3)`,
      target: '≤ 3 s',
      met: build <= 3,
    });

  if (everything && auditRows > 0) {
    const audit = await measureAuditVerify(app, client, auditRows);
    const worst = Math.max(...audit.incrementalMs);
    figures.push({
      name: `audit verify (${audit.rows.toLocaleString('en')} rows)`,
      value: `full walk ${audit.fullSeconds.toFixed(1)} s; after new rows p50 ${ms(percentile(audit.incrementalMs, 50))}, max ${ms(worst)}`,
      target: 'incremental ≤ 3 s',
      met: worst <= 3000,
    });
  }

  if (everything) {
    const exported = await child<ExportProbeRequest, ExportProbeResult>('export-probe.js', {
      settings,
      username: 'bench_b01',
      password: BENCH_PASSWORD,
      week,
    });
    figures.push({
      name: 'XLSX export (peak RSS)',
      value: `${exported.milliseconds.toFixed(0)} ms, peak RSS ${exported.peakMiB.toFixed(0)} MiB (an api process of its own, ${exported.startMiB.toFixed(0)} MiB before)`,
      target: '≤ 300 MB',
      met: exported.peakMiB <= RSS_TARGET_MIB,
    });
  }
  await app.close();

  // the minimal baseline's table, empty at every run
  for (const statement of minimalTableDdl()) await client.query(statement);
  await client.query(`TRUNCATE ${MINIMAL_TABLE}`);
  await client.query('CHECKPOINT');

  // behind a proxy on this machine, as a server is: each person of the mixed session signs in from an address of
  // their own (X-Forwarded-For), so that the per-address sign-in limit sees many people, not one
  const crm = await startCrm({
    DATABASE_URL: config.DATABASE_URL as string,
    REDIS_URL: redisUrl,
    ...secrets,
    TRUSTED_PROXIES: '127.0.0.1',
  });
  console.log(
    `api pid ${crm.apiPid}${crm.workerPid ? `, worker pid ${crm.workerPid}` : ''} at ${crm.url}, default settings (behind a proxy at 127.0.0.1)`,
  );
  try {
    // several staff users of different bureaus, the requests spread over them
    const users = (
      await client.query<{ username: string; code: string; bureau_id: string; officer_id: string }>(
        `SELECT u.username, b.code, b.id AS bureau_id, u.id AS officer_id FROM app_user u JOIN bureau b ON b.id = u.bureau_id
          WHERE u.username LIKE 'bench\\_%' AND u.username NOT LIKE 'bench\\_mix\\_%' ORDER BY b.code LIMIT $1`,
        [userCount],
      )
    ).rows;
    // an access token lasts 15 minutes and the phases together take longer: each phase signs the users in anew
    const signIn = async (): Promise<SignedIn[]> => {
      const signedIn: SignedIn[] = [];
      for (const user of users) {
        const response = await fetch(`${crm.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: user.username, password: BENCH_PASSWORD }),
        });
        if (!response.ok) throw new Error(`sign-in of ${user.username}: ${response.status} ${await response.text()}`);
        const { accessToken } = (await response.json()) as { accessToken: string };
        signedIn.push({
          code: user.code,
          bureauId: user.bureau_id,
          officerId: user.officer_id,
          auth: { authorization: `Bearer ${accessToken}` },
        });
      }
      return signedIn;
    };
    console.log(`${users.length} staff users of ${users.length} bureaus, signed in anew for each phase`);

    if ((everything || only === 'mixed') && mixedSeconds > 0) {
      figures.push(...(await measureMixed(crm, client, await signIn(), today, year, week)));
    }
    if (everything || onlyReads) {
      const [chain] = (
        await client.query<{ id: string }>('SELECT id FROM industry_chain WHERE name = $1', [BENCH_CHAIN.name])
      ).rows;
      if (!chain) throw new Error(`${databaseName} has no ${BENCH_CHAIN.name}: seed it again, without --reuse`);
      figures.push(...(await measureReads(crm.url, await signIn(), today, year, week, chain.id)));
    }
    if (everything) figures.push(...(await measureWrites(crm, client, await signIn(), today)));

    const peak = peakRssMiB(crm.apiPid);
    figures.push({
      name: 'api peak RSS over the run (VmHWM)',
      value: `${peak.toFixed(0)} MiB${crm.workerPid ? `; worker ${peakRssMiB(crm.workerPid).toFixed(0)} MiB` : ''}`,
      target: '≤ 300 MB',
      met: peak <= RSS_TARGET_MIB,
    });
  } finally {
    await crm.stop();
    await client.end();
  }

  printFigures(figures, loadAtStart);
}

/** The final table of every figure with its target and whether it is met, and the load average. */
function printFigures(figures: Figure[], loadAtStart: number[]): void {
  const loadAtEnd = loadavg();
  const average = (values: number[]) => values.map((v) => v.toFixed(2)).join(' / ');
  console.log('');
  const rows: [string, string, string, string][] = [
    ['figure', 'value', 'target', 'met'],
    ...figures.map((f): [string, string, string, string] => [
      f.name,
      f.value,
      f.target || '—',
      f.met === null ? '' : f.met ? 'met' : 'not met',
    ]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => [...row[column]].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell + ' '.repeat(widths[column] - [...cell].length)).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
  console.log(
    `load average (1 / 5 / 15 min): ${average(loadAtStart)} at the start, ${average(loadAtEnd)} at the end; ${cpus().length} CPUs`,
  );
}

/**
 * The mixed session: `mixedConnections` connections going round lists, rankings, the report view, exports and
 * sign-ins, with a burst of BURST_SIZE sign-ins at once every BURST_EVERY_SECONDS, for `mixedSeconds`; the api's
 * resident set size read every second meanwhile. Figures: its peak and final RSS, and how each kind of request
 * was answered.
 */
async function measureMixed(
  crm: { url: string; apiPid: number },
  client: Client,
  users: { auth: Record<string, string>; code: string }[],
  today: string,
  year: number,
  week: string,
): Promise<Figure[]> {
  const q = encodeURIComponent;
  // the people who sign in: staff of the bureaus in turn, each from an address of their own; a lock left by an
  // earlier run is lifted
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await client.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, bureau_id)
     SELECT 'bench_mix_' || lpad(g::text, 2, '0'), '基准登录' || g, $1, 'staff',
            (SELECT id FROM bureau ORDER BY code OFFSET (g % (SELECT count(*) FROM bureau)) LIMIT 1)
       FROM generate_series(1, $2::int) g ON CONFLICT (username) DO NOTHING`,
    [passwordHash, MIX_PEOPLE],
  );
  await client.query(
    `UPDATE app_user SET failed_logins = 0, locked_until = NULL, password_hash = $1 WHERE username LIKE 'bench\\_mix\\_%'`,
    [passwordHash],
  );
  const people: MixedPerson[] = Array.from({ length: MIX_PEOPLE }, (_, i) => ({
    username: `bench_mix_${String(i + 1).padStart(2, '0')}`,
    password: BENCH_PASSWORD,
    address: `10.77.0.${i + 1}`,
  }));
  const report = await fetch(`${crm.url}/api/v1/reports/weekly/${week}`, { headers: users[0].auth });
  if (!report.ok) throw new Error(`report ${week}: ${report.status} ${await report.text()}`);
  const tables = ((await report.json()) as { content: { tables: { key: string }[] } }).content.tables;
  if (tables.length === 0) throw new Error(`report ${week} has no table to export`);
  const request: MixedRequest = {
    url: crm.url,
    readers: users.map((user) => user.auth),
    people,
    lists: [
      '/api/v1/visits',
      '/api/v1/visits?kind=call',
      `/api/v1/visits?q=${q('扩产')}`,
      '/api/v1/visits?page=5&pageSize=50',
      '/api/v1/leads',
      '/api/v1/leads?status=open',
      `/api/v1/leads?q=${q('基准企业12')}`,
      '/api/v1/projects',
      '/api/v1/projects?stage=signed',
      `/api/v1/projects?q=${q('基准项目1')}`,
      '/api/v1/investors',
      `/api/v1/investors?industry=${q('新材料')}`,
      `/api/v1/investors?q=${q('基准企业1')}`,
      '/api/v1/alerts?pageSize=50',
    ],
    rankings: [
      ...['week', 'month', 'quarter', 'ytd'].map((period) => `/api/v1/rankings?period=${period}&date=${today}`),
      ...Array.from({ length: 12 }, (_, k) => `/api/v1/rankings?period=week&date=${addDays(today, -7 * (k + 1))}`),
      `/api/v1/funnel?from=${year}-01-01&to=${addDays(today, 1)}`,
    ],
    reportView: `/api/v1/reports/weekly/${week}`,
    xlsxExport: `/api/v1/reports/weekly/${week}/export?format=xlsx`,
    csvExports: tables.map((table) => `/api/v1/reports/weekly/${week}/export?format=csv&table=${q(table.key)}`),
    seconds: mixedSeconds,
    connections: mixedConnections,
    burstEverySeconds: BURST_EVERY_SECONDS,
    burstSize: BURST_SIZE,
  };
  console.log(
    `\nmixed session, ${mixedSeconds} s: ${mixedConnections} connections (lists, rankings, report view, XLSX and CSV exports, sign-ins) ` +
      `and ${BURST_SIZE} sign-ins at once every ${BURST_EVERY_SECONDS} s; api RSS every second:`,
  );
  const startMiB = rssMiB(crm.apiPid);
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const rss = rssMiB(crm.apiPid);
    samples.push(rss);
    if (samples.length % 60 === 0)
      console.log(
        `  ${String(samples.length).padStart(4)} s: RSS ${rss.toFixed(0)} MiB (peak so far ${Math.max(...samples).toFixed(0)} MiB)   load ${load1()}`,
      );
  }, 1000);
  let result: MixedResult;
  try {
    result = await child<MixedRequest, MixedResult>('mixed-session.js', request);
  } finally {
    clearInterval(sampler);
  }
  const finalMiB = rssMiB(crm.apiPid);
  samples.push(finalMiB);
  const peak = Math.max(...samples);
  const lifetimePeak = peakRssMiB(crm.apiPid);
  const figures: Figure[] = [
    {
      name: `mixed session, api RSS (${mixedSeconds} s, ${mixedConnections} conns + bursts of ${BURST_SIZE} sign-ins)`,
      value: `peak ${peak.toFixed(0)} MiB (1 s samples; VmHWM ${lifetimePeak.toFixed(0)} MiB), final ${finalMiB.toFixed(0)} MiB, ${startMiB.toFixed(0)} MiB before`,
      target: '≤ 300 MB',
      met: lifetimePeak <= RSS_TARGET_MIB && finalMiB <= RSS_TARGET_MIB,
    },
  ];
  for (const [kind, tally] of Object.entries(result.kinds) as [MixedKind, MixedResult['kinds'][MixedKind]][]) {
    const statuses = Object.entries(tally.statuses)
      .map(([status, n]) => `${n}× ${status}`)
      .join(', ');
    figures.push({
      name: `mixed session, ${kind}`,
      value: `${tally.answered} requests (${statuses || 'none'}), ${(tally.bytes / 1024 / 1024).toFixed(1)} MiB received${kind === 'sign-in' ? `; ${result.bursts} bursts` : ''}`,
      target: 'all answered 2xx',
      met: tally.answered > 0 && tally.failed === 0,
    });
  }
  return figures;
}

/** Every screen's reads, 10 connections at a time, each request as one of the staff users in turn. */
async function measureReads(
  url: string,
  users: { code: string; auth: Record<string, string> }[],
  today: string,
  year: number,
  week: string,
  chainId: string,
): Promise<Figure[]> {
  const q = encodeURIComponent;
  const each = (path: (user: { code: string }) => string): LoadItem[] =>
    users.map((user) => ({ path: path(user), headers: user.auth }));
  const spread = (paths: string[]): LoadItem[] =>
    paths.flatMap((_, n) => users.map((user, k) => ({ path: paths[(n + k) % paths.length], headers: user.auth })));
  const rankingTarget = province ? 50 : 20;
  const screens: [string, LoadItem[], number][] = [
    ...['week', 'month', 'quarter', 'ytd'].map((period): [string, LoadItem[], number] => [
      `rankings ${period}`,
      each(() => `/api/v1/rankings?period=${period}&date=${today}`),
      rankingTarget,
    ]),
    [
      '12-week trend (one week a request)',
      spread(Array.from({ length: 12 }, (_, k) => `/api/v1/rankings?period=week&date=${addDays(today, -7 * k)}`)),
      50,
    ],
    [
      'drilldown (own bureau, week visits)',
      each((user) => `/api/v1/rankings/drilldown?bureau=${user.code}&metric=visits&period=week&date=${today}`),
      50,
    ],
    ['funnel (own bureau, year)', each(() => `/api/v1/funnel?from=${year}-01-01&to=${addDays(today, 1)}`), 50],
    ['alerts', each(() => '/api/v1/alerts?pageSize=50'), 50],
    ['visit list', each(() => '/api/v1/visits'), 50],
    ['visit list, filter (kind)', each(() => '/api/v1/visits?kind=call'), 50],
    ['visit list, search', each(() => `/api/v1/visits?q=${q('扩产')}`), 50],
    ['lead list', each(() => '/api/v1/leads'), 50],
    ['lead list, filter (status)', each(() => '/api/v1/leads?status=open'), 50],
    ['lead list, search', each(() => `/api/v1/leads?q=${q('基准企业12')}`), 50],
    ['project list', each(() => '/api/v1/projects'), 50],
    ['project list, filter (stage)', each(() => '/api/v1/projects?stage=signed'), 50],
    ['project list, search', each(() => `/api/v1/projects?q=${q('基准项目1')}`), 50],
    ['investor list', each(() => '/api/v1/investors'), 50],
    ['investor list, filter (industry)', each(() => `/api/v1/investors?industry=${q('新材料')}`), 50],
    ['investor list, search', each(() => `/api/v1/investors?q=${q('基准企业1')}`), 50],
    [
      'project board (one stage column a request)',
      spread(
        ['reserve', 'negotiating', 'signed', 'registered', 'started', 'operating'].map(
          (stage) => `/api/v1/projects?stage=${stage}&pageSize=50`,
        ),
      ),
      50,
    ],
    ['report view (last week)', each(() => `/api/v1/reports/weekly/${week}`), 50],
    [
      `chain coverage (${BENCH_CHAIN.links} links, ${BENCH_CHAIN.targets.toLocaleString('en')} targets)`,
      each(() => `/api/v1/industry-chains/${chainId}/coverage?date=${today}`),
      100,
    ],
  ];
  console.log(`\nreads, ${READ_CONNECTIONS} connections, ${warmupSeconds} s warm-up then ${readSeconds} s each:`);
  const figures: Figure[] = [];
  for (const [name, items, target] of screens.filter(([name]) => !screenFilter || name.includes(screenFilter))) {
    // every request of the screen answers 200 before it is measured
    for (const item of new Map(items.map((i) => [i.path, i])).values()) {
      const response = await fetch(`${url}${item.path}`, { headers: item.headers });
      if (response.status !== 200)
        throw new Error(`${name}: ${item.path} → ${response.status} ${await response.text()}`);
    }
    const request = { url, method: 'GET' as const, items, connections: READ_CONNECTIONS };
    if (warmupSeconds > 0) await load({ ...request, seconds: warmupSeconds });
    const result = await load({ ...request, seconds: readSeconds });
    const failed = result.non2xx + result.errors;
    const value = `p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, p99 ${ms(result.p99)} (${result.requestsPerSecond.toFixed(0)} req/s${failed ? `, ${failed} failed` : ''})`;
    console.log(`  ${name.padEnd(44)} ${value}   load ${load1()}`);
    figures.push({
      name: `${name}, ${READ_CONNECTIONS} conns`,
      value,
      target: `p95 ≤ ${target} ms`,
      met: failed === 0 && result.p95 <= target,
    });
  }
  return figures;
}

interface WriteRun {
  result: LoadResult;
  /** CPU milliseconds per request: the server process, the CRM's worker, the database backends. */
  serverCpu: number;
  workerCpu: number;
  databaseCpu: number;
}

/** POST /visits against the two baselines, in interleaved pairs, at 10 and 50 connections. */
async function measureWrites(
  crm: { url: string; apiPid: number; workerPid: number | null },
  client: Client,
  users: { bureauId: string; officerId: string; auth: Record<string, string> }[],
  today: string,
): Promise<Figure[]> {
  // many staff log visits on many leads at once: each user on their own bureau's open leads, taken in turn
  const perUser: { id: string }[][] = [];
  for (const user of users) {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM lead WHERE bureau_id = $1 AND status = 'open' ORDER BY id LIMIT 200`,
      [user.bureauId],
    );
    perUser.push(rows);
  }
  const crmItems: LoadItem[] = [];
  const bareItems: LoadItem[] = [];
  for (let n = 0; n < 200; n++) {
    users.forEach((user, k) => {
      const lead = perUser[k][n];
      if (!lead) return;
      const body = { leadId: lead.id, date: today, kind: 'call', summary: '电话回访：确认考察行程' };
      crmItems.push({ path: '/api/v1/visits', headers: user.auth, body: JSON.stringify(body) });
      bareItems.push({
        path: '/visits',
        headers: {},
        body: JSON.stringify({ ...body, bureauId: user.bureauId, officerId: user.officerId }),
      });
    });
  }
  const baselines: Record<BareTable, { url: string; pid: number; close(): Promise<void> }> = {
    visit: await baselineProcess({ databaseUrl: databaseUrl(databaseName), poolSize: DEFAULT_POOL, table: 'visit' }),
    minimal: await baselineProcess({
      databaseUrl: databaseUrl(databaseName),
      poolSize: DEFAULT_POOL,
      table: 'minimal',
    }),
  };
  const run = async (
    url: string,
    items: LoadItem[],
    connections: number,
    serverPid: number,
    workerPid: number | null,
  ): Promise<WriteRun> => {
    const request = { url, method: 'POST' as const, items, connections };
    if (warmupSeconds > 0) await load({ ...request, seconds: warmupSeconds });
    const before = { server: cpuSeconds(serverPid), worker: workerPid ? cpuSeconds(workerPid) : 0 };
    const backendsBefore = await backendCpu(client, databaseName);
    const result = await load({ ...request, seconds });
    const backendsAfter = await backendCpu(client, databaseName);
    const perRequest = (cpu: number) => (result.responses > 0 ? (cpu * 1000) / result.responses : NaN);
    return {
      result,
      serverCpu: perRequest(cpuSeconds(serverPid) - before.server),
      workerCpu: workerPid ? perRequest(cpuSeconds(workerPid) - before.worker) : 0,
      databaseCpu: perRequest(backendCpuBetween(backendsBefore, backendsAfter)),
    };
  };

  const figures: Figure[] = [];
  console.log(
    `\nPOST /api/v1/visits against the baselines, interleaved pairs, ${warmupSeconds} s warm-up then ${seconds} s each:`,
  );
  try {
    for (const connections of WRITE_CONNECTIONS) {
      for (const table of ['minimal', 'visit'] as BareTable[]) {
        const baseline = baselines[table];
        const pairs: { crm: WriteRun; bare: WriteRun; ratio: number }[] = [];
        for (let round = 0; round < rounds; round++) {
          const runCrm = () => run(crm.url, crmItems, connections, crm.apiPid, crm.workerPid);
          const runBare = () => run(baseline.url, bareItems, connections, baseline.pid, null);
          let crmRun: WriteRun;
          let bareRun: WriteRun;
          // who goes first alternates
          if (round % 2 === 0) {
            crmRun = await runCrm();
            bareRun = await runBare();
          } else {
            bareRun = await runBare();
            crmRun = await runCrm();
          }
          const ratio = crmRun.result.requestsPerSecond / bareRun.result.requestsPerSecond;
          pairs.push({ crm: crmRun, bare: bareRun, ratio });
          console.log(
            `  ${connections} conns, vs ${table} insert, pair ${round + 1} (${round % 2 === 0 ? 'CRM' : 'baseline'} first): ` +
              `CRM ${crmRun.result.requestsPerSecond.toFixed(0)} req/s p99 ${ms(crmRun.result.p99)}` +
              `${crmRun.result.non2xx + crmRun.result.errors ? ` (${crmRun.result.non2xx + crmRun.result.errors} failed)` : ''}, ` +
              `baseline ${bareRun.result.requestsPerSecond.toFixed(0)} req/s p99 ${ms(bareRun.result.p99)}, ratio ${ratio.toFixed(2)}   load ${load1()}`,
          );
        }
        const ratios = pairs.map((pair) => pair.ratio);
        const median = percentile(ratios, 50);
        const medianOf = (pick: (pair: (typeof pairs)[number]) => number) => percentile(pairs.map(pick), 50);
        const failed = pairs.reduce((n, pair) => n + pair.crm.result.non2xx + pair.crm.result.errors, 0);
        figures.push({
          name: `POST /visits ÷ bare ${table} insert, ${connections} conns`,
          value:
            `ratio median ${median.toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}; pairs ${ratios.map((r) => r.toFixed(2)).join(', ')}); ` +
            `CRM ${medianOf((p) => p.crm.result.requestsPerSecond).toFixed(0)} req/s, p99 ${ms(medianOf((p) => p.crm.result.p99))}${failed ? `, ${failed} failed` : ''}; ` +
            `baseline ${medianOf((p) => p.bare.result.requestsPerSecond).toFixed(0)} req/s, p99 ${ms(medianOf((p) => p.bare.result.p99))}`,
          target: table === 'minimal' ? '≥ 0.70' : '',
          met: table === 'minimal' ? failed === 0 && median >= 0.7 : null,
        });
        const cpu = (pick: (pair: (typeof pairs)[number]) => number) => medianOf(pick).toFixed(2);
        figures.push({
          name: `CPU per write, ${table} pairs, ${connections} conns`,
          value:
            `CRM: api ${cpu((p) => p.crm.serverCpu)} + worker ${cpu((p) => p.crm.workerCpu)} + database ${cpu((p) => p.crm.databaseCpu)} ms; ` +
            `baseline: server ${cpu((p) => p.bare.serverCpu)} + database ${cpu((p) => p.bare.databaseCpu)} ms (medians)`,
          target: '',
          met: null,
        });
      }
    }
  } finally {
    await Promise.all([baselines.visit.close(), baselines.minimal.close()]);
  }
  return figures;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
