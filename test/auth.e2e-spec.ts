import { Role } from '@app/core';
import { DataSource } from 'typeorm';
import { createUser, login, signedIn, TEST_PASSWORD } from './factories/user.factory';
import { createTestApp, TestApp, TEST_ADMIN_PASSWORD } from './support/test-app';

describe('Authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    // these tests change sessions in the database directly, so the app reads it on every request
    t = await createTestApp({ SESSION_CACHE_SECONDS: '0' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('signs in, answers /auth/me and returns the user without secrets', async () => {
    const user = await createUser(t, { role: Role.Staff, bureauCode: 'B03' });
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username.toUpperCase(), password: TEST_PASSWORD })
      .expect(200);
    expect(response.body).toMatchObject({
      expiresIn: 900,
      user: { username: user.username, role: 'staff', bureau: { code: 'B03' } },
    });
    expect(JSON.stringify(response.body)).not.toContain('passwordHash');
    const me = await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    expect(me.body.username).toBe(user.username);
  });

  it('creates the first administrator from ADMIN_PASSWORD', async () => {
    await login(t.http, 'admin', TEST_ADMIN_PASSWORD);
  });

  it('rejects a wrong password with one plain answer, and locks after five failures for 30 minutes', async () => {
    const user = await createUser(t);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: 'Wrong#Pass1' })
        .expect(401);
      expect(response.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
      expect(response.body.details).toBeUndefined();
    }
    const fifth = await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'Wrong#Pass1' })
      .expect(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    const lockedUntil = new Date(fifth.body.details.lockedUntil).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    // even the right password is refused while locked
    await t.http.post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(423);

    const admin = await login(t.http, 'admin', TEST_ADMIN_PASSWORD);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ unlock: true })
      .expect(200);
    await t.http.post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD }).expect(200);
  });

  it('resets the failure count after a successful sign-in', async () => {
    const user = await createUser(t);
    const wrong = () => t.http.post('/api/v1/auth/login').send({ username: user.username, password: 'Wrong#Pass1' });
    for (let i = 0; i < 4; i++) await wrong().expect(401);
    await login(t.http, user.username);
    for (let i = 0; i < 4; i++) await wrong().expect(401);
    await wrong().expect(423);
  });

  it('answers an unknown username like a wrong password', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'nobody_here', password: 'Whatever#1' })
      .expect(401);
    expect(response.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rotates the refresh token on use; the old one then fails and revokes the session', async () => {
    const user = await createUser(t);
    const first = await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(200);
    const second = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${second.body.accessToken}`).expect(200);

    const reused = await t.http
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(401);
    expect(reused.body.code).toBe('INVALID_REFRESH_TOKEN');
    // reuse of an old token ends the whole session: the newest tokens stop working too
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${second.body.accessToken}`).expect(401);
  });

  it('logout revokes the access and the refresh token', async () => {
    const user = await createUser(t);
    const tokens = await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(200);
    const auth = { Authorization: `Bearer ${tokens.body.accessToken}` };
    await t.http.post('/api/v1/auth/logout').set(auth).expect(204);
    await t.http.get('/api/v1/auth/me').set(auth).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.body.refreshToken }).expect(401);
  });

  it('logout-all ends every session of the user, and no one else’s', async () => {
    const user = await createUser(t);
    const other = await signedIn(t);
    const first = await t.http.post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD });
    const second = await t.http.post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD });
    const firstAuth = { Authorization: `Bearer ${first.body.accessToken}` };
    const secondAuth = { Authorization: `Bearer ${second.body.accessToken}` };
    await t.http.post('/api/v1/auth/logout-all').set(firstAuth).expect(204);
    await t.http.get('/api/v1/auth/me').set(firstAuth).expect(401);
    await t.http.get('/api/v1/auth/me').set(secondAuth).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    await t.http.get('/api/v1/auth/me').set(other.auth).expect(200);
  });

  it('ends a session idle longer than the timeout', async () => {
    const { user, auth } = await signedIn(t);
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    await t
      .get(DataSource)
      .query(`UPDATE auth_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [user.id]);
    const response = await t.http.get('/api/v1/auth/me').set(auth).expect(401);
    expect(response.body.code).toBe('SESSION_IDLE');
    // and it stays ended
    await t.http.get('/api/v1/auth/me').set(auth).expect(401);
  });

  it('refuses a tampered or missing bearer token', async () => {
    await t.http.get('/api/v1/auth/me').expect(401);
    await t.http.get('/api/v1/auth/me').set('Authorization', 'Bearer not-a-token').expect(401);
    const { auth } = await signedIn(t);
    const tampered = auth.Authorization.slice(0, -3) + 'abc';
    await t.http.get('/api/v1/auth/me').set('Authorization', tampered).expect(401);
  });

  it('stops the sessions of a disabled user at once', async () => {
    const { user, auth } = await signedIn(t);
    const admin = await login(t.http, 'admin', TEST_ADMIN_PASSWORD);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ active: false })
      .expect(200);
    await t.http.get('/api/v1/auth/me').set(auth).expect(401);
    // a disabled account answers like a wrong password, even to its right password: nothing confirms it
    const again = await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: TEST_PASSWORD })
      .expect(401);
    expect(again.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
  });

  describe('password policy', () => {
    it.each([
      ['short1A', '至少 8 位'],
      ['alllowercase', '至少三类'],
      ['lowerand123', '至少三类'],
      ['Zhangsan#2026', '不能包含用户名'],
    ])('refuses %s', async (password, problem) => {
      const admin = await login(t.http, 'admin', TEST_ADMIN_PASSWORD);
      const response = await t.http
        .post('/api/v1/users')
        .set('Authorization', `Bearer ${admin}`)
        .send({ username: 'zhangsan', displayName: '张三', password, role: 'leader' })
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toContain(problem);
    });

    it('accepts three classes of eight characters', async () => {
      const admin = await login(t.http, 'admin', TEST_ADMIN_PASSWORD);
      await t.http
        .post('/api/v1/users')
        .set('Authorization', `Bearer ${admin}`)
        .send({ username: 'lisi', displayName: '李四', password: 'Fuxin2026', role: 'leader' })
        .expect(201);
      await login(t.http, 'lisi', 'Fuxin2026');
    });
  });
});

describe('Sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 past the limit per client per minute', async () => {
    for (let i = 0; i < 3; i++)
      await t.http.post('/api/v1/auth/login').send({ username: 'x', password: 'y' }).expect(401);
    const response = await t.http.post('/api/v1/auth/login').send({ username: 'x', password: 'y' }).expect(429);
    expect(response.body.code).toBe('RATE_LIMITED');
  });
});

/** Fakes Date and performance.now only: a test moves the clock without taking over the event loop. */
describe('Authentication with the session cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SESSION_CACHE_SECONDS: '1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('ends a session at once when this process logs it out', async () => {
    const { auth } = await signedIn(t);
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    await t.http.post('/api/v1/auth/logout').set(auth).expect(204);
    await t.http.get('/api/v1/auth/me').set(auth).expect(401);
  });

  it('stops the sessions of a user this process disables at once', async () => {
    const { user, auth } = await signedIn(t);
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    const admin = await login(t.http, 'admin', TEST_ADMIN_PASSWORD);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ active: false })
      .expect(200);
    await t.http.get('/api/v1/auth/me').set(auth).expect(401);
  });

  it('honours a logout made by another process once the cache time has passed', async () => {
    const { user, auth } = await signedIn(t);
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    // what another api process does on logout
    await t.get(DataSource).query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1`, [user.id]);
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    // the cache's own second passes for real: its clock is the process's monotonic one, which a fake clock
    // installed later does not move
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await t.http.get('/api/v1/auth/me').set(auth).expect(401);
  });
});
