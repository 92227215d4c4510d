import { loadConfig } from '@app/core';
import { IdentityException } from './identity.exception';
import { PasswordHasher, Semaphore, TurnTimeout } from './password-hasher';

describe(Semaphore.name, () => {
  it('runs at most its limit at once and lets the others in, in order', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        semaphore.run(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(i);
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(semaphore.running).toBe(0);
  });
});

describe(`${Semaphore.name} with a wait`, () => {
  it('gives up a turn that does not come within the wait, leaves the queue, and passes the next turn on', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire(10);
    const late = semaphore.acquire(5);
    const patient = semaphore.acquire();
    expect(semaphore.queued).toBe(2);
    await expect(late).rejects.toBeInstanceOf(TurnTimeout);
    expect(semaphore.queued).toBe(1);
    release();
    // a second release of the same turn changes nothing
    release();
    const next = await patient;
    expect(semaphore.running).toBe(1);
    next();
    expect(semaphore.running).toBe(0);
    expect(semaphore.queued).toBe(0);
  });
});

describe(PasswordHasher.name, () => {
  it('hashes with argon2id at m=19456 KiB, t=2, p=1 and never more than PASSWORD_HASH_CONCURRENCY at once', async () => {
    const hasher = new PasswordHasher(loadConfig({ PASSWORD_HASH_CONCURRENCY: '2' }));
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, hasher.running)), 1);
    const hashes = await Promise.all(Array.from({ length: 6 }, () => hasher.hash('Ziji#Mima73')));
    clearInterval(watch);
    expect(most).toBeLessThanOrEqual(2);
    expect(most).toBeGreaterThan(0);
    const params = hashes[0].split('$')[3].split(',').sort();
    expect(hashes[0]).toMatch(/^\$argon2id\$/);
    expect(params).toEqual(['m=19456', 'p=1', 't=2']);
    await expect(hasher.verify(hashes[0], 'Ziji#Mima73')).resolves.toBe(true);
    await expect(hasher.verify(hashes[0], 'Wrong#Pass1')).resolves.toBe(false);
    // no account: checked against a decoy, never a match
    await expect(hasher.verify(null, 'Ziji#Mima73')).resolves.toBe(false);
  });
});

describe(`${PasswordHasher.name} under a burst`, () => {
  it('checks 24 passwords at once with never more than PASSWORD_HASH_CONCURRENCY argon2 operations running', async () => {
    const settings = { NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_CONCURRENCY: '3' };
    const hasher = new PasswordHasher(loadConfig(settings));
    const hash = await hasher.hash('Ziji#Mima73');
    const checks = await Promise.all(
      Array.from({ length: 24 }, (_, i) => hasher.verify(i % 4 === 3 ? null : hash, 'Ziji#Mima73')),
    );
    expect(checks).toEqual(Array.from({ length: 24 }, (_, i) => i % 4 !== 3));
    expect(hasher.mostAtOnce).toBeGreaterThan(0);
    expect(hasher.mostAtOnce).toBeLessThanOrEqual(3);
    expect(hasher.running).toBe(0);
  });

  it('refuses with SIGN_IN_BUSY (503) when no turn came within PASSWORD_HASH_WAIT_MS, and serves again after', async () => {
    const settings = {
      NODE_ENV: 'test',
      PASSWORD_HASH_MEMORY_KIB: '1024',
      PASSWORD_HASH_CONCURRENCY: '1',
      PASSWORD_HASH_WAIT_MS: '20',
    };
    const hasher = new PasswordHasher(loadConfig(settings));
    const held = await hasher.turn();
    const refused = hasher.hash('Ziji#Mima73').catch((error: unknown) => error);
    const error = await refused;
    expect(error).toBeInstanceOf(IdentityException);
    expect(error).toMatchObject({ code: 'SIGN_IN_BUSY', kind: 'unavailable' });
    held.release();
    await expect(hasher.hash('Ziji#Mima73')).resolves.toMatch(/^\$argon2id\$/);
  });
});
