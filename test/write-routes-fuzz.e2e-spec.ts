import { Role } from '@app/core';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { AgreementType } from '@app/pipeline';
import { createInvestor, createLead, investorBody, leadBody, visitBody } from './factories/investor.factory';
import { createProject, gates, projectBody } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { declaredRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Body = Record<string, unknown>;

/** Values a client can send where a DTO expects something else: each of the causes of a 500 found so far among them. */
const odd: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    [[]],
    [null],
    {},
    [],
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udc00x',
    '２０２６－１１－１８',
    '１２５００．００',
    '2099-12-31',
    '1900-01-01',
    '2026-02-30',
    '2026-11-29T23:30:00+08:00',
    '-1',
    '1e308',
    'NaN',
    '__proto__',
    'x'.repeat(5000),
    -1,
    0,
    1e308,
    2 ** 53,
    true,
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Values that each brought a route to a 500 before: NUL, a lone surrogate, null, a list in a list, deep nesting. */
const KNOWN_CAUSES: unknown[] = ['a\u0000b', '\ud800', null, [[]]];
const DEEP = JSON.parse('['.repeat(50) + ']'.repeat(50)) as unknown;

/** Paths of a body's fields, those of its nested objects and of a list's first item included. */
function fieldPaths(body: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (body === null || typeof body !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(body)
    ? body.slice(0, 1).map((item) => [0, item])
    : Object.entries(body as Body);
  return entries.flatMap(([key, value]) => [[...prefix, key], ...fieldPaths(value, [...prefix, key])]);
}

function withValue(body: Body, path: (string | number)[], value: unknown): Body {
  const copy = structuredClone(body);
  let at = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

/** A body: any JSON value, or a valid one with up to three fields replaced or added. */
function bodies(valid: Body): fc.Arbitrary<unknown> {
  const keys = [...Object.keys(valid), 'extra', 'constructor'];
  const mutated = fc.array(fc.tuple(fc.constantFrom(...keys), odd), { minLength: 1, maxLength: 3 }).map((changes) => {
    const body: Body = { ...valid };
    for (const [key, value] of changes) body[key] = value;
    return body;
  });
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) });
}

