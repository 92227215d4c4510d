import { AlertService } from '@app/alerts';
import { Role } from '@app/core';
import { createInvestor, createLead, followUpDueSince, visitBody } from './factories/investor.factory';
import { advance, createProject, gates } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Alert = {
  kind: string;
  level: string;
  subject: string;
  overdue: number;
  since: string;
  bureau: { code: string };
  link: string;
};

describe('Alerts (督查红黄灯)', () => {
  let t: TestApp;
  let staff1: Auth;
  let staff2: Auth;
  let leader: Auth;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    staff1 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staff2 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;

    const lead = async (key: string, overrides: Record<string, unknown> = {}, visitDate?: string) => {
      const investor = await createInvestor(t, staff1);
      names[key] = investor.name;
      const created = await createLead(t, staff1, investor.id, overrides);
      if (visitDate) {
        await t.http
          .post('/api/v1/visits')
          .set(staff1)
          .send(visitBody(created.id, { date: visitDate, nextFollowUpAt: '2026-12-20' }))
          .expect(201);
      }
      return { ...investor, leadId: created.id };
    };
    await lead('idleRed', {}, '2026-09-20'); // 67 days before 2026-11-26
    await lead('idleYellow', {}, '2026-10-20'); // 37 days
    await lead('fresh', {}, '2026-11-20');
    await followUpDueSince(t, (await lead('overdue')).leadId, '2026-11-20');

    const project = async (key: string, overrides: Record<string, unknown> = {}) => {
      const investor = await createInvestor(t, staff1);
      const created = await createProject(t, staff1, investor.id, { name: `${key}项目`, ...overrides });
      names[key] = created.name as string;
      return created;
    };
    await advance(t, staff1, await project('signedLong'), {
      to: 'signed',
      deal: gates.deal({ signedDate: '2026-03-18' }),
    });
    await advance(t, staff1, await project('registeredLong'), {
      to: 'registered',
      deal: gates.deal({ signedDate: '2026-03-18' }),
      registration: gates.registration({ date: '2026-05-12' }),
    });
    await project('startLate', { plannedStartMonth: '2026-10' });
    await project('startVeryLate', { plannedStartMonth: '2026-07' });
    await project('startLater', { plannedStartMonth: '2027-02' });

    expect(await t.get(AlertService).compute('2026-11-26')).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t.close();
  });

  const alertsOf = async (auth: Auth, query = '') =>
    (await t.http.get(`/api/v1/alerts?pageSize=200${query}`).set(auth).expect(200)).body as {
      items: Alert[];
      counts: { red: number; yellow: number };
      computedOn: string;
    };

  it('lights each rule with its level, overdue days and link', async () => {
    const { items, computedOn } = await alertsOf(leader);
    expect(computedOn).toBe('2026-11-26');
    const find = (kind: string, key: string) => items.find((a) => a.kind === kind && a.subject === names[key]);
    expect(find('lead_idle', 'idleRed')).toMatchObject({
      level: 'red',
      overdue: 67,
      since: '2026-09-20',
      bureau: { code: 'B01' },
    });
    expect(find('lead_idle', 'idleYellow')).toMatchObject({ level: 'yellow', overdue: 37 });
    expect(find('lead_idle', 'fresh')).toBeUndefined();
    expect(find('follow_up_overdue', 'overdue')).toMatchObject({ level: 'yellow', overdue: 6, since: '2026-11-20' });
    expect(find('signed_not_registered', 'signedLong')).toMatchObject({ level: 'red', overdue: 253 });
    expect(find('registered_not_started', 'registeredLong')).toMatchObject({ level: 'red', overdue: 198 });
    expect(find('start_month_missed', 'startLate')).toMatchObject({ level: 'yellow', overdue: 1 });
    expect(find('start_month_missed', 'startVeryLate')).toMatchObject({ level: 'red', overdue: 4 });
    expect(items.some((a) => a.subject === names.startLater)).toBe(false);
    expect(find('lead_idle', 'idleRed')!.link).toMatch(/^\/api\/v1\/leads\/[0-9a-f-]{36}$/);
    // red first
    expect(items.findIndex((a) => a.level === 'yellow')).toBeGreaterThan(
      items.filter((a) => a.level === 'red').length - 1,
    );
  });

  it('filters by level and bureau, and keeps bureau users to their own bureau', async () => {
    const reds = await alertsOf(leader, '&level=red');
    expect(reds.items.every((a) => a.level === 'red')).toBe(true);
    expect(reds.counts.red).toBe(reds.items.length);
    expect((await alertsOf(staff1)).items.length).toBeGreaterThan(0);
    expect((await alertsOf(staff2)).items).toEqual([]);
    expect((await alertsOf(staff2, '&bureau=B01')).items).toEqual([]);
    expect((await alertsOf(leader, '&bureau=B02')).items).toEqual([]);
  });

  it('recomputes from scratch: a visit turns a light off', async () => {
    const lead = (await t.http.get('/api/v1/leads?pageSize=200').set(staff1).expect(200)).body.items.find(
      (l: { investor: { name: string } }) => l.investor.name === names.idleRed,
    );
    await t.http
      .post('/api/v1/visits')
      .set(staff1)
      .send(visitBody(lead.id, { date: '2026-11-25', nextFollowUpAt: '2026-12-20' }))
      .expect(201);
    await t.get(AlertService).compute('2026-11-26');
    const { items } = await alertsOf(leader);
    expect(items.some((a) => a.kind === 'lead_idle' && a.subject === names.idleRed)).toBe(false);
  });

  it('answers bad filters with 400', async () => {
    await t.http.get('/api/v1/alerts?level=green').set(leader).expect(400);
    await t.http.get('/api/v1/alerts?bureau=X1').set(leader).expect(400);
    await t.http.get('/api/v1/alerts?kind=late').set(leader).expect(400);
  });
});
