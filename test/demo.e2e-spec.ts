import { addDays, BusinessClock } from '@app/core';
import { DemoSeeder } from '@app/demo';
import { isValidUscc } from '@app/investors';
import { replayStage, Stage } from '@app/pipeline';
import { DataSource } from 'typeorm';
import { login } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

/** Words of a company's name that say nothing of the company itself. */
const GENERIC = /有限|公司|集团|股份|科技|辽宁|阜新|（|）/;

interface Request {
  id: string;
  status: string;
  overdue: boolean;
  satisfaction: string | null;
  resolvedOnTime: boolean | null;
  bureau: { code: string };
  version: number;
}

/**
 * The demo data set, loaded once at one app's first start (as on the embedded default), then read area by area:
 * loading it is most of these tests' time, and none of them changes it.
 */
describe('demo data set', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('demo investors data set', () => {
    let leader: { Authorization: string };
    let today: string;
    let db: DataSource;

    beforeAll(async () => {
      leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
      today = t.get(BusinessClock).today();
      db = t.get(DataSource);
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

  describe('demo projects data set', () => {
    let leader: Auth;
    let supervisor: Auth;
    let today: string;
    let db: DataSource;

    beforeAll(async () => {
      leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
      supervisor = { Authorization: `Bearer ${await login(t.http, 'supervisor1', 'Haizhou@2026')}` };
      today = t.get(BusinessClock).today();
      db = t.get(DataSource);
    });

    const allProjects = async () => {
      const items: { id: string; name: string; stage: Stage; bureau: { code: string }; investor: { name: string } }[] =
        [];
      for (let page = 1; ; page++) {
        const response = await t.http.get('/api/v1/projects').query({ page, pageSize: 200 }).set(leader).expect(200);
        items.push(...response.body.items);
        if (items.length >= response.body.total) return items;
      }
    };

    it('loads a year and a half of projects across every bureau and stage, their events replaying to each stage', async () => {
      const projects = await allProjects();
      expect(projects.length).toBeGreaterThanOrEqual(60);
      expect(projects.length).toBeLessThanOrEqual(200);
      expect(new Set(projects.map((p) => p.bureau.code)).size).toBe(10);
      expect(new Set(projects.map((p) => p.stage))).toEqual(new Set(Object.values(Stage)));
      for (const project of projects.filter((_, i) => i % 4 === 0)) {
        const timeline = await t.http.get(`/api/v1/projects/${project.id}/events`).set(leader).expect(200);
        const events = (
          timeline.body.items as {
            type: string;
            stageEvent?: { seq: number; fromStage: Stage | null; toStage: Stage };
          }[]
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

    it('names every project after its company: a word of the company’s name is in the project’s', async () => {
      const projects = await allProjects();
      for (const { name, investor } of projects) {
        const words = Array.from({ length: investor.name.length - 1 }, (_, i) => investor.name.slice(i, i + 2)).filter(
          (word) => !GENERIC.test(word),
        );
        expect([name, investor.name, words.some((word) => name.includes(word))]).toEqual([name, investor.name, true]);
        expect(name.endsWith('项目')).toBe(true);
      }
    });

    it('dates every stage in order, from the lead to production, none after today and none before 2000', async () => {
      const events: { project_id: string; seq: number; to_stage: string; business_date: string; lead_day: string }[] =
        await db.query(
          `SELECT e.project_id, e.seq, e.to_stage, e.business_date::text AS business_date,
                  COALESCE((l.created_at AT TIME ZONE 'Asia/Shanghai')::date::text, e.business_date::text) AS lead_day
             FROM project_stage_event e JOIN project p ON p.id = e.project_id LEFT JOIN lead l ON l.id = p.lead_id
            ORDER BY e.project_id, e.seq`,
        );
      expect(events.length).toBeGreaterThan(200);
      let previous: (typeof events)[number] | null = null;
      for (const event of events) {
        expect(event.business_date <= today && event.business_date >= '2000-01-01').toBe(true);
        expect(event.business_date >= event.lead_day).toBe(true);
        if (previous?.project_id === event.project_id) {
          expect([event.project_id, event.business_date >= previous.business_date]).toEqual([event.project_id, true]);
        }
        previous = event;
      }
      const gates: { ok: boolean }[] = await db.query(
        `SELECT bool_and(COALESCE(signed_at <= registered_at, true) AND COALESCE(registered_at <= started_at, true)
                         AND COALESCE(started_at <= operating_at, true)
                         AND COALESCE(operating_at, started_at, registered_at, signed_at, $1::date) <= $1::date
                         AND (created_at AT TIME ZONE 'Asia/Shanghai')::date <= COALESCE(signed_at, $1::date)) AS ok
           FROM project`,
        [today],
      );
      expect(gates[0].ok).toBe(true);
      const funds: { bad: number }[] = await db.query(
        `SELECT count(*)::int AS bad FROM project_fund f JOIN project p ON p.id = f.project_id
          WHERE f.month < to_char(p.registered_at, 'YYYY-MM') OR f.month > to_char($1::date, 'YYYY-MM')`,
        [today],
      );
      expect(funds[0].bad).toBe(0);
    });

    it('shows a funnel whose median days in each stage are positive and plausible', async () => {
      const from = `${Number(today.slice(0, 4)) - 1}-01-01`;
      const response = await t.http
        .get('/api/v1/funnel')
        .query({ from, to: `${Number(today.slice(0, 4)) + 1}-01-01` })
        .set(leader)
        .expect(200);
      const stages = response.body.stages as { stage: string; reached: number; medianDays: number | null }[];
      expect(response.body.newLeads).toBeGreaterThan(200);
      for (const stage of stages) {
        expect(stage.reached).toBeGreaterThan(0);
        if (stage.medianDays !== null) expect([stage.stage, stage.medianDays > 0]).toEqual([stage.stage, true]);
      }
      const median = (stage: string) => stages.find((s) => s.stage === stage)?.medianDays as number;
      // 在谈 → 签约 takes weeks to months; registration to start months; building about a year at most
      expect(median('negotiating')).toBeGreaterThanOrEqual(14);
      expect(median('negotiating')).toBeLessThanOrEqual(180);
      expect(median('signed')).toBeGreaterThanOrEqual(7);
      expect(median('registered')).toBeGreaterThanOrEqual(14);
      expect(median('started')).toBeGreaterThanOrEqual(60);
    });

    it('gives each bureau annual targets of a plausible size', async () => {
      const response = await t.http
        .get('/api/v1/targets')
        .query({ year: Number(today.slice(0, 4)) })
        .set(leader)
        .expect(200);
      const targets = response.body as {
        visits: number;
        newLeads: number;
        signedCount: number;
        signedAmount: string;
        startedCount: number;
        fundsInPlace: string;
      }[];
      expect(targets).toHaveLength(10);
      for (const target of targets) {
        expect(target.visits).toBeGreaterThanOrEqual(100);
        expect(target.visits).toBeLessThanOrEqual(300);
        expect(target.newLeads).toBeGreaterThanOrEqual(20);
        expect(target.newLeads).toBeLessThanOrEqual(60);
        expect(target.signedCount).toBeGreaterThanOrEqual(3);
        expect(target.signedCount).toBeLessThanOrEqual(10);
        expect(Number(target.signedAmount)).toBeGreaterThanOrEqual(50_000);
        expect(Number(target.signedAmount)).toBeLessThanOrEqual(200_000);
        expect(target.startedCount).toBeGreaterThanOrEqual(2);
        expect(target.startedCount).toBeLessThanOrEqual(6);
        expect(Number(target.fundsInPlace)).toBeGreaterThanOrEqual(10_000);
      }
    });

    it('ranks the bureaus against those targets without absurd completion', async () => {
      const response = await t.http.get('/api/v1/rankings').query({ period: 'ytd' }).set(leader).expect(200);
      const { yearElapsed, rows } = response.body as {
        yearElapsed: number;
        rows: { completion: { visits: number | null }; figures: { visits: number } }[];
      };
      expect(rows).toHaveLength(10);
      for (const row of rows) {
        // visits are many, so their completion follows the calendar: never far ahead of it, never stalled
        expect(row.completion.visits as number).toBeLessThanOrEqual(Math.max(yearElapsed, 0.1) * 1.6 + 0.05);
        if (yearElapsed >= 0.25) expect(row.completion.visits as number).toBeGreaterThanOrEqual(yearElapsed * 0.4);
      }
    });

    it('raises a real year’s lights: some idle leads yellow and red, a couple of signed projects unregistered', async () => {
      const alerts = async (query: Record<string, string>) =>
        (
          await t.http
            .get('/api/v1/alerts')
            .query({ ...query, pageSize: 200 })
            .set(supervisor)
            .expect(200)
        ).body as {
          total: number;
          items: { kind: string; overdue: number }[];
        };
      const idleRed = await alerts({ level: 'red' });
      const idleYellow = await alerts({ level: 'yellow' });
      expect(idleRed.items.filter((a) => a.kind === 'lead_idle').length).toBeGreaterThanOrEqual(2);
      expect(idleYellow.items.filter((a) => a.kind === 'lead_idle').length).toBeGreaterThanOrEqual(3);
      const unregistered = idleRed.items.filter((a) => a.kind === 'signed_not_registered');
      expect(unregistered.length).toBeGreaterThanOrEqual(1);
      expect(unregistered.length).toBeLessThanOrEqual(8);
      // lights are the exception: most open leads are followed on time (the leads' own lights, counted against the
      // open leads; projects, orders and requests have lights of their own)
      const open = await t.http.get('/api/v1/leads').query({ status: 'open', pageSize: 1 }).set(leader).expect(200);
      const leadLights =
        (await alerts({ kind: 'lead_idle' })).total + (await alerts({ kind: 'follow_up_overdue' })).total;
      expect(leadLights).toBeGreaterThan(0);
      expect(leadLights).toBeLessThan(open.body.total * 0.5);
    });

    it('counts in the rankings exactly as its records', async () => {
      const response = await t.http
        .get('/api/v1/rankings/consistency?from=2024-01-01&to=2028-01-01')
        .set(supervisor)
        .expect(200);
      expect(response.body).toMatchObject({ consistent: true });
    });

    it('gives its live key projects milestone plans on the 挂图作战 chart, some nodes done, some overdue', async () => {
      type Node = { key: string; plannedDate: string | null; actualDate: string | null; light: string | null };
      const chart = (await t.http.get('/api/v1/milestones?pageSize=200').set(leader).expect(200)).body as {
        items: { project: { id: string }; nodes: Node[]; light: string | null }[];
        total: number;
      };
      expect(chart.total).toBeGreaterThanOrEqual(5);
      for (const row of chart.items) {
        expect(row.nodes.every((n) => n.plannedDate !== null)).toBe(true);
        expect(row.nodes.every((n) => n.actualDate === null || n.actualDate <= today)).toBe(true);
      }
      const nodes = chart.items.flatMap((row) => row.nodes);
      expect(nodes.some((n) => n.key.startsWith('procedure:') && n.actualDate !== null)).toBe(true);
      expect(chart.items.some((row) => row.light !== null)).toBe(true);
      const leaders = await db.query(
        `SELECT count(*)::int AS n FROM project WHERE is_key_project AND responsible_leader_id IS NOT NULL`,
      );
      expect(leaders[0].n).toBeGreaterThan(0);
      const mine = await t.http.get('/api/v1/me/projects').set(leader).expect(200);
      expect(mine.body.items.length).toBeGreaterThan(0);
    });

    it('has supervision orders in every state, the overdue one escalated to the bureaus’ 分管领导', async () => {
      const { body } = await t.http.get('/api/v1/supervision-orders?pageSize=200').set(leader).expect(200);
      const orders = body.items as { status: string; overdue: boolean; closedLate: boolean; escalatedTo: unknown }[];
      expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['issued', 'in_progress', 'reported', 'closed']));
      expect(orders.find((o) => o.overdue)).toMatchObject({ escalatedTo: { displayName: '张明远' } });
      expect(orders.some((o) => o.closedLate)).toBe(true);
      const alerts = await t.http.get('/api/v1/alerts?kind=order_overdue').set(leader).expect(200);
      expect(alerts.body.total).toBe(1);
    });
  });

  describe('demo industry chains', () => {
    let leader: Auth;
    let staff: Auth;

    beforeAll(async () => {
      leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
      staff = { Authorization: `Bearer ${await login(t.http, 'staff03a', 'Haizhou@2026')}` };
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

  describe('demo enterprise requests data set', () => {
    let leader: Auth;
    let today: string;

    beforeAll(async () => {
      leader = { Authorization: `Bearer ${await login(t.http, 'leader1', 'Haizhou@2026')}` };
      today = t.get(BusinessClock).today();
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
});
