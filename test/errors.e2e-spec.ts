import { Role } from '@app/core';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

describe('Error shape', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await signedIn(t, { role: Role.Admin })).auth;
  });
  afterAll(async () => {
    await t.close();
  });

  const expectShape = (body: Record<string, unknown>, statusCode: number, code: string) => {
    expect(body).toMatchObject({ statusCode, code });
    expect(typeof body.message).toBe('string');
    expect(typeof body.requestId).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/\bat \S+\.(ts|js):\d+/); // no stack trace
  };

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"username": "a",')
      .expect(400);
    expectShape(response.body, 400, 'MALFORMED_JSON');
  });

  it('names unknown fields', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'a', password: 'b', isAdmin: true })
      .expect(400);
    expectShape(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'isAdmin' })]));
  });

  it('names fields of the wrong type', async () => {
    const response = await t.http
      .post('/api/v1/users')
      .set(admin)
      .send({ username: 123, displayName: ['x'], password: true, role: 'emperor' })
      .expect(400);
    expectShape(response.body, 400, 'VALIDATION_FAILED');
    const fields = (response.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['displayName', 'password', 'role', 'username']);
  });

  it('refuses huge strings and bodies without a 500', async () => {
    const long = 'x'.repeat(10_000);
    await t.http.post('/api/v1/auth/login').send({ username: long, password: long }).expect(400);
    const huge = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ username: 'a', password: 'y'.repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expectShape(huge.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a malformed id with 400 and an unknown one with 404', async () => {
    const bad = await t.http.get('/api/v1/users/not-a-uuid').set(admin).expect(400);
    expectShape(bad.body, 400, 'VALIDATION_FAILED');
    const missing = await t.http.get('/api/v1/users/00000000-0000-4000-8000-000000000000').set(admin).expect(404);
    expectShape(missing.body, 404, 'NOT_FOUND');
  });

  it('answers an unknown route and a bad query value in the same shape', async () => {
    const route = await t.http.get('/api/v1/nowhere').set(admin).expect(404);
    expectShape(route.body, 404, 'NOT_FOUND');
    const query = await t.http.get('/api/v1/users?page=-1&pageSize=abc').set(admin).expect(400);
    expectShape(query.body, 400, 'VALIDATION_FAILED');
  });

  it('keeps a client request id and echoes it', async () => {
    const response = await t.http.get('/health').set('x-request-id', 'abc-123').expect(200);
    expect(response.headers['x-request-id']).toBe('abc-123');
  });

  it('sends security headers', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
