import { AppConfig, ARGON2_MIN_MEMORY_KIB } from '@app/core';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { IdentityException, IdentityExceptionCode as Code } from './identity.exception';

/** The answer when no hashing turn came in time: the server is busy, nothing was checked or counted. */
const SIGN_IN_BUSY_MESSAGE = '登录人数过多，请稍后重试';

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

/** A turn that did not come within the wait allowed. */
export class TurnTimeout extends Error {
  constructor() {
    super('no turn within the wait allowed');
  }
}

/** Gives out at most `limit` turns at once; the others wait in order, each at most as long as it allows. */
export class Semaphore {
  private active = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(private readonly limit: number) {}

  /**
   * Waits for a turn and returns its release (to be called once). With `waitMs`, a turn that has not come by
   * then is given up: the promise rejects with TurnTimeout and the caller leaves the queue.
   */
  acquire(waitMs?: number): Promise<() => void> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          if (timer) clearTimeout(timer);
          resolve(this.releaser());
        },
      };
      const timer =
        waitMs === undefined
          ? undefined
          : setTimeout(() => {
              const index = this.waiting.indexOf(entry);
              if (index >= 0) this.waiting.splice(index, 1);
              reject(new TurnTimeout());
            }, waitMs).unref();
      this.waiting.push(entry);
    });
  }

  async run<T>(work: () => Promise<T>, waitMs?: number): Promise<T> {
    const release = await this.acquire(waitMs);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Turns held now. */
  get running(): number {
    return this.active;
  }

  /** Callers waiting for a turn now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** The turn passes to the first in line, or is given back. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.active -= 1;
    };
  }
}

/** A turn at the password hashing, held from `PasswordHasher.turn()` until `release()` (once; later calls do nothing). */
export interface HashingTurn {
  release(): void;
}

/**
 * Hashes and checks passwords in the request path, at most PASSWORD_HASH_CONCURRENCY at once per process: each
 * argon2 operation takes PASSWORD_HASH_MEMORY_KIB (19 MiB), so a burst of sign-ins waits its turn instead of
 * growing memory without bound. A turn that has not come within PASSWORD_HASH_WAIT_MS is refused with a 503
 * (SIGN_IN_BUSY). A caller may take a turn first (`turn()`, so that a refusal comes before anything was counted
 * against the account) and hash and check within it.
 */
@Injectable()
export class PasswordHasher {
  private readonly turns: Semaphore;
  private readonly options: ReturnType<typeof argon2Options>;
  private readonly waitMs: number;
  /** Checked when there is no account, so that an unknown username costs the same work as a wrong password. */
  private decoy?: Promise<string>;
  private inFlight = 0;
  private most = 0;

  constructor(config: AppConfig) {
    this.turns = new Semaphore(config.PASSWORD_HASH_CONCURRENCY);
    this.options = argon2Options(config.PASSWORD_HASH_MEMORY_KIB);
    this.waitMs = config.PASSWORD_HASH_WAIT_MS;
  }

  /** Waits for a turn; throws IdentityException SIGN_IN_BUSY (503) when none came within PASSWORD_HASH_WAIT_MS. */
  async turn(): Promise<HashingTurn> {
    try {
      return { release: await this.turns.acquire(this.waitMs) };
    } catch (error) {
      if (error instanceof TurnTimeout) throw new IdentityException(Code.SignInBusy, SIGN_IN_BUSY_MESSAGE);
      throw error;
    }
  }

  /** A hash of the password, within the caller's turn or a turn of its own. */
  async hash(password: string, within?: HashingTurn): Promise<string> {
    return this.within(within, () => this.counted(() => argon2.hash(password, this.options)));
  }

  /**
   * Whether the password matches, within the caller's turn or a turn of its own; a null hash (no account) is
   * checked against a decoy and never matches.
   */
  async verify(hash: string | null, password: string, within?: HashingTurn): Promise<boolean> {
    return this.within(within, async () => {
      // the decoy is made once per process, within the first turn that needs it
      const against =
        hash ??
        (await (this.decoy ??= this.counted(() => hashPassword(randomBytes(16).toString('hex'), this.options))));
      const matches = await this.counted(async () => {
        try {
          return await argon2.verify(against, password);
        } catch {
          return false;
        }
      });
      return hash !== null && matches;
    });
  }

  /** Whether a stored hash was made with other parameters than today's. */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, this.options);
    } catch {
      return false;
    }
  }

  /** Turns held now. */
  get running(): number {
    return this.turns.running;
  }

  /** The most argon2 operations this process has had running at once (counted around each one). */
  get mostAtOnce(): number {
    return this.most;
  }

  private async within<T>(turn: HashingTurn | undefined, work: () => Promise<T>): Promise<T> {
    if (turn) return work();
    const own = await this.turn();
    try {
      return await work();
    } finally {
      own.release();
    }
  }

  private async counted<T>(operation: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    this.most = Math.max(this.most, this.inFlight);
    try {
      return await operation();
    } finally {
      this.inFlight -= 1;
    }
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
