import { AlertService } from '@app/alerts';
import { Role } from '@app/core';
import { BureauRepository } from '@app/identity';
import { LeadImportJobRepository } from '@app/investors';
import { AgreementType } from '@app/pipeline';
import { MonthlyReportService, QuarterlyReportService, WeeklyReportService } from '@app/reports';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { randomInt } from 'node:crypto';
import { Response } from 'supertest';
import { createInvestor, createLead, randomCompanyName, visitBody } from './factories/investor.factory';
import { advance, createProject, gates } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { declaredRoutes } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Caller = 'staffB02' | 'headB02' | 'staffB01' | 'leader' | 'supervisor' | 'admin';

/** Supertest collects any body, JSON or binary, into a Buffer with this parser. */
function binary(res: Response, done: (error: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Everything a person could read in an answer: JSON as text, a workbook's sheet names and cells, CSV as text. */
async function readable(response: Response): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  const body = response.body as Buffer;
  if (body.length === 0) return '';
  if (type.includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => {
      cells.push(sheet.name);
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? cell.value))));
    });
    return cells.join('\n');
  }
  if (type.includes('wordprocessingml')) {
    // a 通报: the text of its body, the runs joined
    const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
    return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
  }
  if (type.includes('application/json') || type.includes('text/')) return body.toString('utf8');
  throw new Error(`the walk cannot read a ${type} answer: teach readable() this format`);
}

/** A walk asks every GET route several times; on a busy machine's embedded database that takes a while. */
const WALK_TIMEOUT = 180_000;

/** A Chinese text no other test writes. */
const unique = (prefix: string) => `${prefix}${randomCompanyName('').slice(2)}${randomInt(1000, 9999)}`;

