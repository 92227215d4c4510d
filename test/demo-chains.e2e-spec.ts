import { DemoSeeder } from '@app/demo';
import { login } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('demo industry chains', () => {
  let t: TestApp;
  let leader: Auth;
  let staff: Auth;

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
    leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
    staff = { Authorization: `Bearer ${await login(t.http, 'staff03a', 'Haizhou@2026')}` };
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  it('loads the four chains of 海州区 with their links, tagged companies and target companies, once', async () => {
    const list = await t.http.get('/api/v1/industry-chains').set(leader).expect(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
      '氟化工',
      '新能源装备',
      '农产品深加工',
      '现代服务业',
    ]);
    const fluorine = list.body.items[0] as { id: string };
    const chain = await t.http.get(`/api/v1/industry-chains/${fluorine.id}`).set(leader).expect(200);
    expect(new Set(chain.body.links.map((l: { segment: string }) => l.segment))).toEqual(
      new Set(['upstream', 'midstream', 'downstream']),
    );
    expect(new Set(chain.body.links.map((l: { status: string }) => l.status))).toEqual(
      new Set(['strong', 'weak', 'missing', 'extend']),
    );
    const coverage = await t.http.get(`/api/v1/industry-chains/${fluorine.id}/coverage`).set(leader).expect(200);
    expect(coverage.body.total.leads).toBeGreaterThan(0);
    expect(coverage.body.total.targets).toBe(3);
    expect(coverage.body.linksWithoutProject.length).toBeGreaterThan(0);
    // B03 courts the fluorine chemistry: it sees its two assigned targets and the unassigned one
    const targets = await t.http.get('/api/v1/chain-targets').query({ chainId: fluorine.id }).set(staff).expect(200);
    expect(targets.body.total).toBe(3);
    expect(await t.get(DemoSeeder).load()).toBe(false);
  });
});
