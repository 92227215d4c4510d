import { AppConfig, ARGON2_MIN_MEMORY_KIB } from '@app/core';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with `memoryKib` of memory (PASSWORD_HASH_MEMORY_KIB), 2 passes, 1 lane. */
export function argon2Options(memoryKib: number) {
  return { type: argon2.argon2id, memoryCost: memoryKib, timeCost: 2, parallelism: 1 } as const;
}

/**
 * argon2id at OWASP's minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane (m=19456 KiB, t=2, p=1).
 * Hashes made with other parameters (the library's 64 MiB default of earlier versions) still verify and are
 * re-made with the configured ones at the next sign-in.
 */
export const ARGON2_OPTIONS = argon2Options(ARGON2_MIN_MEMORY_KIB);

/** A hash for seeds, tests and start-up, outside the request path (not bounded by PASSWORD_HASH_CONCURRENCY). */
export function hashPassword(password: string, options = ARGON2_OPTIONS): Promise<string> {
  return argon2.hash(password, options);
}

/** Gives out at most `limit` turns at once; the others wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }

  /** Operations running now (for tests). */
  get running(): number {
    return this.active;
  }
}

/**
 * Hashes and checks passwords in the request path, at most PASSWORD_HASH_CONCURRENCY at once per process: each
 * argon2 operation takes 19 MiB, so a burst of sign-ins waits its turn instead of growing memory without bound.
 */
@Injectable()
export class PasswordHasher {
  private readonly turns: Semaphore;
  private readonly options: ReturnType<typeof argon2Options>;
  /** Checked when there is no account, so that an unknown username costs the same work as a wrong password. */
  private decoy?: Promise<string>;

  constructor(config: AppConfig) {
    this.turns = new Semaphore(config.PASSWORD_HASH_CONCURRENCY);
    this.options = argon2Options(config.PASSWORD_HASH_MEMORY_KIB);
  }

  hash(password: string): Promise<string> {
    return this.turns.run(() => argon2.hash(password, this.options));
  }

  /** Whether the password matches; a null hash (no account) is checked against a decoy and never matches. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    const against = hash ?? (await (this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.options)));
    const matches = await this.turns.run(async () => {
      try {
        return await argon2.verify(against, password);
      } catch {
        return false;
      }
    });
    return hash !== null && matches;
  }

  /** Whether a stored hash was made with other parameters than today's. */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options);
    } catch {
      return false;
    }
  }

  get running(): number {
    return this.turns.running;
  }
}

/** A check outside the request path (scripts, tests). */
export async function verifyPasswordUnbounded(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
