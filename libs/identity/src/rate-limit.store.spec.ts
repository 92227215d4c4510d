import { loadConfig } from '@app/core';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { RateLimitStore } from './rate-limit.store';

const redisUrl = process.env.REDIS_URL;

describe(RateLimitStore.name, () => {
  const prefix = () => `rl${randomBytes(4).toString('hex')}`;

  it('counts hits in memory without Redis, and blocks past the limit', async () => {
    const store = new RateLimitStore(loadConfig({ QUEUE_PREFIX: prefix() }));
    const records = [];
    for (let i = 0; i < 4; i++) records.push(await store.increment('k', 60_000, 3, 60_000, 'default'));
    expect(records.map((r) => [r.totalHits, r.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    await store.onApplicationShutdown();
  });

  it('reserves attempts: the max-th locks, then nothing is reserved until cleared', async () => {
    const store = new RateLimitStore(loadConfig({ QUEUE_PREFIX: prefix() }));
    const reservations = await Promise.all(Array.from({ length: 8 }, () => store.reserve('a', 3, 60_000, 60_000)));
    expect(reservations.map((r) => r.attempt).sort()).toEqual([0, 0, 0, 0, 0, 1, 2, 3]);
    await store.clear('a');
    expect((await store.reserve('a', 3, 60_000, 60_000)).attempt).toBe(1);
    await store.onApplicationShutdown();
  });

  it('falls back to memory when Redis does not answer, and says so in the log', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const store = new RateLimitStore(loadConfig({ QUEUE_PREFIX: prefix(), REDIS_URL: 'redis://127.0.0.1:1' }));
    expect((await store.increment('k', 60_000, 3, 60_000, 'default')).totalHits).toBe(1);
    expect((await store.increment('k', 60_000, 3, 60_000, 'default')).totalHits).toBe(2);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Redis did not count a hit'));
    warn.mockRestore();
    await store.onApplicationShutdown();
  });

  (redisUrl ? it : it.skip)('shares its counts between processes through Redis (REDIS_URL)', async () => {
    const config = loadConfig({ QUEUE_PREFIX: prefix(), REDIS_URL: redisUrl });
    const [one, two] = [new RateLimitStore(config), new RateLimitStore(config)];
    await one.increment('ip', 60_000, 3, 60_000, 'default');
    await two.increment('ip', 60_000, 3, 60_000, 'default');
    await one.increment('ip', 60_000, 3, 60_000, 'default');
    const fourth = await two.increment('ip', 60_000, 3, 60_000, 'default');
    expect(fourth).toMatchObject({ totalHits: 4, isBlocked: true });
    const reservations = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).reserve('acct', 5, 60_000, 60_000)),
    );
    expect(reservations.filter((r) => r.attempt > 0)).toHaveLength(5);
    await one.clear('acct');
    expect((await two.reserve('acct', 5, 60_000, 60_000)).attempt).toBe(1);
    await Promise.all([one.onApplicationShutdown(), two.onApplicationShutdown()]);
  });
});
