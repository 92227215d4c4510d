import { Role } from '@app/core';
import { UserEntity } from '@app/identity';
import { createUser, signedIn } from './factories/user.factory';
import { declaredRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

type Caller = 'staffB01' | 'staffB02' | 'headB01' | 'headB02' | 'leader' | 'supervisor' | 'admin';

describe('Access control', () => {
  let t: TestApp;
  const auth = {} as Record<Caller, { Authorization: string }>;
  let target: UserEntity; // a staff user of B02

  beforeAll(async () => {
    t = await createTestApp();
    const callers: [Caller, Role, string?][] = [
      ['staffB01', Role.Staff, 'B01'],
      ['staffB02', Role.Staff, 'B02'],
      ['headB01', Role.BureauHead, 'B01'],
      ['headB02', Role.BureauHead, 'B02'],
      ['leader', Role.Leader],
      ['supervisor', Role.Supervisor],
      ['admin', Role.Admin],
    ];
    for (const [name, role, bureauCode] of callers) auth[name] = (await signedIn(t, { role, bureauCode })).auth;
    target = await createUser(t, { role: Role.Staff, bureauCode: 'B02' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('every route declares who may call it (deny by default)', () => {
    const routes = declaredRoutes(t);
    expect(routes.length).toBeGreaterThan(5);
    const undeclared = routes.filter((r) => !r.isPublic && !(r.roles && r.roles.length > 0)).map((r) => r.route);
    expect(undeclared).toEqual([]);
  });

  it('only sign-in, refresh and the health checks are public', () => {
    const open = declaredRoutes(t)
      .filter((r) => r.isPublic)
      .map((r) => r.route)
      .sort();
    expect(open).toEqual([
      'GET /health',
      'GET /health/live',
      'GET /health/ready',
      'POST /auth/login',
      'POST /auth/refresh',
    ]);
  });

  const matrix: [
    string,
    (id: string) => [method: 'get' | 'post' | 'patch', url: string, body?: object],
    Record<Caller, number>,
  ][] = [
    [
      'GET /bureaus',
      () => ['get', '/api/v1/bureaus'],
      { staffB01: 200, staffB02: 200, headB01: 200, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
    ],
    [
      'GET /users',
      () => ['get', '/api/v1/users'],
      { staffB01: 200, staffB02: 200, headB01: 200, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
    ],
    [
      'GET /users/:id of a B02 user',
      (id) => ['get', `/api/v1/users/${id}`],
      { staffB01: 404, staffB02: 200, headB01: 404, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
    ],
    [
      'PATCH /users/:id of a B02 user',
      (id) => ['patch', `/api/v1/users/${id}`, { title: '招商专员' }],
      { staffB01: 403, staffB02: 403, headB01: 404, headB02: 200, leader: 403, supervisor: 403, admin: 200 },
    ],
    [
      'POST /users (a staff user of B02)',
      () => [
        'post',
        '/api/v1/users',
        {
          username: `u${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
          displayName: '新同事',
          password: 'Xinren#2026',
          role: 'staff',
          bureauCode: 'B02',
        },
      ],
      { staffB01: 403, staffB02: 403, headB01: 403, headB02: 201, leader: 403, supervisor: 403, admin: 201 },
    ],
    [
      'GET /audit',
      () => ['get', '/api/v1/audit'],
      { staffB01: 403, staffB02: 403, headB01: 403, headB02: 403, leader: 403, supervisor: 200, admin: 200 },
    ],
    [
      'GET /audit/verify',
      () => ['get', '/api/v1/audit/verify'],
      { staffB01: 403, staffB02: 403, headB01: 403, headB02: 403, leader: 403, supervisor: 200, admin: 200 },
    ],
    [
      'GET /auth/me',
      () => ['get', '/api/v1/auth/me'],
      { staffB01: 200, staffB02: 200, headB01: 200, headB02: 200, leader: 200, supervisor: 200, admin: 200 },
    ],
  ];

  describe.each(matrix)('%s', (_name, request, expected) => {
    it.each(Object.entries(expected) as [Caller, number][])('%s gets %i', async (caller, status) => {
      const [method, url, body] = request(target.id);
      const response = await t.http[method](url).set(auth[caller]).send(body);
      expect(response.status).toBe(status);
    });
  });

  it('refuses every route without a token', async () => {
    for (const route of declaredRoutes(t).filter((r) => !r.isPublic)) {
      const [method, path] = route.route.split(' ');
      const url = path === '/health' ? path : `/api/v1${path.replace(/:id/g, target.id)}`;
      const response = await t.http[method.toLowerCase() as 'get'](url);
      expect([route.route, response.status]).toEqual([route.route, 401]);
    }
  });

  it('lists only the caller\u2019s own bureau for bureau roles', async () => {
    const response = await t.http.get('/api/v1/users?pageSize=200').set(auth.staffB01).expect(200);
    const codes = new Set((response.body.items as { bureau: { code: string } | null }[]).map((u) => u.bureau?.code));
    expect([...codes]).toEqual(['B01']);
    const other = await t.http.get('/api/v1/users?bureau=B02').set(auth.headB01).expect(200);
    expect(other.body).toMatchObject({ items: [], total: 0 });
    const leader = await t.http.get('/api/v1/users?bureau=B02&pageSize=200').set(auth.leader).expect(200);
    expect(leader.body.total).toBeGreaterThanOrEqual(3);
  });

  it('lets every bureau user list the county-level leaders, who belong to no bureau', async () => {
    const response = await t.http.get('/api/v1/users?role=leader').set(auth.staffB01).expect(200);
    expect(response.body.total).toBeGreaterThanOrEqual(1);
    expect((response.body.items as { role: string }[]).every((u) => u.role === 'leader')).toBe(true);
    const admins = await t.http.get('/api/v1/users?role=admin').set(auth.staffB01).expect(200);
    expect(admins.body.total).toBe(0);
  });

  it('does not let a head create anyone but staff of the own bureau', async () => {
    const body = {
      username: 'newhead',
      displayName: '新局长',
      password: 'Xinren#2026',
      role: 'bureau_head',
      bureauCode: 'B02',
    };
    const response = await t.http.post('/api/v1/users').set(auth.headB02).send(body).expect(403);
    expect(response.body.code).toBe('ROLE_NOT_ALLOWED');
    await t.http
      .post('/api/v1/users')
      .set(auth.headB02)
      .send({ ...body, role: 'staff', bureauCode: 'B03' })
      .expect(403);
  });
});
