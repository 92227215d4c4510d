import { businessDateOf, Role } from '@app/core';
import { createInvestor, createLead, visitBody } from './factories/investor.factory';
import { registeredProject } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Row = { id: string };

const ids = (body: { items: Row[] }) => body.items.map((row) => row.id).sort();

/**
 * The lists a company's page reads (its leads, projects and visits, by `investorId`), the visit list filtered to
 * one visit (`id`, the dashboard's drilldown links), and the 到位资金 drilldown's links to the funds' projects:
 * each within the reader's bureau scope.
 */
describe('Lists by company and by visit', () => {
  let t: TestApp;
  let staff1: Auth;
  let staff2: Auth;
  let head2: Auth;
  let leader: Auth;
  let investorId: string;
  let otherInvestorId: string;
  let leadId: string;
  let projectId: string;
  let leadVisit: string;
  let projectVisit: string;
  let otherVisit: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff1 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staff2 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    head2 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    investorId = (await createInvestor(t, staff1)).id;
    otherInvestorId = (await createInvestor(t, staff1)).id;
    leadId = (await createLead(t, staff1, investorId)).id;
    const otherLead = (await createLead(t, staff1, otherInvestorId)).id;
    projectId = (await registeredProject(t, staff1, investorId)).id;
    const post = (body: object) => t.http.post('/api/v1/visits').set(staff1).send(body).expect(201);
    leadVisit = (await post(visitBody(leadId))).body.id;
    const onProject = { date: '2026-11-18', kind: 'inbound', summary: '项目推进会：协调用地手续', projectId };
    projectVisit = (await post(onProject)).body.id;
    otherVisit = (await post(visitBody(otherLead))).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists only the company’s leads, projects and visits (on its leads and on its projects)', async () => {
    const leads = await t.http.get('/api/v1/leads').query({ investorId }).set(staff1).expect(200);
    expect(ids(leads.body)).toEqual([leadId]);
    const projects = await t.http.get('/api/v1/projects').query({ investorId }).set(staff1).expect(200);
    expect(ids(projects.body)).toEqual([projectId]);
    expect(projects.body.total).toBe(1);
    const visits = await t.http.get('/api/v1/visits').query({ investorId }).set(staff1).expect(200);
    expect(ids(visits.body)).toEqual([leadVisit, projectVisit].sort());
    expect(visits.body.total).toBe(2);
    const none = await t.http
      .get('/api/v1/visits')
      .query({ investorId: '00000000-0000-4000-8000-000000000000' })
      .set(staff1)
      .expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('lets a district reader filter by company across bureaus', async () => {
    for (const [path, expected] of [
      ['/api/v1/leads', [leadId]],
      ['/api/v1/projects', [projectId]],
      ['/api/v1/visits', [leadVisit, projectVisit].sort()],
    ] as const) {
      const response = await t.http.get(path).query({ investorId }).set(leader).expect(200);
      expect(ids(response.body)).toEqual(expected);
    }
  });

  it('gives another bureau nothing of the company’s records, however it filters', async () => {
    for (const auth of [staff2, head2]) {
      for (const path of ['/api/v1/leads', '/api/v1/projects', '/api/v1/visits']) {
        const plain = await t.http.get(path).query({ investorId }).set(auth).expect(200);
        expect(plain.body).toMatchObject({ items: [], total: 0 });
        const named = await t.http.get(path).query({ investorId, bureau: 'B01' }).set(auth).expect(200);
        expect(named.body).toMatchObject({ items: [], total: 0 });
      }
      const one = await t.http.get('/api/v1/visits').query({ id: leadVisit }).set(auth).expect(200);
      expect(one.body).toMatchObject({ items: [], total: 0 });
    }
  });

  it('lists one visit by its id, as the dashboard links to it', async () => {
    const one = await t.http.get('/api/v1/visits').query({ id: otherVisit }).set(staff1).expect(200);
    expect(ids(one.body)).toEqual([otherVisit]);
    const asLeader = await t.http.get('/api/v1/visits').query({ id: projectVisit }).set(leader).expect(200);
    expect(ids(asLeader.body)).toEqual([projectVisit]);
  });

  it('refuses a malformed company or visit id with a Chinese message', async () => {
    for (const [path, query] of [
      ['/api/v1/leads', { investorId: 'x' }],
      ['/api/v1/projects', { investorId: '1; DROP TABLE project' }],
      ['/api/v1/visits', { investorId: 'abc' }],
      ['/api/v1/visits', { id: '12' }],
    ] as const) {
      const response = await t.http.get(path).query(query).set(staff1).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('links each 到位资金 record of a drilldown to its project', async () => {
    const today = businessDateOf(new Date(), 'Asia/Shanghai');
    await t.http
      .post(`/api/v1/projects/${projectId}/funds`)
      .set(staff1)
      .send({ month: today.slice(0, 7), amount: '300.00' })
      .expect(201);
    const drill = await t.http
      .get('/api/v1/rankings/drilldown')
      .query({ bureau: 'B01', metric: 'fundsInPlace', period: 'ytd', date: today })
      .set(leader)
      .expect(200);
    expect(drill.body.items).toHaveLength(1);
    expect(drill.body.items[0]).toMatchObject({ entity: 'fund', link: `/api/v1/projects/${projectId}` });
    expect(Object.keys(drill.body.items[0]).sort()).toEqual(
      ['day', 'detail', 'entity', 'id', 'link', 'subject', 'value'].sort(),
    );
    const visits = await t.http
      .get('/api/v1/rankings/drilldown')
      .query({ bureau: 'B01', metric: 'visits', period: 'ytd', date: '2026-11-18' })
      .set(leader)
      .expect(200);
    expect(visits.body.items.map((item: { link: string }) => item.link).sort()).toEqual(
      [leadVisit, projectVisit, otherVisit].map((id) => `/api/v1/visits/${id}`).sort(),
    );
  });
});
