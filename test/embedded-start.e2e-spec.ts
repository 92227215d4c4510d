import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';

const DEMO_PASSWORD = 'Haizhou@2026';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

interface Health {
  status: string;
  startup: { status: string };
  database: { status: string; mode: string };
}

/** The compiled api (`npm start` without its build) on the embedded default: no DATABASE_URL, a data folder. */
class Api {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static async start(dataDir: string, env: Record<string, string> = {}): Promise<Api> {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Api(child, `http://127.0.0.1:${port}`);
  }

  /** /health's answers, from the first 200 until the start-up work is no longer running. */
  async healthUntilStarted(): Promise<Health[]> {
    const answers: Health[] = [];
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the api exited at start:\n${this.output.join('')}`);
      const response = await fetch(`${this.url}/health`).catch(() => null);
      if (response?.status === 200) {
        const health = (await response.json()) as Health;
        answers.push(health);
        if (health.startup.status !== 'running') return answers;
      }
      await pause(100);
    }
  }

  async firstHealth(): Promise<Health> {
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the api exited at start:\n${this.output.join('')}`);
      const response = await fetch(`${this.url}/health`).catch(() => null);
      if (response?.status === 200) return (await response.json()) as Health;
      await pause(100);
    }
  }

  async signIn(username: string): Promise<Record<string, string>> {
    const response = await fetch(`${this.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const { accessToken } = (await response.json()) as { accessToken: string };
    return { authorization: `Bearer ${accessToken}` };
  }

  async get(path: string, headers: Record<string, string>): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}${path}`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

// a first start loads the whole demo set through the services: minutes on a busy machine
jest.setTimeout(900_000);

/**
 * `npm start` on an empty folder: the api answers /health as soon as it listens, with the demo accounts in and the
 * demo records loading behind it, and says so (`starting`) until they are in.
 */
describe('The embedded default starting on an empty data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-embedded-start-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health while the demo records load, says starting until they are in, and a later start loads nothing again', async () => {
    const api = await Api.start(join(dir, 'data'));
    let projectsTotal = 0;
    try {
      const first = await api.firstHealth();
      expect(first.database).toEqual({ status: 'up', mode: 'embedded' });
      // the accounts the start banner shows are in before the server listens
      const leader = await api.signIn('leader1');
      const answers = [first, ...(await api.healthUntilStarted())];
      for (const answer of answers.filter((a) => a.startup.status === 'running')) {
        expect(answer.status).toBe('starting');
      }
      const last = answers[answers.length - 1];
      expect(last.startup.status).toBe('done');
      expect(last.status).toBe('ok');
      projectsTotal = Number((await api.get('/api/v1/projects?pageSize=1', leader)).total);
      expect(projectsTotal).toBeGreaterThan(100);
      // the last data set, the industry chains, is in too
      expect(((await api.get('/api/v1/industry-chains', leader)).items as unknown[]).length).toBeGreaterThan(0);
    } finally {
      expect(await api.stop()).toBe(0);
    }

    const later = await Api.start(join(dir, 'data'));
    try {
      const answers = await later.healthUntilStarted();
      expect(answers[answers.length - 1]).toMatchObject({ status: 'ok', startup: { status: 'done' } });
      const leader = await later.signIn('leader1');
      expect(Number((await later.get('/api/v1/projects?pageSize=1', leader)).total)).toBe(projectsTotal);
    } finally {
      expect(await later.stop()).toBe(0);
    }
  });

  it('stops during the demo load without a half data set, and the next start loads the rest', async () => {
    const settings = { SHUTDOWN_TIMEOUT_SECONDS: '600' };
    const api = await Api.start(join(dir, 'data'), settings);
    await api.firstHealth();
    // stopped as soon as it answers: the demo records are (almost always) still loading
    expect(await api.stop()).toBe(0);

    const next = await Api.start(join(dir, 'data'), settings);
    try {
      const answers = await next.healthUntilStarted();
      expect(answers[answers.length - 1]).toMatchObject({ status: 'ok', startup: { status: 'done' } });
      const leader = await next.signIn('leader1');
      expect(Number((await next.get('/api/v1/projects?pageSize=1', leader)).total)).toBeGreaterThan(100);
      // every demo report is in one unbroken chain, whichever start published it
      const verified = await next.get('/api/v1/reports/verify', leader);
      expect(verified.intact).toBe(true);
    } finally {
      expect(await next.stop()).toBe(0);
    }
  });
});
