import { Role } from '@app/core';
import { VisitKind } from '@app/investors';
import { DataSource } from 'typeorm';
import { createInvestor, createLead, randomCompanyName, visitBody } from './factories/investor.factory';
import { advance, createProject } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Item = { id: string; [field: string]: unknown };

/**
 * The lists and drilldowns read their page and their total by separate queries, each shaped for an index (issue
 * 19): the page keeps its order, ties included, and the total counts exactly the rows the filters select, in the
 * reader's bureau only.
 */
describe('List reads: order, totals and filters', () => {
  let t: TestApp;
  let db: DataSource;
  let staff1: Auth;
  let staff2: Auth;
  let leader: Auth;
  let leaderId: string;
  const industry = '稀土永磁';
  const investors: { id: string; name: string; uscc: string | null; core: string }[] = [];
  const leads: { id: string }[] = [];
  const projects: { id: string }[] = [];

  const ids = (body: { items: Item[] }) => body.items.map((item) => item.id);

  beforeAll(async () => {
    t = await createTestApp();
    db = t.get(DataSource);
    staff1 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staff2 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    const signedInLeader = await signedIn(t, { role: Role.Leader });
    [leaderId, leader] = [signedInLeader.user.id, signedInLeader.auth];

    // three B01 companies of one industry, one of another; a lead and a project for each of the three
    for (let n = 0; n < 3; n++) {
      const name = randomCompanyName();
      const investor = await createInvestor(t, staff1, { name, industry });
      investors.push({ ...investor, core: name.slice(2, 6) });
      leads.push(await createLead(t, staff1, investor.id));
      projects.push(await createProject(t, staff1, investor.id, { name: `年产${n + 1}万吨钕铁硼磁材项目` }));
    }
    await createInvestor(t, staff1);
    // the second and third company registered at the same moment, the first later: ties are broken by id
    await db.query(`UPDATE investor SET created_at = '2026-10-01T02:00:00Z' WHERE id = ANY($1)`, [
      [investors[1].id, investors[2].id],
    ]);
    await db.query(`UPDATE investor SET created_at = '2026-10-02T02:00:00Z' WHERE id = $1`, [investors[0].id]);
    // every project last changed at the same moment
    await db.query(`UPDATE project SET updated_at = '2026-10-03T02:00:00Z' WHERE id = ANY($1)`, [
      projects.map((p) => p.id),
    ]);

    // visits on the first lead: two calls (one led by a county leader) and one outbound, in one week
    for (const [date, kind, leaderIds] of [
      ['2026-11-17', VisitKind.Call, []],
      ['2026-11-18', VisitKind.Call, [leaderId]],
      ['2026-11-18', VisitKind.Outbound, []],
    ] as [string, VisitKind, string[]][]) {
      await t.http
        .post('/api/v1/visits')
        .set(staff1)
        .send(visitBody(leads[0].id, { date, kind, leaderIds }))
        .expect(201);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists investors newest first with ties by id, and counts exactly what the filters select', async () => {
    const byIndustry = await t.http
      .get(`/api/v1/investors?industry=${encodeURIComponent(industry)}`)
      .set(staff2)
      .expect(200);
    const tied = [investors[1].id, investors[2].id].sort();
    expect(byIndustry.body.total).toBe(3);
    expect(ids(byIndustry.body)).toEqual([investors[0].id, ...tied]);

    const byName = await t.http
      .get(`/api/v1/investors?q=${encodeURIComponent(investors[1].core)}`)
      .set(staff1)
      .expect(200);
    expect(byName.body).toMatchObject({ total: 1 });
    expect(ids(byName.body)).toEqual([investors[1].id]);

    const byUscc = await t.http.get(`/api/v1/investors?q=${investors[2].uscc}`).set(staff1).expect(200);
    expect(byUscc.body).toMatchObject({ total: 1 });
    expect(ids(byUscc.body)).toEqual([investors[2].id]);

    const paged = await t.http
      .get(`/api/v1/investors?industry=${encodeURIComponent(industry)}&pageSize=1&page=2`)
      .set(staff1)
      .expect(200);
    expect(paged.body.total).toBe(3);
    expect(ids(paged.body)).toEqual([tied[0]]);

    const byNameOrder = await t.http
      .get(`/api/v1/investors?industry=${encodeURIComponent(industry)}&sort=name`)
      .set(staff1)
      .expect(200);
    expect(byNameOrder.body.items.map((i: { name: string }) => i.name)).toEqual(
      investors.map((i) => i.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });

  it('searches Chinese text as it is and Latin letters in either case', async () => {
    const name = randomCompanyName('Hfc科技有限公司');
    const latin = await createInvestor(t, staff1, { name });
    for (const q of ['hFC科技', 'HFC', name.slice(2, 6)]) {
      const found = await t.http
        .get(`/api/v1/investors?q=${encodeURIComponent(q)}`)
        .set(staff1)
        .expect(200);
      expect([q, found.body.total, ids(found.body)]).toEqual([q, 1, [latin.id]]);
    }
    // every visit's summary tells of 扩产 (the factory's), in B01 only
    const visits = await t.http
      .get(`/api/v1/visits?q=${encodeURIComponent('扩产')}`)
      .set(staff1)
      .expect(200);
    expect(visits.body.total).toBe(3);
    const otherBureau = await t.http
      .get(`/api/v1/visits?q=${encodeURIComponent('有意扩产电子级')}`)
      .set(staff2)
      .expect(200);
    expect(otherBureau.body).toMatchObject({ total: 0, items: [] });
  });

  it("counts leads by status and by their company's name, in the reader's bureau only", async () => {
    const open = await t.http.get('/api/v1/leads?status=open').set(staff1).expect(200);
    expect(open.body.total).toBe(3);
    expect(open.body.items).toHaveLength(3);

    const byName = await t.http
      .get(`/api/v1/leads?q=${encodeURIComponent(investors[2].core)}`)
      .set(staff1)
      .expect(200);
    expect(byName.body).toMatchObject({ total: 1 });
    expect(ids(byName.body)).toEqual([leads[2].id]);

    const otherBureau = await t.http
      .get(`/api/v1/leads?q=${encodeURIComponent(investors[2].core)}`)
      .set(staff2)
      .expect(200);
    expect(otherBureau.body).toMatchObject({ total: 0, items: [] });
  });

  it("lists projects last changed first with ties by id, and finds them by their own or their company's name", async () => {
    const all = await t.http.get('/api/v1/projects?stage=reserve&pageSize=50').set(staff1).expect(200);
    expect(all.body.total).toBe(3);
    expect(ids(all.body)).toEqual(projects.map((p) => p.id).sort());

    const byCompany = await t.http
      .get(`/api/v1/projects?q=${encodeURIComponent(investors[0].core)}`)
      .set(staff1)
      .expect(200);
    expect(byCompany.body).toMatchObject({ total: 1 });
    expect(ids(byCompany.body)).toEqual([projects[0].id]);

    const byOwnName = await t.http
      .get(`/api/v1/projects?q=${encodeURIComponent('钕铁硼')}`)
      .set(staff1)
      .expect(200);
    expect(byOwnName.body.total).toBe(3);

    const second = await t.http
      .get(`/api/v1/projects?q=${encodeURIComponent('2万吨钕铁硼')}`)
      .set(staff1)
      .expect(200);
    expect(ids(second.body)).toEqual([projects[1].id]);

    for (const path of [
      `/api/v1/projects?q=${encodeURIComponent(investors[0].core)}`,
      `/api/v1/projects?q=${encodeURIComponent('钕铁硼')}`,
      '/api/v1/projects?stage=reserve',
    ]) {
      const otherBureau = await t.http.get(path).set(staff2).expect(200);
      expect([path, otherBureau.body.total, otherBureau.body.items]).toEqual([path, 0, []]);
    }
  });

  it('counts visits of one kind, newest first, in the reader’s bureau only', async () => {
    const calls = await t.http.get('/api/v1/visits?kind=call').set(staff1).expect(200);
    expect(calls.body.total).toBe(2);
    expect(calls.body.items.map((v: { kind: string; date: string }) => [v.kind, v.date])).toEqual([
      ['call', '2026-11-18'],
      ['call', '2026-11-17'],
    ]);
    const otherBureau = await t.http.get('/api/v1/visits?kind=call').set(staff2).expect(200);
    expect(otherBureau.body).toMatchObject({ total: 0, items: [] });
  });

  it('drills down to the visits behind a figure by day and id, with their total and sum', async () => {
    const visits = await t.http
      .get('/api/v1/rankings/drilldown?bureau=B01&metric=visits&period=week&date=2026-11-18')
      .set(leader)
      .expect(200);
    expect(visits.body).toMatchObject({ total: 3, sum: '3' });
    const days = visits.body.items.map((i: { day: string }) => i.day);
    expect(days).toEqual(['2026-11-17', '2026-11-18', '2026-11-18']);
    const sameDay = visits.body.items.slice(1).map((i: Item) => i.id);
    expect(sameDay).toEqual([...sameDay].sort());

    const page = await t.http
      .get('/api/v1/rankings/drilldown?bureau=B01&metric=visits&period=week&date=2026-11-18&pageSize=1&page=3')
      .set(staff1)
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, sum: '3' });
    expect(ids(page.body)).toEqual([sameDay[1]]);

    const led = await t.http
      .get('/api/v1/rankings/drilldown?bureau=B01&metric=leaderVisits&period=week&date=2026-11-18')
      .set(leader)
      .expect(200);
    expect(led.body).toMatchObject({ total: 1, sum: '1' });
    expect(led.body.items.map((i: { day: string; detail: string }) => [i.day, i.detail])).toEqual([
      ['2026-11-18', 'call'],
    ]);

    await t.http
      .get('/api/v1/rankings/drilldown?bureau=B01&metric=visits&period=week&date=2026-11-18')
      .set(staff2)
      .expect(403);
  });

  it("counts a bureau's funnel from its own stage spans, which follow the project's bureau", async () => {
    const funnel = async (bureau: string) => {
      const response = await t.http
        .get(`/api/v1/funnel?bureau=${bureau}&from=2026-01-01&to=2027-01-01`)
        .set(leader)
        .expect(200);
      return Object.fromEntries(
        response.body.stages.map((s: { stage: string; reached: number }) => [s.stage, s.reached]),
      ) as Record<string, number>;
    };
    const investor = await createInvestor(t, staff1);
    const project = await createProject(t, staff1, investor.id);
    await advance(t, staff1, project, { to: 'negotiating' });
    expect((await funnel('B01')).negotiating).toBe(1);
    expect((await funnel('B02')).negotiating).toBe(0);

    // should a project ever move to another bureau, its spans move with it
    await db.query(`UPDATE project SET bureau_id = (SELECT id FROM bureau WHERE code = 'B02') WHERE id = $1`, [
      project.id,
    ]);
    expect((await funnel('B01')).negotiating).toBe(0);
    expect((await funnel('B02')).negotiating).toBe(1);
  });

  it('ranks each period on the weights in force on its last day, read once for both periods', async () => {
    const admin = (await signedIn(t, { role: Role.Admin })).auth;
    await t.http
      .put('/api/v1/ranking-weights')
      .set(admin)
      .send({
        effectiveFrom: '2099-01-05',
        weights: { visits: 100, newLeads: 0, signedCount: 0, signedAmount: 0, startedCount: 0, fundsInPlace: 0 },
      })
      .expect(200);
    const week = async (date: string) =>
      (await t.http.get(`/api/v1/rankings?period=week&date=${date}`).set(staff1).expect(200)).body;
    // the week of 2099-01-05 (a Monday) ranks on the new weights, the week before on the first ones
    expect((await week('2099-01-07')).weights).toMatchObject({ effectiveFrom: '2099-01-05', visits: 100 });
    expect((await week('2099-01-04')).weights).toMatchObject({ effectiveFrom: '2000-01-01', signedAmount: 30 });
  });
});
