/**
 * The CRM as the README deploys it on a server: `node dist/apps/api/src/main.js` with the settings an operator
 * gives (database, Redis, secrets, port) and every other setting at its default — request log on, JSON lines to
 * standard output, jobs on Bull with their schedules, the default pool — and beside it a worker,
 * `node dist/apps/worker/src/main.js`, when Redis is there (without Redis the api runs the jobs itself).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
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

function start(script: string, env: NodeJS.ProcessEnv, onOutput: (chunk: Buffer) => void): ChildProcess {
  const child = spawn(process.execPath, [join(DIST, script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const api = start('apps/api/src/main.js', env, (chunk) => {
    logBytes += chunk.length;
    if (head.length < 4000) head += chunk.toString();
  });
  const worker = settings.REDIS_URL
    ? start('apps/worker/src/main.js', env, (chunk) => {
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
