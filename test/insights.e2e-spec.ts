import { businessDateOf, Role } from '@app/core';
import { SourcesRepository } from '@app/rankings';
import { AgreementType } from '@app/pipeline';
import { DataSource } from 'typeorm';
import { createInvestor, createLead, visitBody } from './factories/investor.factory';
import { advance, createProject, gates } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('Drilldown, funnel and rollup consistency', () => {
  let t: TestApp;
  let staff1: Auth;
  let staff2: Auth;
  let leaderId: string;
  let leader: Auth;
  let admin: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    staff1 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staff2 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
    const signedInLeader = await signedIn(t, { role: Role.Leader });
    [leaderId, leader] = [signedInLeader.user.id, signedInLeader.auth];

    // B01: two leads, two visits (one led by a county leader), a project signed, upgraded and registered, with funds
    const [a, b] = [await createInvestor(t, staff1), await createInvestor(t, staff1)];
    const leadA = await createLead(t, staff1, a.id);
    await createLead(t, staff1, b.id);
    await t.http
      .post('/api/v1/visits')
      .set(staff1)
      .send(visitBody(leadA.id, { date: '2026-11-18' }))
      .expect(201);
    await t.http
      .post('/api/v1/visits')
      .set(staff1)
      .send(visitBody(leadA.id, { date: '2026-11-20', leaderIds: [leaderId] }))
      .expect(201);
    let project = await createProject(t, staff1, a.id);
    project = await advance(t, staff1, project, {
      to: 'signed',
      deal: gates.deal({ signedDate: '2026-03-18', amount: '12500.00' }),
    });
    const upgraded = await t.http
      .post(`/api/v1/projects/${project.id}/deal`)
      .set(staff1)
      .send({
        expectedVersion: project.version,
        deal: gates.deal({ signedDate: '2026-04-02', amount: '20000.00', agreementType: AgreementType.Formal }),
      })
      .expect(200);
    project = await advance(t, staff1, upgraded.body, {
      to: 'registered',
      registration: gates.registration({ date: '2026-05-12' }),
    });
    await t.http
      .post(`/api/v1/projects/${project.id}/funds`)
      .set(staff1)
      .send({ month: '2026-05', amount: '3000.50' })
      .expect(201);
    await t.http
      .post(`/api/v1/projects/${project.id}/funds`)
      .set(staff1)
      .send({ month: '2026-06', amount: '1000.25' })
      .expect(201);

    // B02: one project negotiating
    const c = await createInvestor(t, staff2);
    const other = await createProject(t, staff2, c.id);
    await advance(t, staff2, other, { to: 'negotiating' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the rollups equal to a recount of the raw records', async () => {
    const response = await t.http
      .get('/api/v1/rankings/consistency?from=2026-01-01&to=2027-01-01')
      .set(admin)
      .expect(200);
    expect(response.body).toMatchObject({ consistent: true, differences: [] });
  });

  it('lists the records behind a figure, adding up to it exactly', async () => {
    // the leads count on the day they were registered, today in the district
    const today = businessDateOf(new Date(), 'Asia/Shanghai');
    const ranking = await t.http.get(`/api/v1/rankings?period=ytd&date=${today}`).set(staff2).expect(200);
    const b01 = ranking.body.rows.find((row: { bureau: { code: string } }) => row.bureau.code === 'B01');
    expect(b01.figures).toMatchObject({
      visits: 2,
      leaderVisits: 1,
      newLeads: 2,
      signedCount: 1,
      signedAmount: '20000.00',
      registeredCount: 1,
      fundsInPlace: '4000.75',
    });
    for (const metric of [
      'visits',
      'leaderVisits',
      'newLeads',
      'signedCount',
      'signedAmount',
      'registeredCount',
      'fundsInPlace',
    ]) {
      // the figure is public, the records behind it are for B01 and the district's readers
      const drill = await t.http
        .get(`/api/v1/rankings/drilldown?bureau=B01&metric=${metric}&period=ytd&date=${today}`)
        .set(leader)
        .expect(200);
      const expected = b01.figures[metric];
      expect([metric, drill.body.sum]).toEqual([metric, typeof expected === 'string' ? expected : `${expected}`]);
      const itemsSum = (drill.body.items as { value: string }[]).reduce(
        (sum, item) => sum + Math.round(Number(item.value) * 100),
        0,
      );
      expect([metric, itemsSum]).toEqual([metric, Math.round(Number(expected) * 100)]);
      expect(drill.body.total).toBe(drill.body.items.length);
    }
    const signed = await t.http
      .get(`/api/v1/rankings/drilldown?bureau=B01&metric=signedAmount&period=ytd&date=${today}`)
      .set(staff1)
      .expect(200);
    expect(signed.body.items[0]).toMatchObject({
      day: '2026-03-18',
      value: '20000.00',
      entity: 'project',
      detail: 'formal',
    });
    const week = await t.http
      .get('/api/v1/rankings/drilldown?bureau=B01&metric=visits&period=week&date=2026-11-20')
      .set(staff1)
      .expect(200);
    expect(week.body.items.map((i: { day: string }) => i.day)).toEqual(['2026-11-18', '2026-11-20']);
  });

  it('shows the conversion funnel with conversion rates and median days per stage', async () => {
    const response = await t.http
      .get('/api/v1/funnel?bureau=B01&from=2026-01-01&to=2027-01-01')
      .set(leader)
      .expect(200);
    expect(response.body.newLeads).toBe(2);
    const byStage = Object.fromEntries(response.body.stages.map((s: { stage: string }) => [s.stage, s]));
    expect(byStage.signed).toMatchObject({ reached: 1, label: '签约' });
    // signed 2026-03-18 (the upgrade is not a stage change), registered 2026-05-12: 55 days in 签约
    expect(byStage.signed.medianDays).toBe(55);
    expect(byStage.registered).toMatchObject({ reached: 1, conversion: 1, medianDays: null });
    const district = await t.http.get('/api/v1/funnel?from=2026-01-01&to=2027-01-01').set(leader).expect(200);
    expect(district.body.bureau).toBeNull();
    expect(district.body.stages.find((s: { stage: string }) => s.stage === 'negotiating').reached).toBe(1);
    // a bureau user asking for no bureau gets their own bureau's funnel, not the district's
    const own = await t.http.get('/api/v1/funnel?from=2026-01-01&to=2027-01-01').set(staff2).expect(200);
    expect(own.body.bureau).toMatchObject({ code: 'B02' });
    expect(own.body.stages.find((s: { stage: string }) => s.stage === 'signed').reached).toBe(0);
  });

  it('rebuilds the rollups from the records to the same figures', async () => {
    const before = await t.http.get('/api/v1/rankings?period=ytd&date=2026-11-26').set(staff1).expect(200);
    await t.get(SourcesRepository).rebuildRollups('Asia/Shanghai');
    const after = await t.http.get('/api/v1/rankings?period=ytd&date=2026-11-26').set(staff1).expect(200);
    expect(after.body.rows).toEqual(before.body.rows);
  });

  it('counts a visit by its business day in Asia/Shanghai, at the week edges', async () => {
    const staff3 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B03' })).auth;
    const lead = await createLead(t, staff3, (await createInvestor(t, staff3)).id);
    // Sunday 23:30 in Fuxin is 15:30 UTC; Monday 00:10 in Fuxin is still Sunday 16:10 UTC
    const sunday = await t.http
      .post('/api/v1/visits')
      .set(staff3)
      .send(visitBody(lead.id, { date: '2026-11-22T15:30:00Z' }))
      .expect(201);
    const monday = await t.http
      .post('/api/v1/visits')
      .set(staff3)
      .send(visitBody(lead.id, { date: '2026-11-22T16:10:00Z' }))
      .expect(201);
    expect([sunday.body.date, monday.body.date]).toEqual(['2026-11-22', '2026-11-23']);
    const figureOf = async (date: string) =>
      (await t.http.get(`/api/v1/rankings?period=week&date=${date}`).set(staff3).expect(200)).body.rows.find(
        (row: { bureau: { code: string } }) => row.bureau.code === 'B03',
      ).figures.visits;
    expect([await figureOf('2026-11-22'), await figureOf('2026-11-23')]).toEqual([1, 1]);
    await t.http
      .post('/api/v1/visits')
      .set(staff3)
      .send(visitBody(lead.id, { date: '2026-11-22T25:00:00+08:00' }))
      .expect(400);
    await t.http
      .post('/api/v1/visits')
      .set(staff3)
      .send(visitBody(lead.id, { date: '2026-11-22T10:00:00' }))
      .expect(400);
  });

  it('keeps the stage spans the funnel reads equal to what the stage events say, stage by stage', async () => {
    const db = t.get(DataSource);
    const fromEvents = `
      SELECT e.project_id, e.to_stage AS stage, e.business_date AS entered_on,
             (SELECT min(n.business_date) FROM project_stage_event n
               WHERE n.project_id = e.project_id AND n.seq > e.seq AND n.to_stage <> e.to_stage) AS left_on
        FROM project_stage_event e
       WHERE e.seq = (SELECT min(f.seq) FROM project_stage_event f
                       WHERE f.project_id = e.project_id AND f.to_stage = e.to_stage)`;
    const spans = 'SELECT project_id, stage, entered_on, left_on FROM project_stage_span';
    const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM project_stage_event`);
    expect(events).toBeGreaterThan(3);
    const [{ missing, extra, total }] = await db.query(
      `SELECT (SELECT count(*) FROM (${fromEvents} EXCEPT ${spans}) a)::int AS missing,
              (SELECT count(*) FROM (${spans} EXCEPT ${fromEvents}) b)::int AS extra,
              (SELECT count(*) FROM project_stage_span)::int AS total`,
    );
    expect({ missing, extra }).toEqual({ missing: 0, extra: 0 });
    expect(total).toBeGreaterThan(2);
    // a project that moved on has the day it left the stage it was in
    const [{ left }] = await db.query(`SELECT count(*)::int AS left FROM project_stage_span WHERE left_on IS NOT NULL`);
    expect(left).toBeGreaterThan(0);
  });

  it('refuses bad drilldown and funnel input', async () => {
    await t.http.get('/api/v1/rankings/drilldown?bureau=B01&metric=salary&period=ytd').set(staff1).expect(400);
    await t.http.get('/api/v1/rankings/drilldown?bureau=B99&metric=visits&period=ytd').set(staff1).expect(400);
    await t.http.get('/api/v1/funnel?from=2026-12-01&to=2026-01-01').set(staff1).expect(400);
    await t.http.get('/api/v1/funnel?from=2026-02-30&to=2027-01-01').set(staff1).expect(400);
    await t.http.get('/api/v1/rankings/consistency?from=2026-01-01&to=2027-01-01').set(staff1).expect(403);
  });
});
