import { replayStage, Stage } from '@app/pipeline';
import { login } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('demo projects data set', () => {
  let t: TestApp;
  let leader: Auth;
  let supervisor: Auth;

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
    supervisor = { Authorization: `Bearer ${await login(t.http, 'supervisor1', 'Haizhou@2026')}` };
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads about twenty projects across bureaus and stages, their events replaying to each stage', async () => {
    const response = await t.http.get('/api/v1/projects').query({ pageSize: 200 }).set(leader).expect(200);
    const projects = response.body.items as { id: string; stage: Stage; bureau: { code: string } }[];
    expect(projects.length).toBe(20);
    expect(new Set(projects.map((p) => p.bureau.code)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(projects.map((p) => p.stage))).toEqual(new Set(Object.values(Stage)));
    for (const project of projects) {
      const timeline = await t.http.get(`/api/v1/projects/${project.id}/events`).set(leader).expect(200);
      const events = (
        timeline.body.items as { type: string; stageEvent?: { seq: number; fromStage: Stage | null; toStage: Stage } }[]
      )
        .filter((i) => i.type === 'stage')
        .map((i) => i.stageEvent as { seq: number; fromStage: Stage | null; toStage: Stage })
        .sort((a, b) => a.seq - b.seq);
      expect(replayStage(events.map((e) => ({ from: e.fromStage, to: e.toStage })))).toBe(project.stage);
    }
    const operating = projects.find((p) => p.stage === Stage.Operating) as { id: string };
    const funds = await t.http.get(`/api/v1/projects/${operating.id}/funds`).set(leader).expect(200);
    expect(funds.body.items.length).toBeGreaterThan(0);
    expect(funds.body.total).toMatch(/^\d+\.\d{2}$/);
  });

  it('counts in the rankings exactly as its records', async () => {
    const response = await t.http
      .get('/api/v1/rankings/consistency?from=2024-01-01&to=2028-01-01')
      .set(supervisor)
      .expect(200);
    expect(response.body).toMatchObject({ consistent: true });
  });
});
