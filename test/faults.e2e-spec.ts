import { bodyHashOf, IdempotencyRepository, JobScheduleRepository, Role } from '@app/core';
import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { HealthMonitor } from '../apps/api/src/health/health-monitor.service';
import { createInvestor, createLead, visitBody } from './factories/investor.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';

const onServer = process.env.DATABASE_URL ? describe : describe.skip;
const onRedis = process.env.REDIS_URL ? describe : describe.skip;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 60): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

onServer('PostgreSQL stopped for a moment', () => {
  let t: TestApp;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const server = new URL(process.env.DATABASE_URL as string);
    proxy = new TcpProxy(server.hostname, Number(server.port || 5432));
    await proxy.start();
    t = await createTestApp((database) => {
      const url = new URL(database.DATABASE_URL);
      url.host = `127.0.0.1:${proxy.port}`;
      return { DATABASE_URL: url.toString(), SESSION_CACHE_SECONDS: '0' };
    });
  });

  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await t.close();
    await proxy.stop();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After, then serves again without a restart, losing no acknowledged visit', async () => {
    const staff = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    const investor = await createInvestor(t, staff.auth);
    const lead = await createLead(t, staff.auth, investor.id);
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await t.http
        .post('/api/v1/visits')
        .set(staff.auth)
        .send(visitBody(lead.id, { summary: `断线前走访 ${i}` }));
      expect(response.status).toBe(201);
      acknowledged.push(response.body.id as string);
    }

    await proxy.cut();
    const during = await Promise.all([
      t.http.get('/api/v1/visits').set(staff.auth),
      t.http
        .post('/api/v1/visits')
        .set(staff.auth)
        .send(visitBody(lead.id, { summary: '断线时走访' })),
    ]);
    for (const response of during) {
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(response.headers['retry-after']).toBe('5');
    }
    await t.get(HealthMonitor).probe();
    const health = await t.http.get('/health').expect(503);
    expect(health.body.database.status).toBe('down');
    await t.http.get('/health/ready').expect(503);
    await t.http.get('/health/live').expect(200);

    await proxy.restore();
    const after = await eventually(
      () =>
        t.http
          .post('/api/v1/visits')
          .set(staff.auth)
          .send(visitBody(lead.id, { summary: '恢复后走访' })),
      (response) => response.status === 201,
    );
    expect(after.status).toBe(201);
    acknowledged.push(after.body.id as string);
    await t.get(HealthMonitor).probe();
    await t.http.get('/health/ready').expect(200);

    const listed = await t.http.get(`/api/v1/visits?leadId=${lead.id}&pageSize=100`).set(staff.auth).expect(200);
    const ids = (listed.body.items as { id: string }[]).map((visit) => visit.id);
    expect(ids).toEqual(expect.arrayContaining(acknowledged));
  });
});

onRedis('Redis emptied under a running job process', () => {
  let t: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    t = await createTestApp({ SCHEDULES_ENABLED: 'true', RUN_JOBS_IN_API: 'true', SCHEDULE_CHECK_SECONDS: '1' });
    redis = new Redis(process.env.REDIS_URL as string);
  });

  afterAll(async () => {
    await t.close();
    const keys = await redis.keys(`${t.config.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const scheduled = async (): Promise<string[]> => {
    const prefix = t.config.QUEUE_PREFIX;
    const keys = await redis.keys(`${prefix}:*:repeat`);
    const names = await Promise.all(keys.map((key) => redis.zrange(key, 0, -1)));
    return names
      .flat()
      .map((entry) => entry.split(':')[0])
      .sort();
  };

  it('puts every schedule back within seconds, without a restart', async () => {
    // the schedules are noted in the database as the job process starts, without holding up its start
    const noted = await eventually(
      () => t.get(JobScheduleRepository).list(),
      (rows) => rows.length >= 3,
    );
    const registered = noted.map((row) => row.name).sort();
    expect(registered).toEqual(expect.arrayContaining(['AuditSealJob', 'RollupCompactionJob', 'WeeklyReportJob']));
    const before = await eventually(scheduled, (names) => names.length === registered.length);
    expect(before).toEqual(registered);

    const keys = await redis.keys(`${t.config.QUEUE_PREFIX}:*`);
    await redis.del(...keys);
    expect(await scheduled()).toEqual([]);

    const after = await eventually(scheduled, (names) => names.length === registered.length);
    expect(after).toEqual(registered);
  });
});

describe('Redis unreachable', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1', QUEUE_DRIVER: 'bull' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers /health from the background probe: degraded, never waiting on Redis', async () => {
    const monitor = t.get(HealthMonitor);
    await monitor.probe();
    const probe = jest.spyOn(monitor, 'probe');
    const health = await t.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'degraded', database: { status: 'up' }, queue: { status: 'down' } });
    await t.http.get('/health/ready').expect(200);
    expect(probe).not.toHaveBeenCalled();
  });
});

describe('an api process that dies between a commit and storing its answer', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers the retried visit with the first visit and never writes a second', async () => {
    const staff = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    const investor = await createInvestor(t, staff.auth);
    const lead = await createLead(t, staff.auth, investor.id);
    const key = `crash-${lead.id}`;
    const body = visitBody(lead.id, { summary: '提交后进程被终止' });
    // the process "dies" after the visit committed: its answer is never stored, its claim stays unsettled
    const store = jest.spyOn(t.get(IdempotencyRepository), 'complete').mockRejectedValueOnce(new Error('killed'));
    const first = await t.http.post('/api/v1/visits').set(staff.auth).set('idempotency-key', key).send(body);
    expect(first.status).toBe(201);
    expect(store).toHaveBeenCalledTimes(1);

    const soon = await t.http.post('/api/v1/visits').set(staff.auth).set('idempotency-key', key).send(body);
    expect(soon.status).toBe(201);
    expect(soon.headers['idempotent-replayed']).toBe('true');
    expect(soon.body.id).toBe(first.body.id);

    // five minutes later the claim is stale, as a dead process leaves it; the retry still finds the commit
    await t
      .get(DataSource)
      .query(`UPDATE idempotency_record SET created_at = now() - interval '10 minutes' WHERE key = $1`, [key]);
    const late = await t.http.post('/api/v1/visits').set(staff.auth).set('idempotency-key', key).send(body);
    expect(late.status).toBe(201);
    expect(late.body).toEqual(first.body);

    const listed = await t.http.get(`/api/v1/visits?leadId=${lead.id}`).set(staff.auth).expect(200);
    expect(listed.body.total).toBe(1);
  });

  it('takes over a stale claim whose request wrote nothing, and writes the visit once', async () => {
    const staff = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    const investor = await createInvestor(t, staff.auth);
    const lead = await createLead(t, staff.auth, investor.id);
    const key = `died-before-commit-${lead.id}`;
    const body = visitBody(lead.id, { summary: '提交前进程被终止' });
    await t.get(DataSource).query(
      `INSERT INTO idempotency_record (key, user_id, method, path, body_hash, request_id, created_at)
         VALUES ($1, $2, 'POST', '/api/v1/visits', $3, 'dead-request', now() - interval '10 minutes')`,
      [key, staff.user.id, bodyHashOf(body)],
    );
    const retried = await t.http.post('/api/v1/visits').set(staff.auth).set('idempotency-key', key).send(body);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const again = await t.http.post('/api/v1/visits').set(staff.auth).set('idempotency-key', key).send(body);
    expect(again.body.id).toBe(retried.body.id);
    const listed = await t.http.get(`/api/v1/visits?leadId=${lead.id}`).set(staff.auth).expect(200);
    expect(listed.body.total).toBe(1);
  });
});
