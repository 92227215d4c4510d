import { Role } from '@app/core';
import { createInvestor } from './factories/investor.factory';
import { createProject } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('Visits filed under a project', () => {
  let t: TestApp;
  let staff1: Auth;
  let staff2: Auth;
  let projectId: string;
  const visit = (overrides: Record<string, unknown>) => ({
    date: '2026-11-17',
    kind: 'inbound',
    place: '海州区政府会议室',
    summary: '项目推进会：协调用地手续与电力接入',
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp();
    staff1 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staff2 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    projectId = (await createProject(t, staff1, (await createInvestor(t, staff1)).id)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs a visit on a project, shows it in the timeline and counts it for the bureau', async () => {
    const created = await t.http.post('/api/v1/visits').set(staff1).send(visit({ projectId })).expect(201);
    expect(created.body).toMatchObject({ projectId, leadId: null, date: '2026-11-17', bureau: { code: 'B01' } });
    const timeline = await t.http.get(`/api/v1/projects/${projectId}/events`).set(staff1).expect(200);
    expect(
      timeline.body.items.some(
        (item: { type: string; date: string }) => item.type === 'visit' && item.date === '2026-11-17',
      ),
    ).toBe(true);
    const ranking = await t.http.get('/api/v1/rankings?period=week&date=2026-11-17').set(staff1).expect(200);
    expect(
      ranking.body.rows.find((row: { bureau: { code: string } }) => row.bureau.code === 'B01').figures.visits,
    ).toBe(1);
    const listed = await t.http.get(`/api/v1/visits?projectId=${projectId}`).set(staff1).expect(200);
    expect(listed.body.items.map((v: { id: string }) => v.id)).toEqual([created.body.id]);
  });

  it('keeps another bureau out of the project and wants exactly one of lead and project', async () => {
    await t.http.post('/api/v1/visits').set(staff2).send(visit({ projectId })).expect(404);
    const both = await t.http
      .post('/api/v1/visits')
      .set(staff1)
      .send(visit({ projectId, leadId: '00000000-0000-4000-8000-000000000000' }))
      .expect(400);
    expect(both.body.code).toBe('VALIDATION_FAILED');
    await t.http.post('/api/v1/visits').set(staff1).send(visit({})).expect(400);
    await t.http
      .post('/api/v1/visits')
      .set(staff1)
      .send(visit({ projectId: 'not-a-uuid' }))
      .expect(400);
  });
});
