import { DemoSeeder } from '@app/demo';
import { isValidUscc } from '@app/investors';
import { login } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

describe('demo investors data set', () => {
  let t: TestApp;
  let leader: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
  });

  afterAll(async () => {
    await t.close();
  });

  it('loads a few dozen investors with valid USCCs, leads across bureaus and visits', async () => {
    const investors = await t.http.get('/api/v1/investors').query({ pageSize: 200 }).set(leader).expect(200);
    expect(investors.body.total).toBeGreaterThanOrEqual(30);
    const codes = investors.body.items.map((i: { uscc: string | null }) => i.uscc).filter(Boolean) as string[];
    expect(codes.length).toBeGreaterThan(25);
    codes.forEach((code) => expect(isValidUscc(code)).toBe(true));
    const leads = await t.http.get('/api/v1/leads').query({ pageSize: 200 }).set(leader).expect(200);
    const bureaus = new Set(leads.body.items.map((l: { bureau: { code: string } }) => l.bureau.code));
    expect(bureaus.size).toBeGreaterThanOrEqual(8);
    expect(leads.body.items.some((l: { status: string }) => l.status === 'dropped')).toBe(true);
    expect(leads.body.items.every((l: { createdAt: string }) => l.createdAt < '2026-11-21')).toBe(true);
    const visits = await t.http.get('/api/v1/visits').query({ leaderLed: 'true' }).set(leader).expect(200);
    expect(visits.body.total).toBeGreaterThan(0);
    const transfers = await t.http.get('/api/v1/lead-transfers').query({ status: 'pending' }).set(leader).expect(200);
    expect(transfers.body.total).toBe(1);
  });

  it('does not load twice', async () => {
    await expect(t.get(DemoSeeder).load()).resolves.toBe(false);
  });
});
