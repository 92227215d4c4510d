import { Role } from '@app/core';
import { hashPassword, PasswordHasher, UserRepository } from '@app/identity';
import { DataSource } from 'typeorm';
import { createUser, login, signedIn, TEST_PASSWORD } from './factories/user.factory';
import { createTestApp, TestApp, TEST_ADMIN_PASSWORD } from './support/test-app';

const LOGIN = '/api/v1/auth/login';
const WRONG = 'Wrong#Pass1';

/** Audit rows of one action about one user, with the address they recorded. */
async function auditRows(t: TestApp, action: string, entityId: string): Promise<{ ip: string }[]> {
  return t.get(DataSource).query(`SELECT ip FROM audit_entry WHERE action = $1 AND entity_id = $2`, [action, entityId]);
}

/** The parts of a failed sign-in's answer a caller can compare. */
function shapeOf(response: { status: number; body: Record<string, unknown> }) {
  const { requestId: _requestId, ...body } = response.body;
  return { status: response.status, body };
}

describe('Client address: X-Forwarded-For without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('still throttles 429 when every request forges another X-Forwarded-For, and audits the real address', async () => {
    const user = await createUser(t);
    for (let i = 1; i <= 3; i++) {
      await t.http
        .post(LOGIN)
        .set('X-Forwarded-For', `203.0.113.${i}`)
        .send({ username: user.username, password: WRONG })
        .expect(401);
    }
    const fourth = await t.http
      .post(LOGIN)
      .set('X-Forwarded-For', '203.0.113.4')
      .send({ username: user.username, password: WRONG })
      .expect(429);
    expect(fourth.body.code).toBe('RATE_LIMITED');
    const rows = await auditRows(t, 'auth.login_failed', user.id);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.ip).toMatch(/127\.0\.0\.1/);
  });

  it('keeps a plain client request id and replaces one that is too long or has other characters', async () => {
    const plain = await t.http.get('/health').set('X-Request-Id', 'abc-123_x.y').expect(200);
    expect(plain.headers['x-request-id']).toBe('abc-123_x.y');
    for (const bad of ['a'.repeat(65), 'evil\u00e9id', 'two words', '<script>']) {
      const response = await t.http.get('/health').set('X-Request-Id', bad).expect(200);
      expect(response.headers['x-request-id']).not.toBe(bad);
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('sends no HSTS when a client claims X-Forwarded-Proto: https itself', async () => {
    const response = await t.http.get('/health').set('X-Forwarded-Proto', 'https').expect(200);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('Sign-in attacks (behind a trusted proxy at 127.0.0.1)', () => {
  let t: TestApp;
  let hasher: PasswordHasher;
  beforeAll(async () => {
    // the test client is the trusted proxy, so X-Forwarded-For plays the client's address
    // production's argon2 cost: the re-hash and the equal work of every refusal are checked at it
    t = await createTestApp({ TRUSTED_PROXIES: '127.0.0.1, ::1, ::ffff:127.0.0.1', PASSWORD_HASH_MEMORY_KIB: '19456' });
    hasher = t.get(PasswordHasher);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const from = (address: string, username: string, password: string) =>
    t.http.post(LOGIN).set('X-Forwarded-For', address).send({ username, password });

  it('records the address a trusted proxy names', async () => {
    const user = await createUser(t);
    await from('198.51.100.7', user.username, WRONG).expect(401);
    expect(await auditRows(t, 'auth.login_failed', user.id)).toEqual([{ ip: '198.51.100.7' }]);
  });

  it('checks at most LOGIN_MAX_FAILURES of 30 parallel guesses, and refuses the right one after the lock', async () => {
    const user = await createUser(t);
    const checks = jest.spyOn(hasher, 'verify');
    const wrong = Array.from({ length: 29 }, (_, i) => from('198.51.100.30', user.username, `Wrong#Pass${i}`));
    // the right guess goes out while the wrong ones are still being checked
    const right = new Promise((resolve) => setTimeout(resolve, 30)).then(() =>
      from('198.51.100.30', user.username, TEST_PASSWORD),
    );
    const answers = await Promise.all([...wrong, right]);
    expect(checks.mock.calls.length).toBeLessThanOrEqual(t.config.LOGIN_MAX_FAILURES);
    expect(await auditRows(t, 'auth.login_failed', user.id)).toHaveLength(t.config.LOGIN_MAX_FAILURES);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(0);
    expect(answers.filter((a) => a.status === 423).length).toBeGreaterThanOrEqual(30 - t.config.LOGIN_MAX_FAILURES + 1);
    expect(answers[29].status).toBe(423);
  });

  it('answers unknown, disabled and wrong-password usernames alike, after the same argon2 work', async () => {
    const wrongPassword = await createUser(t);
    const disabled = await createUser(t);
    await t.get(UserRepository).update(disabled.id, { active: false });
    const unknown = `nobody_${Date.now()}`;
    const checks = jest.spyOn(hasher, 'verify');
    const cases = [
      [wrongPassword.username, WRONG],
      [disabled.username, TEST_PASSWORD], // the right password of a disabled account confirms nothing
      [disabled.username, WRONG],
      [unknown, WRONG],
    ];
    const answers = [];
    for (const [username, password] of cases) answers.push(shapeOf(await from('198.51.100.40', username, password)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({
      status: 401,
      body: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' },
    });
    expect(checks).toHaveBeenCalledTimes(cases.length);

    // and each locks alike on the fifth failure (one failed above): a lockout does not tell that an account exists
    const fifths = [];
    for (const username of [wrongPassword.username, unknown]) {
      for (let i = 0; i < 3; i++) {
        await from('198.51.100.41', username, WRONG).expect(401);
      }
      const fifth = await from('198.51.100.41', username, WRONG);
      fifths.push({ status: fifth.status, code: fifth.body.code, keys: Object.keys(fifth.body.details ?? {}) });
    }
    expect(fifths).toEqual([
      { status: 423, code: 'ACCOUNT_LOCKED', keys: ['lockedUntil'] },
      { status: 423, code: 'ACCOUNT_LOCKED', keys: ['lockedUntil'] },
    ]);
  });

  it('does not lock an administrator out of an address they signed in from by anonymous failures elsewhere', async () => {
    const admin = await createUser(t, { role: Role.Admin });
    await from('192.0.2.10', admin.username, TEST_PASSWORD).expect(200);
    for (let i = 0; i < 4; i++) await from('203.0.113.66', admin.username, WRONG).expect(401);
    await from('203.0.113.67', admin.username, WRONG).expect(423);
    // locked for new addresses, even with the right password…
    await from('203.0.113.68', admin.username, TEST_PASSWORD).expect(423);
    // …but not from the address the administrator signed in from before
    await from('192.0.2.10', admin.username, TEST_PASSWORD).expect(200);
    const lockouts = await t
      .get(DataSource)
      .query(`SELECT after FROM audit_entry WHERE action = 'auth.lockout' AND entity_id = $1`, [admin.id]);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0].after).toMatchObject({ scope: 'account', address: '203.0.113.67' });

    // an administrator unlocks the account for new addresses too
    const other = await login(t.http, 'admin', TEST_ADMIN_PASSWORD);
    await t.http
      .patch(`/api/v1/users/${admin.id}`)
      .set('Authorization', `Bearer ${other}`)
      .send({ unlock: true })
      .expect(200);
    await from('203.0.113.68', admin.username, TEST_PASSWORD).expect(200);
  });

  it('limits guesses from a known address with a count of its own', async () => {
    const user = await createUser(t);
    await from('192.0.2.20', user.username, TEST_PASSWORD).expect(200);
    for (let i = 0; i < 4; i++) await from('192.0.2.20', user.username, WRONG).expect(401);
    const fifth = await from('192.0.2.20', user.username, WRONG).expect(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    await from('192.0.2.20', user.username, TEST_PASSWORD).expect(423);
    // the account itself is not locked: a new address may still try
    await from('192.0.2.21', user.username, TEST_PASSWORD).expect(200);
    // and an administrator's unlock frees the known address too
    const admin = await login(t.http, 'admin', TEST_ADMIN_PASSWORD);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ unlock: true })
      .expect(200);
    await from('192.0.2.20', user.username, TEST_PASSWORD).expect(200);
  });

  it('re-hashes a password stored with older argon2 parameters at the next sign-in', async () => {
    const user = await createUser(t);
    const argon2 = await import('argon2');
    const old = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 65536, timeCost: 3 });
    await t.get(UserRepository).update(user.id, { passwordHash: old });
    await from('192.0.2.30', user.username, TEST_PASSWORD).expect(200);
    const stored = (await t.get(UserRepository).findById(user.id))!.passwordHash;
    expect(stored).toMatch(/^\$argon2id\$v=19\$/);
    expect(stored.split('$')[3].split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
  });
});

describe('Password change and forced change', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = { Authorization: `Bearer ${await login(t.http, 'admin', TEST_ADMIN_PASSWORD)}` };
  });
  afterAll(async () => {
    await t.close();
  });

  it('changes the own password with the old one, ends the other sessions and keeps this one', async () => {
    const { user, auth } = await signedIn(t);
    const other = { Authorization: `Bearer ${await login(t.http, user.username)}` };
    await t.http
      .post('/api/v1/auth/password')
      .set(auth)
      .send({ oldPassword: TEST_PASSWORD, newPassword: 'Xinmima#Fx82' })
      .expect(204);
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    await t.http.get('/api/v1/auth/me').set(other).expect(401);
    await t.http.post(LOGIN).send({ username: user.username, password: TEST_PASSWORD }).expect(401);
    await login(t.http, user.username, 'Xinmima#Fx82');
    const audit = await auditRows(t, 'auth.password_change', user.id);
    expect(audit).toHaveLength(1);
  });

  it('refuses a wrong old password and a new one the policy refuses, naming the field', async () => {
    const { auth } = await signedIn(t);
    const wrongOld = await t.http
      .post('/api/v1/auth/password')
      .set(auth)
      .send({ oldPassword: WRONG, newPassword: 'Xinmima#Fx82' })
      .expect(400);
    expect(wrongOld.body).toMatchObject({ code: 'WRONG_PASSWORD', details: [{ field: 'oldPassword' }] });
    const weak = await t.http
      .post('/api/v1/auth/password')
      .set(auth)
      .send({ oldPassword: TEST_PASSWORD, newPassword: 'Qwer1234!' })
      .expect(400);
    expect(weak.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'newPassword' }] });
    expect(weak.body.message).toContain('键盘');
    await t.http
      .post('/api/v1/auth/password')
      .set(auth)
      .send({ oldPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
      .expect(400);
  });

  it.each([
    ['P@ssw0rd', '常见'],
    ['P@ssw0rd#Fx', '常见单词'],
    ['Password@2026', '常见'],
    ['Qwer1234!', '键盘'],
    ['1qaz@WSX', '键盘'],
    ['Haizhou@2026', '演示账号'],
    ['haizhou#2027X', '演示账号'],
    ['Admin@123', '常见'],
    ['Woaini@1314', '常见'],
  ])('refuses the common password %s when an administrator sets it', async (password, problem) => {
    const response = await t.http
      .post('/api/v1/users')
      .set(admin)
      .send({ username: `weak${Date.now()}`, displayName: '王五', password, role: 'leader' })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toContain(problem);
  });

  it('makes an account created by an administrator change its password before anything else', async () => {
    const created = await t.http
      .post('/api/v1/users')
      .set(admin)
      .send({ username: `new${Date.now()}`, displayName: '赵六', password: 'Chushi#Mm58', role: 'leader' })
      .expect(201);
    expect(created.body.mustChangePassword).toBe(true);
    const signIn = await t.http
      .post(LOGIN)
      .send({ username: created.body.username, password: 'Chushi#Mm58' })
      .expect(200);
    expect(signIn.body.user.mustChangePassword).toBe(true);
    const auth = { Authorization: `Bearer ${signIn.body.accessToken}` };
    const refused = await t.http.get('/api/v1/investors').set(auth).expect(403);
    expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    await t.http
      .post('/api/v1/auth/password')
      .set(auth)
      .send({ oldPassword: 'Chushi#Mm58', newPassword: 'Ziji#Mima73' })
      .expect(204);
    await t.http.get('/api/v1/investors').set(auth).expect(200);

    // a reset by an administrator asks for a change again
    await t.http.patch(`/api/v1/users/${created.body.id}`).set(admin).send({ password: 'Chongzhi#Mm64' }).expect(200);
    const again = await t.http
      .post(LOGIN)
      .send({ username: created.body.username, password: 'Chongzhi#Mm64' })
      .expect(200);
    expect(again.body.user.mustChangePassword).toBe(true);
  });
});

describe('Headers and /docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUSTED_PROXIES: '127.0.0.1, ::1, ::ffff:127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends Cache-Control: no-store on sign-in answers, contacts, exports and other API answers', async () => {
    const signIn = await t.http.post(LOGIN).send({ username: 'admin', password: TEST_ADMIN_PASSWORD }).expect(200);
    expect(signIn.headers['cache-control']).toBe('no-store');
    const failed = await t.http.post(LOGIN).send({ username: 'admin', password: WRONG }).expect(401);
    expect(failed.headers['cache-control']).toBe('no-store');
    const { auth } = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    const investor = await t.http
      .post('/api/v1/investors')
      .set(auth)
      .send({ name: `阜新缓存测试${Date.now()}有限公司`, industry: '氟化工' })
      .expect(201);
    const contacts = await t.http.get(`/api/v1/investors/${investor.body.id}/contacts`).set(auth).expect(200);
    expect(contacts.headers['cache-control']).toBe('no-store');
    const template = await t.http.get('/api/v1/imports/leads/template').set(auth).expect(200);
    expect(template.headers['cache-control']).toBe('no-store');
    const missing = await t.http.get('/api/v1/no-such-route').set(auth).expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS only when the request came over HTTPS through the trusted proxy', async () => {
    const plain = await t.http.get('/health').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const https = await t.http.get('/health').set('X-Forwarded-Proto', 'https').expect(200);
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('shows no demo password on /docs, which is served outside production', async () => {
    const document = await t.http.get('/docs/openapi.json').expect(200);
    const text = JSON.stringify(document.body);
    expect(text).not.toMatch(/haizhou@2026/i);
    expect(document.body.components.schemas.LoginDto.properties.password.example).toBe('请输入密码');
    await t.http.get('/docs').expect((response) => expect([200, 301, 302]).toContain(response.status));
  });
});

