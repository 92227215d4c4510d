import { LRUCache } from 'lru-cache';
import { AppConfig } from '@app/core';
import { Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** An attempt reserved before a password is checked: its number, and whether reaching it locked the key. */
export interface Reservation {
  /** 0 when the key is locked and nothing was reserved. */
  attempt: number;
  /** Set when locked (already, or by this attempt, the last one allowed). */
  lockedUntil: Date | null;
}

/** Counts hits in a window: KEYS[1] the counter; ARGV[1] the window in ms. Returns hits and ms left. */
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }`;

/**
 * Reserves an attempt: KEYS[1] the counter, KEYS[2] the lock; ARGV max, lock ms, window ms. A locked key
 * reserves nothing ({0, ms left}); the attempt that reaches max locks the key and starts the count again.
 */
const RESERVE = `
local locked = redis.call('PTTL', KEYS[2])
if locked > 0 then return { 0, locked } end
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if n >= tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
  return { n, tonumber(ARGV[2]) }
end
return { n, 0 }`;

/** Entries the in-memory store keeps at most; past this, the least recently used go (an expired one is unused). */
const MEMORY_LIMIT = 100_000;

/**
 * Counters of the sign-in rate limits and the lockouts that are not an account's own: in Redis when REDIS_URL
 * is set, so that every api process counts the same hits; in this process's memory otherwise, and whenever
 * Redis does not answer (a limit per process is better than none). Serves @nestjs/throttler as its storage.
 */
@Injectable()
export class RateLimitStore implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimitStore');
  private readonly redis?: Redis;
  private readonly prefix: string;
  private readonly memory = new LRUCache<string, { count: number; expiresAt: number; lockedUntil: number }>({
    max: MEMORY_LIMIT,
  });
  private lastWarnedAt = 0;

  constructor(config: AppConfig) {
    this.prefix = `${config.QUEUE_PREFIX}:rl:`;
    if (config.REDIS_URL) {
      // while Redis is away a command gives up within half a second and the memory answers instead; at the stop a
      // connection that never came up closes within 0.1 s (ioredis's 2 s would hold the process after the rest)
      this.redis = new Redis(config.REDIS_URL, {
        maxRetriesPerRequest: 1,
        commandTimeout: 500,
        disconnectTimeout: 100,
      });
      this.redis.on('error', () => undefined);
    }
  }

  /** @nestjs/throttler's contract: one more hit on `key` in a window of `ttl` ms. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration?: number,
    _throttlerName?: string,
  ): Promise<ThrottlerStorageRecord> {
    const { hits, msLeft } = await this.hit(`t:${key}`, ttl);
    const blocked = hits > limit;
    const seconds = Math.max(1, Math.ceil(msLeft / 1000));
    return { totalHits: hits, timeToExpire: seconds, isBlocked: blocked, timeToBlockExpire: blocked ? seconds : 0 };
  }

  /** One more hit on `key` in a window of `windowMs`: the hits so far and the time left in the window. */
  async hit(key: string, windowMs: number): Promise<{ hits: number; msLeft: number }> {
    const redis = await this.tryRedis<[number, number]>((r) => r.eval(HIT, 1, this.prefix + key, windowMs));
    if (redis) return { hits: Number(redis[0]), msLeft: Math.max(0, Number(redis[1])) };
    const now = Date.now();
    const entry = this.entry(key, now, windowMs);
    entry.count += 1;
    return { hits: entry.count, msLeft: entry.expiresAt - now };
  }

  /**
   * Reserves one attempt under `key` before a password is checked (atomic: concurrent callers get distinct
   * numbers): refused while locked; the `max`-th attempt locks the key for `lockMs`. Unused counts fade
   * after `windowMs`.
   */
  async reserve(key: string, max: number, lockMs: number, windowMs: number): Promise<Reservation> {
    const count = this.prefix + key;
    const lock = `${count}:lock`;
    const redis = await this.tryRedis<[number, number]>((r) => r.eval(RESERVE, 2, count, lock, max, lockMs, windowMs));
    const now = Date.now();
    if (redis) {
      const [attempt, lockMsLeft] = redis.map(Number);
      return { attempt, lockedUntil: lockMsLeft > 0 ? new Date(now + lockMsLeft) : null };
    }
    const entry = this.entry(key, now, windowMs);
    if (entry.lockedUntil > now) return { attempt: 0, lockedUntil: new Date(entry.lockedUntil) };
    entry.count += 1;
    entry.expiresAt = Math.max(entry.expiresAt, now + windowMs);
    const attempt = entry.count;
    if (attempt < max) return { attempt, lockedUntil: null };
    entry.count = 0;
    entry.lockedUntil = now + lockMs;
    entry.expiresAt = Math.max(entry.expiresAt, entry.lockedUntil);
    return { attempt, lockedUntil: new Date(entry.lockedUntil) };
  }

  /** Forgets the count and lock of `key` (a successful sign-in). */
  async clear(key: string): Promise<void> {
    this.memory.delete(key);
    await this.tryRedis((r) => r.del(this.prefix + key, `${this.prefix}${key}:lock`));
  }

  /** Forgets every count and lock whose key starts with `prefix` (an administrator's unlock). */
  async clearPrefix(prefix: string): Promise<void> {
    for (const key of [...this.memory.keys()]) if (key.startsWith(prefix)) this.memory.delete(key);
    await this.tryRedis(async (redis) => {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}${prefix}*`, 'COUNT', 200);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }

  private async tryRedis<T>(command: (redis: Redis) => Promise<unknown>): Promise<T | null> {
    if (!this.redis) return null;
    try {
      return (await command(this.redis)) as T;
    } catch (error) {
      if (Date.now() - this.lastWarnedAt > 30_000) {
        this.lastWarnedAt = Date.now();
        this.logger.warn(`Redis did not count a hit (${(error as Error).message}); counting in this process`);
      }
      return null;
    }
  }

  private entry(key: string, now: number, windowMs: number) {
    let entry = this.memory.get(key);
    if (entry && entry.expiresAt <= now && entry.lockedUntil <= now) {
      this.memory.delete(key);
      entry = undefined;
    }
    if (!entry) {
      entry = { count: 0, expiresAt: now + windowMs, lockedUntil: 0 };
      this.memory.set(key, entry);
    }
    return entry;
  }
}

/** One RateLimitStore for the throttler and the sign-in lockouts alike. */
@Module({ providers: [RateLimitStore], exports: [RateLimitStore] })
export class RateLimitModule {}
