import { addDays, BusinessClock } from '@app/core';
import { login } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

interface Request {
  id: string;
  status: string;
  overdue: boolean;
  satisfaction: string | null;
  resolvedOnTime: boolean | null;
  bureau: { code: string };
  version: number;
}

describe('demo enterprise requests data set', () => {
  let t: TestApp;
  let leader: Auth;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
    today = t.get(BusinessClock).today();
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  it('loads requests across bureaus in every state, each with the events of its steps', async () => {
    const list = await t.http.get('/api/v1/service-requests?pageSize=200').set(leader).expect(200);
    const items = list.body.items as Request[];
    expect(items.length).toBeGreaterThanOrEqual(6);
    expect(new Set(items.map((r) => r.status))).toEqual(new Set(['received', 'routed', 'resolved', 'closed']));
    expect(new Set(items.map((r) => r.bureau.code)).size).toBeGreaterThan(1);
    expect(items.some((r) => r.overdue)).toBe(true);
    expect(items.some((r) => r.satisfaction === 'unsatisfied' && r.resolvedOnTime === false)).toBe(true);
    for (const request of items) {
      const detail = await t.http.get(`/api/v1/service-requests/${request.id}`).set(leader).expect(200);
      // one event per step: the version counts them
      expect(detail.body.events).toHaveLength(request.version);
      for (const event of detail.body.events as { businessDate: string }[]) {
        expect(event.businessDate <= today).toBe(true);
      }
    }
  });

  it('shows them in the figures beside the ranking', async () => {
    // one demo request is closed by its 回访 ten days ago: the year to that day counts it whatever today is
    const date = addDays(today, -10);
    const figures = await t.http
      .get(`/api/v1/service-requests/figures?period=ytd&date=${date}`)
      .set(leader)
      .expect(200);
    expect(figures.body.district.closed).toBeGreaterThanOrEqual(1);
  });
});
