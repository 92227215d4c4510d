import { BusinessClock } from '@app/core';
import { DemoSeeder } from '@app/demo';
import { isValidUscc } from '@app/investors';
import { DataSource } from 'typeorm';
import { login } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

describe('demo investors data set', () => {
  let t: TestApp;
  let leader: { Authorization: string };
  let today: string;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
    today = t.get(BusinessClock).today();
    db = t.get(DataSource);
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('loads hundreds of companies with valid USCCs, leads across every bureau and visits', async () => {
    const investors = await t.http.get('/api/v1/investors').query({ pageSize: 200 }).set(leader).expect(200);
    expect(investors.body.total).toBeGreaterThanOrEqual(300);
    const codes = investors.body.items.map((i: { uscc: string | null }) => i.uscc).filter(Boolean) as string[];
    expect(codes.length).toBe(200);
    codes.forEach((code) => expect(isValidUscc(code)).toBe(true));
    const leads = await t.http.get('/api/v1/leads').query({ pageSize: 200 }).set(leader).expect(200);
    expect(leads.body.total).toBeGreaterThanOrEqual(300);
    const bureaus = await db.query(`SELECT DISTINCT bureau_id FROM lead`);
    expect(bureaus).toHaveLength(10);
    const dropped = await t.http.get('/api/v1/leads').query({ status: 'dropped' }).set(leader).expect(200);
    expect(dropped.body.total).toBeGreaterThan(0);
    const visits = await t.http.get('/api/v1/visits').query({ leaderLed: 'true' }).set(leader).expect(200);
    expect(visits.body.total).toBeGreaterThan(0);
    const transfers = await t.http.get('/api/v1/lead-transfers').query({ status: 'pending' }).set(leader).expect(200);
    expect(transfers.body.total).toBe(1);
  });

  it('dates every lead and visit between 2000-01-01 and today, follow-ups not before their visit', async () => {
    const [leads]: { bad: number }[] = await db.query(
      `SELECT count(*)::int AS bad FROM lead l JOIN investor i ON i.id = l.investor_id
        WHERE (l.created_at AT TIME ZONE 'Asia/Shanghai')::date NOT BETWEEN '2000-01-01' AND $1::date
           OR (i.created_at AT TIME ZONE 'Asia/Shanghai')::date > (l.created_at AT TIME ZONE 'Asia/Shanghai')::date
           OR (l.closed_at AT TIME ZONE 'Asia/Shanghai')::date NOT BETWEEN (l.created_at AT TIME ZONE 'Asia/Shanghai')::date AND $1::date
           OR l.last_contact_at > $1::date
           OR (l.status <> 'open' AND l.closed_at IS NULL)`,
      [today],
    );
    expect(leads.bad).toBe(0);
    const [visits]: { bad: number; total: number }[] = await db.query(
      `SELECT count(*) FILTER (WHERE v.date NOT BETWEEN '2000-01-01' AND $1::date
                                 OR v.next_follow_up_at < v.date
                                 OR v.date < (l.created_at AT TIME ZONE 'Asia/Shanghai')::date
                                 OR v.date > COALESCE((l.closed_at AT TIME ZONE 'Asia/Shanghai')::date, $1::date))::int AS bad,
              count(*)::int AS total
         FROM visit v JOIN lead l ON l.id = v.lead_id`,
      [today],
    );
    expect(visits.total).toBeGreaterThan(1000);
    expect(visits.bad).toBe(0);
    const [follow]: { bad: number }[] = await db.query(
      `SELECT count(*)::int AS bad FROM lead WHERE next_follow_up_at < last_contact_at`,
    );
    expect(follow.bad).toBe(0);
  });

  it('spreads the visits over the year, more in spring and autumn', async () => {
    const rows: { month: number; visits: number }[] = await db.query(
      `SELECT extract(month FROM date)::int AS month, count(*)::int AS visits FROM visit
        WHERE date > $1::date - 365 GROUP BY 1`,
      [today],
    );
    const of = (months: number[]) => months.reduce((n, m) => n + (rows.find((r) => r.month === m)?.visits ?? 0), 0);
    expect(rows).toHaveLength(12);
    expect(of([4, 5, 9, 11])).toBeGreaterThan(of([1, 2, 7, 8]) * 1.3);
  });

  it('does not load twice', async () => {
    await expect(t.get(DemoSeeder).load()).resolves.toBe(false);
  });
});