describe('write routes under fuzzing', () => {
  let t: TestApp;
  let staff: Auth;
  let admin: Auth;
  const ids: Record<string, string> = {};
  const valid: Record<string, Body> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const staffUser = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    staff = staffUser.auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
    const investor = await createInvestor(t, staff);
    const lead = await createLead(t, staff, investor.id);
    const visit = await t.http.post('/api/v1/visits').set(staff).send(visitBody(lead.id)).expect(201);
    const project = await createProject(t, staff, investor.id);
    const contact = await t.http
      .post(`/api/v1/investors/${investor.id}/contacts`)
      .set(staff)
      .send({ name: '李经理', title: '投资总监' })
      .expect(201);
    Object.assign(ids, {
      investor: investor.id,
      lead: lead.id,
      visit: visit.body.id,
      project: project.id,
      contact: contact.body.id,
      user: staffUser.user.id,
    });
    const other = await createInvestor(t, staff);
    Object.assign(valid, {
      'POST /auth/login': { username: 'nobody', password: 'Zhaoshang#2026' },
      'POST /auth/refresh': { refreshToken: 'x' },
      'POST /users': {
        username: 'fuzzer',
        displayName: '测试',
        password: 'Zhaoshang#2026',
        role: 'staff',
        bureauCode: 'B01',
      },
      'PATCH /users/:id': { displayName: '测试二' },
      'POST /investors': investorBody(),
      'PATCH /investors/:id': { industry: '新能源' },
      'POST /investors/:id/contacts': { name: '王会计', phone: '0418-1234567' },
      'PATCH /investors/:id/contacts/:contactId': { title: null, wechat: 'w_1' },
      'POST /leads': leadBody(other.id),
      'PATCH /leads/:id': { note: '已提供用地需求' },
      'POST /leads/:id/drop': { reason: '企业投资计划取消' },
      'POST /leads/:id/transfers': { toBureauCode: 'B02', reason: '企业落户意向在二局辖区' },
      'POST /leads/:id/convert': projectBody(investor.id),
      'POST /visits': visitBody(lead.id),
      'PATCH /visits/:id': { summary: '企业确认来阜考察时间', nextFollowUpAt: '2026-12-08' },
      'POST /projects': projectBody(investor.id),
      'PATCH /projects/:id': { expectedVersion: project.version, name: '扩建项目' },
      'POST /projects/:id/stage': { expectedVersion: project.version, to: 'signed', deal: gates.deal() },
      'POST /projects/:id/deal': {
        expectedVersion: project.version,
        deal: gates.deal({ agreementType: AgreementType.Formal }),
      },
      'POST /projects/:id/funds': { month: '2026-10', amount: '1.00' },
      'PUT /targets': {
        items: [
          {
            bureauCode: 'B01',
            visits: 1,
            newLeads: 1,
            signedCount: 1,
            signedAmount: '1.00',
            startedCount: 1,
            fundsInPlace: '1.00',
          },
        ],
      },
      'PUT /ranking-weights': { effectiveFrom: '2099-01-01', weights: {} },
      'PUT /projects/:id/milestones': {
        expectedVersion: 0,
        nodes: [{ key: 'procedure:land', plannedDate: '2026-12-01', actualDate: '2026-11-02' }],
      },
      'POST /admin/milestone-procedures': { code: 'env_assessment', name: '环评批复', sortOrder: 25 },
      'PATCH /admin/milestone-procedures/:id': { name: '环评批复', active: false },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  function url(route: string): string {
    const path = route.split(' ')[1];
    const filled = path
      .replace(/^\/visits\/:id/, `/visits/${ids.visit}`)
      .replace(/^\/leads\/:id/, `/leads/${ids.lead}`)
      .replace(/^\/investors\/:id/, `/investors/${ids.investor}`)
      .replace(':contactId', ids.contact)
      .replace(/^\/projects\/:id/, `/projects/${ids.project}`)
      .replace(/^\/users\/:id/, `/users/${ids.user}`)
      .replace(':week', '2026-W48')
      .replace(/:[A-Za-z]+/g, () => randomUUID());
    return `/api/v1${path === '/targets' ? `${filled}?year=2026` : filled}`;
  }

  function writeRoutes(): string[] {
    return declaredRoutes(t)
      .map((r) => r.route)
      .filter((route) => /^(POST|PUT|PATCH) /.test(route))
      .sort();
  }

  it('knows the write routes it fuzzes', () => {
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(routes).toEqual(
      expect.arrayContaining(['POST /visits', 'PUT /targets', 'PATCH /leads/:id', 'POST /auth/login']),
    );
  });

  /** Who calls which routes: the unauthenticated reach only the guard and sign-in; an admin what staff may not. */
  const ADMIN_ONLY = /^(POST|PUT|PATCH) \/(targets|ranking-weights|users|reports|admin)/;
  const callers: [string, () => Record<string, string>, (route: string) => boolean, number][] = [
    ['unauthenticated', () => ({}), () => true, 4],
    // signing out would end the session the rest of the run uses
    ['a staff user', () => staff, (route) => route !== 'POST /auth/logout' && !ADMIN_ONLY.test(route), 12],
    ['an administrator', () => admin, (route) => ADMIN_ONLY.test(route), 12],
  ];

  /** A route's valid body and its fields; the unauthenticated get the known causes as the whole body only. */
  function corpus(route: string, caller: string): [(string | number)[], unknown][] {
    const body = valid[route] ?? {};
    const paths = caller === 'unauthenticated' ? [] : [...fieldPaths(body), ['extra']];
    const whole: [(string | number)[], unknown][] = [[[], DEEP]];
    return whole.concat(
      KNOWN_CAUSES.flatMap((value) => [
        [[] as (string | number)[], value] as [(string | number)[], unknown],
        ...paths.map((path) => [path, value] as [(string | number)[], unknown]),
      ]),
    );
  }

  it.each(callers)(
    'answers no 5xx to a known cause of a 500 in any field of any write route, %s',
    async (caller, auth, calls) => {
      for (const route of writeRoutes().filter(calls)) {
        const method = route.split(' ')[0].toLowerCase() as 'post' | 'put' | 'patch';
        for (const [path, value] of corpus(route, caller)) {
          const body = path.length === 0 ? value : withValue(valid[route] ?? {}, path, value);
          const response = await t.http[method](url(route))
            .set(auth())
            .set('content-type', 'application/json')
            .send(JSON.stringify(body));
          expect({ route, path, value, status: response.status < 500 ? 'below 500' : response.text }).toEqual({
            route,
            path,
            value,
            status: 'below 500',
          });
        }
      }
    },
  );

  it.each(callers)('answers no 5xx to any body on any write route, %s', async (_, auth, calls, runs) => {
    for (const route of writeRoutes().filter(calls)) {
      const method = route.split(' ')[0].toLowerCase() as 'post' | 'put' | 'patch';
      await fc.assert(
        fc.asyncProperty(bodies(valid[route] ?? {}), async (body) => {
          const response = await t.http[method](url(route))
            .set(auth())
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? 'null');
          if (response.status >= 500) {
            throw new Error(`${route} answered ${response.status} ${response.text.slice(0, 300)}`);
          }
        }),
        { numRuns: runs, seed: 20261201, endOnFailure: true },
      );
    }
  });
});
