import { Role } from '@app/core';
import { WeeklyReportService } from '@app/reports';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Caller = 'staff' | 'head' | 'leader' | 'supervisor' | 'admin';
type Method = 'get' | 'put' | 'post';

/** Who may call each route of rankings, targets, alerts and weekly reports. */
describe('Access to rankings, targets, alerts and reports', () => {
  let t: TestApp;
  const auth = {} as Record<Caller, { Authorization: string }>;
  const targets = {
    items: [
      {
        bureauCode: 'B01',
        visits: 10,
        newLeads: 1,
        signedCount: 1,
        signedAmount: '100',
        startedCount: 1,
        fundsInPlace: '50',
      },
    ],
  };
  const weights = {
    effectiveFrom: '2099-06-01',
    weights: { visits: 10, newLeads: 0, signedCount: 20, signedAmount: 30, startedCount: 20, fundsInPlace: 20 },
  };

  beforeAll(async () => {
    t = await createTestApp();
    const roles: [Caller, Role][] = [
      ['staff', Role.Staff],
      ['head', Role.BureauHead],
      ['leader', Role.Leader],
      ['supervisor', Role.Supervisor],
      ['admin', Role.Admin],
    ];
    for (const [caller, role] of roles)
      auth[caller] = (
        await signedIn(t, { role, bureauCode: role === Role.Staff || role === Role.BureauHead ? 'B01' : undefined })
      ).auth;
    await t.get(WeeklyReportService).publishDue(new Date('2026-11-30T08:30:00+08:00'));
  });
  afterAll(async () => {
    await t.close();
  });

  const all = (status: number): Record<Caller, number> => ({
    staff: status,
    head: status,
    leader: status,
    supervisor: status,
    admin: status,
  });
  const matrix: [Method, string, object | undefined, Record<Caller, number>][] = [
    ['get', '/api/v1/rankings?period=week&date=2026-11-26', undefined, all(200)],
    ['get', '/api/v1/rankings/drilldown?bureau=B01&metric=visits&period=ytd&date=2026-11-26', undefined, all(200)],
    // another bureau's records behind its (public) figure: staff and heads are refused (FORBIDDEN_BUREAU)
    [
      'get',
      '/api/v1/rankings/drilldown?bureau=B02&metric=visits&period=ytd&date=2026-11-26',
      undefined,
      { staff: 403, head: 403, leader: 200, supervisor: 200, admin: 200 },
    ],
    [
      'get',
      '/api/v1/rankings/consistency?from=2026-01-01&to=2027-01-01',
      undefined,
      { staff: 403, head: 403, leader: 403, supervisor: 200, admin: 200 },
    ],
    ['get', '/api/v1/funnel?from=2026-01-01&to=2027-01-01', undefined, all(200)],
    [
      'get',
      '/api/v1/funnel?from=2026-01-01&to=2027-01-01&bureau=B02',
      undefined,
      { staff: 403, head: 403, leader: 200, supervisor: 200, admin: 200 },
    ],
    ['get', '/api/v1/targets?year=2026', undefined, all(200)],
    ['put', '/api/v1/targets?year=2026', targets, { staff: 403, head: 403, leader: 403, supervisor: 403, admin: 200 }],
    ['get', '/api/v1/ranking-weights', undefined, all(200)],
    ['put', '/api/v1/ranking-weights', weights, { staff: 403, head: 403, leader: 403, supervisor: 403, admin: 200 }],
    ['get', '/api/v1/alerts', undefined, all(200)],
    ['get', '/api/v1/reports/weekly', undefined, all(200)],
    ['get', '/api/v1/reports/weekly/2026-W48', undefined, all(200)],
    ['get', '/api/v1/reports/weekly/2026-W48/export?format=csv&table=ranking', undefined, all(200)],
    ['get', '/api/v1/reports/verify', undefined, { staff: 403, head: 403, leader: 200, supervisor: 200, admin: 200 }],
    [
      'post',
      '/api/v1/reports/weekly/2026-W48/generate',
      undefined,
      { staff: 403, head: 403, leader: 201, supervisor: 403, admin: 201 },
    ],
  ];

  describe.each(matrix)('%s %s', (method, url, body, expected) => {
    it.each(Object.entries(expected) as [Caller, number][])('%s gets %i', async (caller, status) => {
      const response = await t.http[method](url).set(auth[caller]).send(body);
      expect(response.status).toBe(status);
    });
    it('refuses a caller without a token', async () => {
      await t.http[method](url).send(body).expect(401);
    });
  });
});
