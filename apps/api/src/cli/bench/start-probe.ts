/**
 * The start of the CRM as a person runs it the first time (`npm start`, the build apart): the compiled api,
 * `node dist/apps/api/src/main.js`, on the embedded default (no DATABASE_URL) with an empty data folder, from its
 * launch until GET /health answers 200; then, once the demo data has loaded and the api has rested, its resident
 * set size; then the same again on the same folder (a later start). Every other setting is at its default.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { cpuSecondsWithChildren, rssMiB } from './process-stats';

/** One line of the benchmark's table (see bench.ts). */
export interface StartFigure {
  name: string;
  value: string;
  target: string;
  met: boolean | null;
}

export interface StartProbeOptions {
  /** Seconds the api rests, with nothing asked of it, after its start-up work before its RSS is read. */
  restSeconds: number;
}

interface StartRun {
  /** From the launch until /health answered 200. */
  healthMs: number;
  /** /health's status in that first answer (`starting` while the demo records load behind it). */
  healthStatus: string;
  /** CPU seconds of the api (and its ended children) by then. */
  cpuSeconds: number;
  /** From the launch until /health said the start-up work was done. */
  readyMs: number;
  restMiB: number;
  load: number;
}

const DIST = join(__dirname, '..', '..', '..', '..', '..');
const TIME_LIMIT_MS = 600_000;
/** 400 MB, the target of the embedded default at rest, in MiB as /proc counts. */
const REST_TARGET_MIB = 400 / 1.048576;

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

interface HealthAnswer {
  code: number;
  body: { status?: string; startup?: { status?: string } };
}

async function health(url: string): Promise<HealthAnswer> {
  const response = await fetch(`${url}/health`);
  return { code: response.status, body: (await response.json()) as HealthAnswer['body'] };
}

async function startOnce(dataDir: string, restSeconds: number): Promise<StartRun> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // the operator's environment of a first start: nothing set but where to listen and the data folder
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  let output = '';
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [join(DIST, 'apps/api/src/main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    if (output.length < 8000) output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'exit');
  const within = () => {
    if (child.exitCode !== null) throw new Error(`the api exited (${child.exitCode}) at start:\n${output}`);
    if (performance.now() - started > TIME_LIMIT_MS) throw new Error(`the api did not start in time:\n${output}`);
  };
  try {
    let first: HealthAnswer | null = null;
    while (!first) {
      within();
      first = await health(url).catch(() => null);
      if (first && first.code !== 200) first = null;
      if (!first) await pause(50);
    }
    const healthMs = performance.now() - started;
    const cpuSeconds = cpuSecondsWithChildren(child.pid as number);
    let body = first.body;
    while (body.startup?.status === 'running') {
      await pause(200);
      within();
      body = (await health(url)).body;
    }
    if (body.startup?.status !== 'done') throw new Error(`the start-up work ended ${body.startup?.status}:\n${output}`);
    const readyMs = performance.now() - started;
    await pause(restSeconds * 1000);
    return {
      healthMs,
      healthStatus: String(first.body.status),
      cpuSeconds,
      readyMs,
      restMiB: rssMiB(child.pid as number),
      load: loadavg()[0],
    };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** A first and a later start on one new data folder, as the benchmark's figures. */
export async function measureStart({ restSeconds }: StartProbeOptions): Promise<StartFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-start-'));
  try {
    console.log(`\nstart of the compiled api on the embedded default (data folder ${dataDir}):`);
    const first = await startOnce(join(dataDir, 'data'), restSeconds);
    const later = await startOnce(join(dataDir, 'data'), restSeconds);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const describe = (run: StartRun) =>
      `${seconds(run.healthMs)} to /health 200 (${run.healthStatus}; ${run.cpuSeconds.toFixed(1)} CPU s), ` +
      `start-up work done at ${seconds(run.readyMs)}, load ${run.load.toFixed(2)}`;
    console.log(`  first start  ${describe(first)}`);
    console.log(`  later start  ${describe(later)}`);
    const rest = (run: StartRun) => `${run.restMiB.toFixed(0)} MiB`;
    return [
      {
        name: 'first start to /health (empty folder)',
        value: describe(first),
        target: '≤ 10 s',
        met: first.healthMs <= 10_000,
      },
      { name: 'later start to /health', value: describe(later), target: '≤ 3 s', met: later.healthMs <= 3_000 },
      {
        name: 'embedded RSS at rest, demo data',
        value: `${rest(first)} after the first start, ${rest(later)} after a later one (${restSeconds} s at rest)`,
        target: '≤ 400 MB',
        met: Math.max(first.restMiB, later.restMiB) <= REST_TARGET_MIB,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
