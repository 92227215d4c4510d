/**
 * The CRM as the README deploys it on a server: `npm run start:api` (the command of that script, without npm in
 * between: `MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=4194304 node --max-semi-space-size=8 dist/apps/api/src/main.js`) with the settings an operator
 * gives (database, Redis, secrets, port) and every other setting at its default — request log on, JSON lines to
 * standard output, jobs on Bull with their schedules, the default pool — and beside it a worker,
 * `npm run start:worker`, when Redis is there (without Redis the api runs the jobs itself).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CrmProcesses {
  url: string;
  apiPid: number;
  workerPid: number | null;
  /** Bytes the api wrote to standard output (its request log), so far. */
  logBytes(): number;
  stop(): Promise<void>;
}

const DIST = join(__dirname, '..', '..', '..', '..', '..');

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

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited (${child.exitCode}) at start:\n${output()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error(`the api did not answer /health within 120 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * How `npm run <name>` starts a process, read from package.json: the settings before `node` (the memory
 * allocator's, say) and node's own flags, so that the process measured is started as an operator starts it,
 * without npm in between (whose pid would be measured instead).
 */
export function npmStart(name: string): { env: Record<string, string>; nodeArgs: string[]; script: string } {
  const scripts = (
    JSON.parse(readFileSync(join(DIST, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const words = (scripts[name] ?? '').trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const [key, ...value] = (words.shift() as string).split('=');
    env[key] = value.join('=');
  }
  const script = words.pop() ?? '';
  if (words.shift() !== 'node' || !script.startsWith('dist/'))
    throw new Error(`npm run ${name}: not of the form [NAME=value …] node [flags …] dist/…: ${scripts[name]}`);
  return { env, nodeArgs: words, script: script.slice('dist/'.length) };
}

function start(name: string, env: NodeJS.ProcessEnv, onOutput: (chunk: Buffer) => void): ChildProcess {
  const how = npmStart(name);
  const child = spawn(process.execPath, [...how.nodeArgs, join(DIST, how.script)], {
    env: { ...how.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Starts the api (and the worker, with `REDIS_URL`) and waits until the api answers /health. */
export async function startCrm(settings: Record<string, string>): Promise<CrmProcesses> {
  const port = await freePort();
  // the process's environment is the operator's settings only: nothing of the benchmark's own leaks in
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...settings,
    // for looking into the api (a heap snapshot on a signal, say), never set by the benchmark itself
    ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  let logBytes = 0;
  let head = '';
  const api = start('start:api', env, (chunk) => {
    logBytes += chunk.length;
    if (head.length < 4000) head += chunk.toString();
  });
  const worker = settings.REDIS_URL
    ? start('start:worker', env, (chunk) => {
        if (head.length < 4000) head += chunk.toString();
      })
    : null;
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, api, () => head);
  } catch (error) {
    await Promise.all([stop(api), worker ? stop(worker) : undefined]);
    throw error;
  }
  return {
    url,
    apiPid: api.pid as number,
    workerPid: worker?.pid ?? null,
    logBytes: () => logBytes,
    stop: async () => {
      await Promise.all([stop(api), worker ? stop(worker) : undefined]);
    },
  };
}