describe('Bureau scope on every read path', () => {
  let t: TestApp;
  const auth = {} as Record<Caller, Auth>;
  /** What B01 holds, by what it is: none of it may reach a B02 user except where a route says why. */
  const b01: Record<string, string> = {};
  /** What B02 holds: its own users see it (filtering, not emptying). */
  const b02: Record<string, string> = {};
  /** A day of the week 2026-W48, whose report is published. */
  const WEEK = '2026-W48';
  /** The month and the quarter of that week, whose 月报 and 季报 are published. */
  const MONTH = '2026-11';
  const QUARTER = '2026-Q4';
  /** The chain the walk asks for: the district's map, not a bureau's record. */
  let chainId = '';

  beforeAll(async () => {
    let leaderId = '';
    t = await createTestApp();
    const callers: [Caller, Role, string?][] = [
      ['staffB01', Role.Staff, 'B01'],
      ['staffB02', Role.Staff, 'B02'],
      ['headB02', Role.BureauHead, 'B02'],
      ['leader', Role.Leader],
      ['supervisor', Role.Supervisor],
      ['admin', Role.Admin],
    ];
    for (const [name, role, bureauCode] of callers) {
      const displayName = name === 'staffB01' ? unique('招商专员') : '测试用户';
      const user = await signedIn(t, { role, bureauCode, displayName });
      auth[name] = user.auth;
      if (name === 'staffB01') Object.assign(b01, { 'officer id': user.user.id, 'officer name': displayName });
      if (name === 'leader') leaderId = user.user.id;
    }
    const staff1 = auth.staffB01;

    // B01: an investor with a contact, an open lead visited in 2026-W48, a project signed and registered that
    // week with funds in place, a second lead asked for by B03, an import job; then the alerts and the report
    const investor = await createInvestor(t, staff1, { name: randomCompanyName('氟材料有限公司') });
    Object.assign(b01, { 'investor id': investor.id, 'investor name': investor.name, 'investor USCC': investor.uscc! });
    const phone = `139${randomInt(10_000_000, 99_999_999)}`;
    const handle = randomInt(10_000_000, 99_999_999).toString(36);
    const contact = await t.http
      .post(`/api/v1/investors/${investor.id}/contacts`)
      .set(staff1)
      .send({
        name: unique('联系人'),
        title: '董事长',
        phone,
        email: `b01.${handle}@example.cn`,
        wechat: `wx_${handle}`,
      })
      .expect(201);
    Object.assign(b01, {
      'contact id': contact.body.id,
      'contact name': contact.body.name,
      'contact phone': phone,
      'contact email': `b01.${handle}@example.cn`,
      'contact wechat': `wx_${handle}`,
    });
    const lead = await createLead(t, staff1, investor.id, { intendedAmount: '6543.21' });
    Object.assign(b01, { 'lead id': lead.id, 'intended amount': '6543.21' });
    const visit = await t.http
      .post('/api/v1/visits')
      .set(staff1)
      .send(visitBody(lead.id, { date: '2026-11-24', summary: unique('走访纪要'), place: unique('会议室') }))
      .expect(201);
    Object.assign(b01, {
      'visit id': visit.body.id,
      'visit summary': visit.body.summary,
      'visit place': visit.body.place,
    });
    // the walking leader answers for it (包保), so that their own projects (GET /me/projects) show it too
    let project = await createProject(t, staff1, investor.id, {
      name: unique('项目'),
      plannedInvestment: '8765.43',
      responsibleLeaderId: leaderId,
    });
    Object.assign(b01, {
      'project id': project.id,
      'project name': project.name as string,
      'planned investment': '8765.43',
    });
    project = await advance(t, staff1, project, {
      to: 'registered',
      deal: gates.deal({ signedDate: '2026-11-24', amount: '77777.77', agreementType: AgreementType.Formal }),
      registration: gates.registration({ date: '2026-11-25' }),
    });
    const fund = await t.http
      .post(`/api/v1/projects/${project.id}/funds`)
      .set(staff1)
      .send({ month: '2026-11', amount: '3456.78' })
      .expect(201);
    Object.assign(b01, { 'fund id': fund.body.id, 'signed amount': '77777.77', 'funds amount': '3456.78' });
    const events = await t.http.get(`/api/v1/projects/${project.id}/events`).set(staff1).expect(200);
    const stageEvents = (events.body.items as { stageEvent?: { id: string } }[]).filter((item) => item.stageEvent);
    expect(stageEvents.length).toBeGreaterThan(0);
    for (const [i, item] of stageEvents.entries()) b01[`stage event ${i} id`] = item.stageEvent!.id;
    const other = await createInvestor(t, staff1, { name: randomCompanyName('硅材料有限公司') });
    const otherLead = await createLead(t, staff1, other.id);
    Object.assign(b01, { 'second investor name': other.name, 'second lead id': otherLead.id });
    const staff3 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B03' })).auth;
    const transfer = await t.http
      .post(`/api/v1/leads/${otherLead.id}/transfers`)
      .set(staff3)
      .send({ toBureauCode: 'B03', reason: '企业拟落户本局负责的园区' })
      .expect(201);
    b01['transfer id'] = transfer.body.id;
    // an enterprise request the company put to B01 (首办), routed to a department with a note
    const request = await t.http
      .post('/api/v1/service-requests')
      .set(staff1)
      .send({
        investorId: investor.id,
        kind: 'utilities',
        channel: 'hotline_12345',
        content: unique('诉求'),
        receivedOn: '2026-11-25',
      })
      .expect(201);
    const departments = await t.http.get('/api/v1/service-departments').set(staff1).expect(200);
    const routeNote = unique('交办说明');
    await t.http
      .post(`/api/v1/service-requests/${request.body.id}/route`)
      .set(staff1)
      .send({ expectedVersion: 1, departmentId: departments.body.items[0].id, date: '2026-11-26', note: routeNote })
      .expect(200);
    Object.assign(b01, {
      'request id': request.body.id,
      'request content': request.body.content,
      'request route note': routeNote,
    });
    const bureau1 = await t.get(BureauRepository).findByCode('B01');
    const job = await t
      .get(LeadImportJobRepository)
      .insert({ bureauId: bureau1!.id, createdById: b01['officer id'], mode: 'dry-run', totalRows: 1 });
    b01['import job id'] = job.id;
    const order = await t.http
      .post('/api/v1/supervision-orders')
      .set(auth.supervisor)
      .send({
        matter: unique('督办事项'),
        requirement: unique('督办要求'),
        dueDate: '2099-12-31',
        projectId: project.id,
      })
      .expect(201);
    Object.assign(b01, {
      'order id': order.body.id,
      'order matter': order.body.matter,
      'order requirement': order.body.requirement,
    });

    // the district's chain map (everyone's) and a target company the leaders assigned to B01
    const chain = await t.http
      .post('/api/v1/industry-chains')
      .set(auth.leader)
      .send({ name: unique('产业链') })
      .expect(201);
    const link = await t.http
      .post(`/api/v1/industry-chains/${chain.body.id}/links`)
      .set(auth.leader)
      .send({ name: unique('环节'), segment: 'midstream', status: 'missing' })
      .expect(201);
    const target = await t.http
      .post('/api/v1/chain-targets')
      .set(auth.leader)
      .send({ linkId: link.body.id, name: randomCompanyName('氟化学股份有限公司'), tier: 'listed', bureau: 'B01' })
      .expect(201);
    Object.assign(b01, { 'chain target id': target.body.id, 'chain target name': target.body.name });
    chainId = chain.body.id;

    // B02: its own signing and funds in the same week
    const staff2 = auth.staffB02;
    const own = await createInvestor(t, staff2);
    const ownLead = await createLead(t, staff2, own.id);
    await t.http
      .post('/api/v1/visits')
      .set(staff2)
      .send(visitBody(ownLead.id, { date: '2026-11-26' }))
      .expect(201);
    let ownProject = await createProject(t, staff2, own.id, { name: unique('项目') });
    ownProject = await advance(t, staff2, ownProject, {
      to: 'registered',
      deal: gates.deal({ signedDate: '2026-11-26', amount: '22222.22' }),
      registration: gates.registration({ date: '2026-11-27' }),
    });
    await t.http
      .post(`/api/v1/projects/${ownProject.id}/funds`)
      .set(staff2)
      .send({ month: '2026-11', amount: '1111.11' })
      .expect(201);
    Object.assign(b02, { 'investor name': own.name, 'project name': ownProject.name as string, 'lead id': ownLead.id });

    // the lights as they will stand in mid-2027: B01's lead idle, its project not started; then the report
    await t.get(AlertService).compute('2027-06-30');
    const alerts = await t.http.get('/api/v1/alerts?bureau=B01&pageSize=200').set(auth.leader).expect(200);
    expect(alerts.body.total).toBeGreaterThan(0);
    for (const [i, alert] of (alerts.body.items as { id: string }[]).entries()) b01[`alert ${i} id`] = alert.id;
    // a fresh chain starts at the week of the data's first record, so earlier weeks are published with it
    const published = await t.get(WeeklyReportService).publishDue(new Date('2026-11-30T08:30:00+08:00'));
    expect(published[published.length - 1]).toBe(WEEK);
    expect(await t.get(MonthlyReportService).publishDue(new Date('2026-12-01T08:30:00+08:00'))).toContain(MONTH);
    expect(await t.get(QuarterlyReportService).publishDue(new Date('2027-01-01T08:30:00+08:00'))).toContain(QUARTER);
  }, WALK_TIMEOUT);
  afterAll(async () => {
    await t.close();
  });

  /** The B01 sentinels found in a text, by what they are. */
  const leaked = (text: string, allowed: readonly string[] = []) =>
    Object.entries(b01)
      .filter(([what, value]) => !allowed.includes(what) && text.includes(value))
      .map(([what]) => what);

  describe('route walk', () => {
    /**
     * Routes that answer figures, not records, and why. B01's public figures (its signed amount, its funds in
     * place) may appear in them; its ids, names and contacts may not, and the walk checks that too.
     */
    const FIGURE_ROUTES: Record<string, string> = {
      'GET /health': 'the service status',
      'GET /health/live': 'the process answers',
      'GET /health/ready': 'the database answers',
      'GET /reports/verify': 'whether the report chain holds: weeks, versions and hashes',
      'GET /auth/me': "the caller's own account",
      'GET /bureaus': 'the bureaus, public',
      'GET /rankings': 'the figures, scores and ranks of every bureau: public (DESIGN.md "Who uses it")',
      'GET /targets': 'annual targets per bureau: the yardstick of the public completion rates',
      'GET /ranking-weights': 'the scoring weights',
      'GET /rankings/consistency': 'per-bureau figure differences (supervisors and admins)',
      'GET /funnel': 'stage counts and median days; staff and heads get their own bureau only',
      'GET /reports/weekly': 'the list of published reports: week, version and hashes',
      'GET /reports/monthly': 'the list of published monthly reports: month, version and hashes',
      'GET /reports/quarterly': 'the list of published quarterly reports: quarter, version and hashes',
      'GET /audit/verify': 'whether the audit chain holds',
      'GET /imports/leads/template': 'an empty ledger template',
      'GET /industry-chains': "the district's industry chains, public",
      'GET /industry-chains/:id': "a chain's tree of links, public",
      'GET /industry-chains/:id/coverage': "a chain's district-wide figures per link",
      'GET /service-requests/figures':
        'requests received, closed on time and satisfaction per bureau: public like the ranking',
      'GET /service-departments': 'the handling departments requests are routed to, one list for the district',
    };
    const FIGURES = ['signed amount', 'funds amount'];

    /** Parts of B01's records a route shows to every bureau by design, and why. */
    const SHARED: Record<string, { allows: string[]; why: string }> = {
      'GET /investors': {
        allows: [
          'investor id',
          'investor name',
          'investor USCC',
          'second investor name',
          'lead id',
          'second lead id',
          'officer name',
          'officer id',
        ],
        why: 'the shared investor registry: every bureau reads it, and the 撞单 rule shows who holds a company (its open lead and officer)',
      },
      'GET /investors/:id': {
        allows: ['investor id', 'investor name', 'investor USCC', 'lead id', 'officer name', 'officer id'],
        why: 'the shared investor registry, one company',
      },
      'GET /investors/:id/contacts': {
        // email and WeChat are masked by the contact-masking work; until then they are the one known gap here
        allows: ['investor id', 'contact id', 'contact name', 'contact email', 'contact wechat'],
        why: 'contacts of a registry company, phone masked for every bureau but the one working it',
      },
    };

    /** The value of each path parameter: a B01 record, so that a B02 user asks for exactly what they may not see. */
    const pathValue = (prefix: string): string => {
      const values: Record<string, string> = {
        '/investors/:id': b01['investor id'],
        '/leads/:id': b01['lead id'],
        '/visits/:id': b01['visit id'],
        '/projects/:id': b01['project id'],
        '/users/:id': b01['officer id'],
        '/imports/leads/:id': b01['import job id'],
        '/supervision-orders/:id': b01['order id'],
        '/reports/weekly/:week': WEEK,
        '/reports/monthly/:month': MONTH,
        '/reports/quarterly/:quarter': QUARTER,
        '/industry-chains/:id': chainId,
        '/chain-targets/:id': b01['chain target id'],
        '/service-requests/:id': b01['request id'],
      };
      if (!(prefix in values)) throw new Error(`the walk has no value for ${prefix}: add a B01 record for it`);
      return values[prefix];
    };

    const METRICS = [
      'visits',
      'leaderVisits',
      'newLeads',
      'negotiating',
      'signedCount',
      'signedAmount',
      'registeredCount',
      'startedCount',
      'operatingCount',
      'fundsInPlace',
    ];
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    /** Query strings per route; every other route is asked plainly, for 200 rows, and for B01 by name. */
    const queries = (route: string): string[] => {
      switch (route) {
        case 'GET /rankings':
          return ['period=ytd&date=2026-11-30', 'period=week&date=2026-11-27'];
        case 'GET /rankings/drilldown':
          // the records are dated in 2026-W48, but new leads count on the day they were registered: today
          return METRICS.flatMap((metric) =>
            ['B01', 'B02'].flatMap((bureau) =>
              (metric === 'newLeads' ? ['2026-11-30', today] : ['2026-11-30']).map(
                (date) => `bureau=${bureau}&metric=${metric}&period=ytd&date=${date}&pageSize=200`,
              ),
            ),
          );
        case 'GET /rankings/consistency':
          return ['from=2026-01-01&to=2027-01-01'];
        case 'GET /funnel':
          return ['from=2026-01-01&to=2027-01-01', 'from=2026-01-01&to=2027-01-01&bureau=B01'];
        case 'GET /targets':
          return ['year=2026'];
        case 'GET /service-requests/figures':
          return ['period=ytd&date=2026-11-30', 'period=week&date=2026-11-27'];
        case 'GET /alerts':
          return ['pageSize=200', 'bureau=B01&pageSize=200', 'level=red&pageSize=200'];
        case 'GET /leads':
          return [
            'pageSize=200',
            'bureau=B01',
            `investorId=${b01['investor id']}`,
            `q=${encodeURIComponent(b01['investor name'])}`,
          ];
        case 'GET /visits':
          return ['pageSize=200', 'bureau=B01', `leadId=${b01['lead id']}`, `projectId=${b01['project id']}`];
        case 'GET /projects':
          return ['pageSize=200', 'bureau=B01', 'stage=registered'];
        case 'GET /investors':
          return ['pageSize=200', `q=${encodeURIComponent(b01['investor name'])}`];
        case 'GET /reports/weekly/:week/export':
        case 'GET /reports/monthly/:month/export':
        case 'GET /reports/quarterly/:quarter/export':
          return [
            'format=docx',
            'format=xlsx',
            ...[
              'ranking',
              'scoring',
              'signings',
              'stageChanges',
              'funds',
              'alerts',
              'supervision',
              'visits',
              'requests',
              ...(route.includes('/weekly/') ? [] : ['chains']),
            ].map((table) => `format=csv&table=${table}`),
          ];
        default:
          return ['', 'pageSize=200', 'bureau=B01'];
      }
    };

    interface Answer {
      url: string;
      status: number;
      text: string;
    }

    const walk = async (caller: Caller): Promise<Map<string, Answer[]>> => {
      const answers = new Map<string, Answer[]>();
      for (const { route } of declaredRoutes(t).filter((r) => r.route.startsWith('GET '))) {
        const path = route.slice(4).replace(/\/:[a-zA-Z]+/g, (param, offset: number, whole: string) => {
          return `/${pathValue(whole.slice(0, offset) + param)}`;
        });
        const base = path.startsWith('/health') ? path : `/api/v1${path}`;
        const list: Answer[] = [];
        for (const query of queries(route)) {
          const url = query ? `${base}?${query}` : base;
          const response = await t.http.get(url).set(auth[caller]).buffer(true).parse(binary);
          list.push({ url, status: response.status, text: await readable(response) });
        }
        answers.set(route, list);
      }
      return answers;
    };

    it.each<Caller>(['staffB02', 'headB02'])(
      'shows a %s no B01 record on any GET route',
      async (caller) => {
        const role = caller === 'staffB02' ? Role.Staff : Role.BureauHead;
        const answers = await walk(caller);
        expect(answers.size).toBeGreaterThan(20);
        const leaks: string[] = [];
        const unanswered: string[] = [];
        for (const { route, roles } of declaredRoutes(t).filter((r) => r.route.startsWith('GET '))) {
          const list = answers.get(route)!;
          const allowed = [...(route in FIGURE_ROUTES ? FIGURES : []), ...(SHARED[route]?.allows ?? [])];
          for (const answer of list) {
            const found = leaked(answer.text, allowed);
            if (found.length > 0) leaks.push(`${answer.url} (${answer.status}) shows B01's ${found.join(', ')}`);
          }
          // a route the caller may call must answer at least once, so that the walk is not a walk of refusals
          // (another bureau's record by id is not found: that is its answer)
          const mayCall = route.startsWith('GET /health') || (roles ?? []).includes(role);
          const answered = (a: Answer) => a.status === 200 || (route.includes('/:id') && a.status === 404);
          if (mayCall && !list.some(answered)) unanswered.push(`${route}: ${list.map((a) => a.status).join(', ')}`);
          if (!mayCall && list.some((a) => a.status !== 403)) unanswered.push(`${route} should refuse a ${role}`);
        }
        expect(leaks).toEqual([]);
        expect(unanswered).toEqual([]);
      },
      WALK_TIMEOUT,
    );

    it.each<Caller>(['leader', 'supervisor'])(
      'shows a %s the B01 records on every record route it may call',
      async (caller) => {
        const role = caller === 'leader' ? Role.Leader : Role.Supervisor;
        const answers = await walk(caller);
        const blind: string[] = [];
        for (const { route, roles } of declaredRoutes(t).filter((r) => r.route.startsWith('GET '))) {
          if (route in FIGURE_ROUTES || !(roles ?? []).includes(role)) continue;
          const seen = answers.get(route)!.flatMap((a) => leaked(a.text));
          if (seen.length === 0) blind.push(route);
        }
        expect(blind).toEqual([]);
      },
      WALK_TIMEOUT,
    );

    it(
      'shows B01 its own records on the routes only bureau users may call',
      async () => {
        const answers = await walk('staffB01');
        for (const route of ['GET /imports/leads/:id', 'GET /leads', 'GET /projects/:id/funds']) {
          expect([route, answers.get(route)!.some((a) => leaked(a.text).length > 0)]).toEqual([route, true]);
        }
      },
      WALK_TIMEOUT,
    );
  });

  describe('drilldown', () => {
    it.each<Caller>(['staffB02', 'headB02'])("refuses a %s B01's records with FORBIDDEN_BUREAU", async (caller) => {
      const response = await t.http
        .get('/api/v1/rankings/drilldown?bureau=B01&metric=signedAmount&period=ytd&date=2026-11-30')
        .set(auth[caller])
        .expect(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN_BUREAU', details: { bureau: 'B01', ownBureau: 'B02' } });
      expect(response.body.message).toContain('本局');
      expect(leaked(JSON.stringify(response.body))).toEqual([]);
    });

    it("lists a B02 user their own bureau's records", async () => {
      const response = await t.http
        .get('/api/v1/rankings/drilldown?bureau=B02&metric=signedAmount&period=ytd&date=2026-11-30')
        .set(auth.staffB02)
        .expect(200);
      expect(response.body).toMatchObject({ sum: '22222.22', total: 1 });
      expect(response.body.items[0].subject).toBe(b02['project name']);
    });

    it.each<Caller>(['leader', 'supervisor', 'admin'])("lists a %s B01's records", async (caller) => {
      const response = await t.http
        .get('/api/v1/rankings/drilldown?bureau=B01&metric=signedAmount&period=ytd&date=2026-11-30')
        .set(auth[caller])
        .expect(200);
      expect(response.body).toMatchObject({ sum: '77777.77', total: 1 });
      expect(response.body.items[0]).toMatchObject({ id: b01['project id'], subject: b01['project name'] });
    });

    it("still shows every user every bureau's figure in the ranking", async () => {
      const response = await t.http.get('/api/v1/rankings?period=ytd&date=2026-11-30').set(auth.staffB02).expect(200);
      const row = response.body.rows.find((r: { bureau: { code: string } }) => r.bureau.code === 'B01');
      expect(row.figures).toMatchObject({ signedAmount: '77777.77', fundsInPlace: '3456.78' });
    });
  });

  describe('funnel', () => {
    const range = 'from=2026-01-01&to=2027-01-01';

    it("gives a B02 user their own bureau's funnel, asked or not", async () => {
      for (const query of [range, `${range}&bureau=B02`]) {
        const response = await t.http.get(`/api/v1/funnel?${query}`).set(auth.headB02).expect(200);
        expect(response.body.bureau).toMatchObject({ code: 'B02' });
        expect(response.body.stages.find((s: { stage: string }) => s.stage === 'signed').reached).toBe(1);
      }
    });

    it("refuses a B02 user B01's funnel", async () => {
      const response = await t.http.get(`/api/v1/funnel?${range}&bureau=B01`).set(auth.staffB02).expect(403);
      expect(response.body.code).toBe('FORBIDDEN_BUREAU');
    });

    it("gives a leader the district funnel and any bureau's", async () => {
      const district = await t.http.get(`/api/v1/funnel?${range}`).set(auth.leader).expect(200);
      expect(district.body.bureau).toBeNull();
      expect(district.body.stages.find((s: { stage: string }) => s.stage === 'signed').reached).toBe(2);
      const one = await t.http.get(`/api/v1/funnel?${range}&bureau=B01`).set(auth.leader).expect(200);
      expect(one.body.bureau).toMatchObject({ code: 'B01' });
    });
  });

  describe('alerts', () => {
    it.each<Caller>(['staffB02', 'headB02'])(
      "lists a %s none of B01's lights, with counts of its own",
      async (caller) => {
        for (const query of ['', '?bureau=B01', '?level=red']) {
          const response = await t.http.get(`/api/v1/alerts${query}`).set(auth[caller]).expect(200);
          expect(leaked(JSON.stringify(response.body))).toEqual([]);
          expect(response.body.items.every((a: { bureau: { code: string } }) => a.bureau.code === 'B02')).toBe(true);
        }
        const asked = await t.http.get('/api/v1/alerts?bureau=B01').set(auth[caller]).expect(200);
        expect(asked.body).toMatchObject({ items: [], total: 0, counts: { red: 0, yellow: 0 } });
      },
    );

    it("lists a supervisor B01's lights", async () => {
      const response = await t.http.get('/api/v1/alerts?bureau=B01').set(auth.supervisor).expect(200);
      expect(response.body.items.map((a: { subject: string }) => a.subject)).toEqual(
        expect.arrayContaining([b01['investor name'], b01['project name']]),
      );
    });
  });

  describe('weekly report', () => {
    const tableOf = (body: { content: { tables: { key: string; rows: Record<string, unknown>[] }[] } }, key: string) =>
      body.content.tables.find((table) => table.key === key)!;

    it("shows a B02 user the whole ranking and only B02's rows elsewhere, over the unchanged snapshot", async () => {
      const full = await t.http.get(`/api/v1/reports/weekly/${WEEK}`).set(auth.leader).expect(200);
      const mine = await t.http.get(`/api/v1/reports/weekly/${WEEK}`).set(auth.staffB02).expect(200);
      expect(full.body.scope).toEqual({ bureau: null, filtered: false });
      expect(mine.body.scope).toEqual({ bureau: 'B02', filtered: true });
      // the hash and the integrity check are those of the whole stored report
      expect([mine.body.sha256, mine.body.intact]).toEqual([full.body.sha256, true]);
      expect(tableOf(mine.body, 'ranking').rows).toEqual(tableOf(full.body, 'ranking').rows);
      expect(tableOf(mine.body, 'ranking').rows.length).toBeGreaterThanOrEqual(10);
      for (const table of mine.body.content.tables as { key: string; rows: { bureauCode: string }[] }[]) {
        if (table.key !== 'ranking')
          expect([table.key, table.rows.every((row) => row.bureauCode === 'B02')]).toEqual([table.key, true]);
      }
      expect(tableOf(mine.body, 'signings').rows.map((row) => row.project)).toEqual([b02['project name']]);
      // the section names the bureau, the company and the (absent) 包保 leader of the pipeline's row
      expect(tableOf(mine.body, 'signings').rows[0]).toMatchObject({
        bureauCode: 'B02',
        investor: b02['investor name'],
        signedAmount: '22222.22',
        leader: null,
      });
      const codes = tableOf(full.body, 'signings').rows.map((row) => row.bureauCode as string);
      expect(codes).toEqual([...codes].sort());
      expect(tableOf(full.body, 'signings').rows.map((row) => row.project)).toEqual(
        expect.arrayContaining([b01['project name'], b02['project name']]),
      );
      expect(leaked(JSON.stringify(mine.body))).toEqual([]);
      expect(leaked(JSON.stringify(full.body))).toEqual(expect.arrayContaining(['project name', 'funds amount']));
    });

    it('exports a B02 user the same filtered report as XLSX and CSV', async () => {
      // CSV is one table per file: the new signings, where each bureau's project appears
      for (const format of ['xlsx', 'csv&table=signings']) {
        const mine = await t.http
          .get(`/api/v1/reports/weekly/${WEEK}/export?format=${format}`)
          .set(auth.headB02)
          .buffer(true)
          .parse(binary)
          .expect(200);
        expect(mine.headers['x-report-scope']).toBe('B02');
        const text = await readable(mine);
        expect([format, leaked(text)]).toEqual([format, []]);
        expect(text).toContain(b02['project name']);
        const full = await t.http
          .get(`/api/v1/reports/weekly/${WEEK}/export?format=${format}`)
          .set(auth.supervisor)
          .buffer(true)
          .parse(binary)
          .expect(200);
        expect(full.headers['x-report-scope']).toBe('all');
        expect(full.headers['x-report-sha256']).toBe(mine.headers['x-report-sha256']);
        expect(await readable(full)).toContain(b01['project name']);
      }
    });
  });
});
