/**
 * npm run bench -- [--visits=N] [--leads=N] [--projects=N] [--bureaus=N] [--province] [--requests=N] [--seconds=N]
 *                   [--rounds=N] [--reuse] [--audit-rows=N]
 *
 * --reuse measures again on the database a previous run of the same size left behind, without seeding it.
 *
 * Seeds a synthetic data set into a fresh PostgreSQL database (BENCH_DATABASE_URL, or crm_bench on the local
 * server), starts the whole api in this process, and prints: ranking latency p50/p95 per period, weekly
 * report build time, XLSX export time and peak RSS, and POST /api/v1/visits throughput and p99 under 50
 * connections beside a bare Fastify + pg server doing the same insert (the two take turns, --rounds times).
 */
import 'reflect-metadata';
import { Actor, addDays, AppConfig, businessDateOf, isoWeekLabel, loadConfig, mondayOf, Role } from '@app/core';
import { RollupRepository, SourcesRepository } from '@app/rankings';
import { WeeklyReportService } from '@app/reports';
import { fork } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiApp } from '../../bootstrap';
import type { ExportProbeRequest, ExportProbeResult } from './export-probe';
import type { LoadRequest, LoadResult } from './load-generator';
import { measureAuditVerify } from './audit-probe';
import { medianRun, percentile, timed } from './measure';
import { BENCH_PASSWORD, DatasetSize, seedDataset } from './seed-dataset';
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
const requests = Number(args.get('requests') ?? 200);
const seconds = Number(args.get('seconds') ?? 10);
const rounds = Number(args.get('rounds') ?? 3);
const auditRows = Number(args.get('audit-rows') ?? 1_000_000);
const WARMUP_SECONDS = 3;
const FIRST_ROUND_SECONDS = 20;
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `crm_bench_${size.bureaus}_${size.visits}`;
const timeZone = 'Asia/Shanghai';

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