describe('In production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('hides /docs and /docs/openapi.json (DOCS_PUBLIC defaults to false)', async () => {
    await t.http.get('/docs').expect(404);
    await t.http.get('/docs/openapi.json').expect(404);
  });

  it('makes a demo account signing in with the demo password change it first', async () => {
    const user = await createUser(t);
    await t.get(UserRepository).update(user.id, { passwordHash: await hashPassword('Haizhou@2026'), isDemo: true });
    const signIn = await t.http.post(LOGIN).send({ username: user.username, password: 'Haizhou@2026' }).expect(200);
    expect(signIn.body.user.mustChangePassword).toBe(true);
    const auth = { Authorization: `Bearer ${signIn.body.accessToken}` };
    const refused = await t.http.get('/api/v1/investors').set(auth).expect(403);
    expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

(process.env.REDIS_URL ? describe : describe.skip)('Sign-in rate limit across api processes (REDIS_URL)', () => {
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    // two api processes of one installation: the same Redis and key prefix
    const shared = { LOGIN_RATE_LIMIT_PER_MINUTE: '3', QUEUE_PREFIX: `rl${Date.now()}` };
    one = await createTestApp(shared);
    two = await createTestApp(shared);
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('counts the sign-ins of an address in Redis, so spreading them over processes gets no more', async () => {
    await one.http.post(LOGIN).send({ username: 'x_user', password: WRONG }).expect(401);
    await two.http.post(LOGIN).send({ username: 'x_user', password: WRONG }).expect(401);
    await one.http.post(LOGIN).send({ username: 'x_user', password: WRONG }).expect(401);
    const fourth = await two.http.post(LOGIN).send({ username: 'x_user', password: WRONG }).expect(429);
    expect(fourth.body.code).toBe('RATE_LIMITED');
  });
});
