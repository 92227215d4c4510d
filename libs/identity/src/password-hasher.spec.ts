import { loadConfig } from '@app/core';
import { PasswordHasher, Semaphore } from './password-hasher';

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