/** Starts a server in a child process (see server-process.ts); `close` ends it. */
function serverProcess(request: ServerRequest): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = fork(join(__dirname, 'server-process.js'));
    server.once('message', (message: ServerStarted | { error: string }) => {
      if ('error' in message) return reject(new Error(message.error));
      resolve({
        url: message.url,
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

async function main(): Promise<void> {
  const today = businessDateOf(new Date(), timeZone);
  const year = Number(today.slice(0, 4));
  console.log(
    `海州招商 CRM benchmark — ${size.bureaus} bureaus, ${size.visits.toLocaleString('en')} visits, ${size.leads.toLocaleString('en')} leads, ${size.projects.toLocaleString('en')} projects`,
  );
  const reuse = args.has('reuse');
  if (!reuse) await freshDatabase();
  const settings: Record<string, string> = {
    DATABASE_URL: databaseUrl(databaseName),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    AUDIT_HMAC_KEY: 'bench-audit-key-bench-audit-key-bench',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    SCHEDULES_ENABLED: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    ADMIN_PASSWORD: 'Bench#Guanli2026',
    DATABASE_POOL_SIZE: '20',
  };
  const config: AppConfig = loadConfig(settings);
  const app = await createApiApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();
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

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench_b01', password: BENCH_PASSWORD }),
  });
  const { accessToken, user } = (await login.json()) as { accessToken: string; user: { id: string } };
  const auth = { authorization: `Bearer ${accessToken}` };
  const results: [string, string, string][] = [];

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(`${base}${path}`, { agent, headers: auth }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        })
        .on('error', reject);
    });
  // fold what earlier runs left pending, as the minute job does; each period's first request then sums the
  // settled rollup (reported as "first"), the others reuse those sums and add the pending deltas
  await app.get(RollupRepository).compact();
  for (const period of ['week', 'month', 'quarter', 'ytd']) {
    const samples: number[] = [];
    let first = 0;
    for (let i = 0; i < requests + 5; i++) {
      const [status, ms] = await timed(() => get(`/api/v1/rankings?period=${period}&date=${today}`));
      if (status !== 200) throw new Error(`ranking ${period}: ${status}`);
      if (i === 0) first = ms;
      if (i >= 5) samples.push(ms); // the first few warm the caches
    }
    results.push([
      `ranking ${period}`,
      `p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (first ${first.toFixed(0)} ms)`,
      province ? '≤ 50 ms p95' : '≤ 20 ms p95',
    ]);
  }

  const week = isoWeekLabel(addDays(mondayOf(today), -1));
  const actor: Actor = {
    userId: user.id,
    username: 'bench_b01',
    displayName: 'bench',
    role: Role.Leader,
    bureauId: null,
    bureauCode: null,
    sessionId: user.id,
    ip: '127.0.0.1',
    requestId: 'bench',
  };
  const builds: number[] = [];
  for (let i = 0; i < 3; i++) builds.push((await timed(() => app.get(WeeklyReportService).publish(week, actor)))[1]);
  results.push(['weekly report build', `${(percentile(builds, 50) / 1000).toFixed(2)} s (median of 3)`, '≤ 3 s']);

  if (auditRows > 0) {
    const audit = await measureAuditVerify(app, client, auditRows);
    results.push([
      `audit verify (${audit.rows.toLocaleString('en')} rows)`,
      `full walk ${audit.fullSeconds.toFixed(1)} s; after new rows p50 ${percentile(audit.incrementalMs, 50).toFixed(0)} ms, max ${Math.max(...audit.incrementalMs).toFixed(0)} ms (written in ${audit.writeSeconds.toFixed(0)} s, sealed in ${audit.sealSeconds.toFixed(0)} s)`,
      'incremental ≤ 3 s',
    ]);
  }

  const exported = await child<ExportProbeRequest, ExportProbeResult>('export-probe.js', {
    settings,
    username: 'bench_b01',
    password: BENCH_PASSWORD,
    week,
  });
  results.push([
    'XLSX export',
    `${exported.milliseconds.toFixed(0)} ms, peak RSS ${exported.peakMiB.toFixed(0)} MiB (an api process of its own, ${exported.startMiB.toFixed(0)} MiB before)`,
    '≤ 300 MB',
  ]);

  // many staff log visits on many leads at once: spread the requests over the bureau's open leads
  const leads: { id: string; bureau_id: string; officer_id: string }[] = (
    await client.query(
      `SELECT l.id, l.bureau_id, l.officer_id FROM lead l JOIN bureau b ON b.id = l.bureau_id WHERE b.code = 'B01' AND l.status = 'open' LIMIT 2000`,
    )
  ).rows;
  const bodies = (bare: boolean) =>
    leads.map((lead) => {
      const body = { leadId: lead.id, date: today, kind: 'call', summary: '电话回访：确认考察行程' };
      return JSON.stringify(bare ? { ...body, bureauId: lead.bureau_id, officerId: lead.officer_id } : body);
    });
  // each server runs in a process of its own, as in production; the two take turns, each warmed up first, and
  // each keeps its median run, so the machine's own noise falls on both alike
  const crmServer = await serverProcess({ kind: 'api', settings });
  const bareServer = await serverProcess({
    kind: 'bare',
    databaseUrl: config.DATABASE_URL as string,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const load = (url: string, headers: Record<string, string>, requestBodies: string[], runSeconds = seconds) =>
    child<LoadRequest, LoadResult>('load-generator.js', {
      url,
      headers,
      bodies: requestBodies,
      connections: 50,
      seconds: runSeconds,
      warmupSeconds: WARMUP_SECONDS,
    });
  const crmRuns: LoadResult[] = [];
  const bareRuns: LoadResult[] = [];
  const runCrm = async () => crmRuns.push(await load(`${crmServer.url}/api/v1/visits`, auth, bodies(false)));
  const runBare = async () => bareRuns.push(await load(`${bareServer.url}/visits`, {}, bodies(true)));
  // nothing left to flush from the steps before; then a first round that is not counted (right after seeding,
  // the first runs were the slowest for both)
  await client.query('CHECKPOINT');
  await load(`${crmServer.url}/api/v1/visits`, auth, bodies(false), FIRST_ROUND_SECONDS);
  await load(`${bareServer.url}/visits`, {}, bodies(true), FIRST_ROUND_SECONDS);
  for (let round = 0; round < rounds; round++) {
    // who goes first alternates
    for (const run of round % 2 === 0 ? [runCrm, runBare] : [runBare, runCrm]) await run();
  }
  await Promise.all([crmServer.close(), bareServer.close()]);
  const [crm, baseline] = [medianRun(crmRuns), medianRun(bareRuns)];
  const ratio = crm.requestsPerSecond / baseline.requestsPerSecond;
  const runs = (all: LoadResult[]) => all.map((run) => run.requestsPerSecond.toFixed(0)).join(', ');
  results.push([
    'POST /visits (50 conns)',
    `${crm.requestsPerSecond.toFixed(0)} req/s (runs ${runs(crmRuns)}), p99 ${crm.p99} ms, ${crmRuns.reduce((sum, run) => sum + run.non2xx, 0)} non-2xx`,
    '',
  ]);
  results.push([
    'bare Fastify + pg insert',
    `${baseline.requestsPerSecond.toFixed(0)} req/s (runs ${runs(bareRuns)}), p99 ${baseline.p99} ms`,
    '',
  ]);
  results.push(['write throughput ratio', `${ratio.toFixed(2)} (medians)`, '≥ 0.70']);

  await client.end();
  await app.close();
  console.log('');
  const width = Math.max(...results.map(([name]) => name.length));
  for (const [name, value, target] of results)
    console.log(`${name.padEnd(width)}  ${value}${target ? `   (target ${target})` : ''}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
