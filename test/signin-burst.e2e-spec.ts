import { PasswordHasher, UserRepository } from '@app/identity';
import { createUser, TEST_PASSWORD } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

const LOGIN = '/api/v1/auth/login';

describe('A burst of sign-ins', () => {
  let t: TestApp;
  let hasher: PasswordHasher;
  beforeAll(async () => {
    // each person signs in from an address of their own, through the trusted proxy the test client plays
    t = await createTestApp({
      TRUSTED_PROXIES: '127.0.0.1, ::1, ::ffff:127.0.0.1',
      PASSWORD_HASH_CONCURRENCY: '2',
      PASSWORD_HASH_WAIT_MS: '60000',
    });
    hasher = t.get(PasswordHasher);
  });
  afterAll(async () => {
    await t.close();
  });

  const signIn = (username: string, address: string) =>
    t.http.post(LOGIN).set('X-Forwarded-For', address).send({ username, password: TEST_PASSWORD });

  it('signs in 30 people at once, every one, with never more than PASSWORD_HASH_CONCURRENCY hashes running', async () => {
    const users = await Promise.all(Array.from({ length: 30 }, () => createUser(t)));
    const answers = await Promise.all(users.map((user, i) => signIn(user.username, `198.51.100.${i + 1}`)));
    expect(answers.map((a) => a.status)).toEqual(users.map(() => 200));
    expect(answers.every((a) => typeof a.body.accessToken === 'string')).toBe(true);
    expect(hasher.mostAtOnce).toBeGreaterThan(0);
    expect(hasher.mostAtOnce).toBeLessThanOrEqual(2);
    expect(hasher.running).toBe(0);
  });
});

describe('A sign-in that waits too long for its hashing turn', () => {
  let t: TestApp;
  let hasher: PasswordHasher;
  beforeAll(async () => {
    t = await createTestApp({ PASSWORD_HASH_CONCURRENCY: '2', PASSWORD_HASH_WAIT_MS: '50' });
    hasher = t.get(PasswordHasher);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is answered 503 SIGN_IN_BUSY with Retry-After, counts nothing against the account, and succeeds later', async () => {
    const user = await createUser(t);
    // every turn is taken (as by long checks in flight)
    const held = [await hasher.turn(), await hasher.turn()];
    const busy = await t.http.post(LOGIN).send({ username: user.username, password: TEST_PASSWORD });
    expect(busy.status).toBe(503);
    expect(busy.body).toMatchObject({ statusCode: 503, code: 'SIGN_IN_BUSY', message: '登录人数过多，请稍后重试' });
    expect(busy.headers['retry-after']).toBe('2');
    const stored = await t.get(UserRepository).findById(user.id);
    expect(stored).toMatchObject({ failedLogins: 0, lockedUntil: null });

    for (const turn of held) turn.release();
    const later = await t.http.post(LOGIN).send({ username: user.username, password: TEST_PASSWORD });
    expect(later.status).toBe(200);
  });
});
