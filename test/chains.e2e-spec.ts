import { addDays, BusinessClock, Role } from '@app/core';
import type { UserEntity } from '@app/identity';
import { ChainTargetService } from '@app/chains';
import { createInvestor, createLead, randomCompanyName, randomUscc, visitBody } from './factories/investor.factory';
import { advance, createProject, gates } from './factories/project.factory';
import { actorOf, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };
type Link = { id: string; name: string; parentId: string | null };

describe('industry chains, target companies and coverage', () => {
  let t: TestApp;
  let staffB01: Auth;
  let staffB02: Auth;
  let headB02: Auth;
  let leader: Auth;
  let supervisor: Auth;
  let leaderUser: UserEntity;

  beforeAll(async () => {
    t = await createTestApp();
    staffB01 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staffB02 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    headB02 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' })).auth;
    ({ auth: leader, user: leaderUser } = await signedIn(t, { role: Role.Leader }));
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
  });

  afterAll(async () => {
    await t.close();
  });

  let chainCount = 0;
  const newChain = async (): Promise<{ id: string; name: string }> => {
    const response = await t.http
      .post('/api/v1/industry-chains')
      .set(leader)
      .send({ name: `氟化工${++chainCount}${randomCompanyName('').slice(2)}`, description: '含氟精细化学品补链' })
      .expect(201);
    return response.body as { id: string; name: string };
  };
  const newLink = async (chainId: string, body: Record<string, unknown> = {}): Promise<Link> => {
    const response = await t.http
      .post(`/api/v1/industry-chains/${chainId}/links`)
      .set(leader)
      .send({ name: `环节${randomCompanyName('').slice(2)}`, segment: 'midstream', status: 'missing', ...body })
      .expect(201);
    return response.body as Link;
  };
  const newTarget = async (linkId: string, body: Record<string, unknown> = {}) => {
    const response = await t.http
      .post('/api/v1/chain-targets')
      .set(leader)
      .send({ linkId, name: randomCompanyName('新材料股份有限公司'), tier: 'listed', region: '浙江省台州市', ...body })
      .expect(201);
    return response.body as { id: string; name: string; leadId: string | null; bureau: { code: string } | null };
  };

  describe('the chain tree', () => {
    it('lets leaders and admins draw it and everyone read it, with Chinese messages for bad input', async () => {
      const chain = await newChain();
      const upstream = await newLink(chain.id, {
        segment: 'upstream',
        status: 'strong',
        keyProducts: '萤石、无水氟化氢',
      });
      const child = await newLink(chain.id, { parentId: upstream.id });
      await t.http.post('/api/v1/industry-chains').set(staffB01).send({ name: '新能源装备' }).expect(403);
      await t.http
        .post(`/api/v1/industry-chains/${chain.id}/links`)
        .set(headB02)
        .send({ name: '风电整机', segment: 'downstream', status: 'weak' })
        .expect(403);
      const bad = await t.http
        .post(`/api/v1/industry-chains/${chain.id}/links`)
        .set(leader)
        .send({ name: '风电整机', segment: 'sideways', status: 'weak' })
        .expect(400);
      expect(bad.body.message).toMatch(/所处位置/);
      await t.http.post('/api/v1/industry-chains').set(leader).send({ name: chain.name }).expect(409);
      const taken = await t.http
        .post(`/api/v1/industry-chains/${chain.id}/links`)
        .set(leader)
        .send({ name: child.name, segment: 'midstream', status: 'weak' })
        .expect(409);
      expect(taken.body.code).toBe('LINK_NAME_TAKEN');
      for (const auth of [staffB02, supervisor]) {
        const read = await t.http.get(`/api/v1/industry-chains/${chain.id}`).set(auth).expect(200);
        expect(read.body.links.map((l: Link) => [l.id, l.parentId])).toEqual([
          [upstream.id, null],
          [child.id, upstream.id],
        ]);
        expect(read.body.links[0]).toMatchObject({ segmentLabel: '上游', statusLabel: '已有' });
        const list = await t.http.get('/api/v1/industry-chains').set(auth).expect(200);
        expect(list.body.items.map((c: { id: string }) => c.id)).toContain(chain.id);
      }
      await t.http.get('/api/v1/industry-chains/not-an-id').set(staffB01).expect(400);
      await t.http.get('/api/v1/industry-chains/00000000-0000-4000-8000-000000000000').set(staffB01).expect(404);
      const renamed = await t.http
        .patch(`/api/v1/industry-chains/${chain.id}`)
        .set(leader)
        .send({ description: '补链延链' })
        .expect(200);
      expect(renamed.body.description).toBe('补链延链');
      await t.http.patch(`/api/v1/industry-chains/${chain.id}`).set(staffB01).send({ description: 'x' }).expect(403);
    });

    it('refuses a cycle: a link under itself or under its own descendant', async () => {
      const chain = await newChain();
      const a = await newLink(chain.id);
      const b = await newLink(chain.id, { parentId: a.id });
      const c = await newLink(chain.id, { parentId: b.id });
      for (const [link, parent] of [
        [a, a],
        [a, c],
        [b, c],
      ]) {
        const response = await t.http
          .patch(`/api/v1/industry-chains/${chain.id}/links/${link.id}`)
          .set(leader)
          .send({ parentId: parent.id })
          .expect(422);
        expect(response.body.code).toBe('LINK_CYCLE');
        expect(response.body.message).toMatch(/不能成环/);
      }
      // moving a leaf up and making a root of a link are fine
      await t.http
        .patch(`/api/v1/industry-chains/${chain.id}/links/${c.id}`)
        .set(leader)
        .send({ parentId: a.id })
        .expect(200);
      const root = await t.http
        .patch(`/api/v1/industry-chains/${chain.id}/links/${b.id}`)
        .set(leader)
        .send({ parentId: '', status: 'weak' })
        .expect(200);
      expect(root.body).toMatchObject({ parentId: null, status: 'weak', statusLabel: '薄弱' });
    });

    it('keeps a link in one chain: no parent from another chain, no editing it through another chain', async () => {
      const first = await newChain();
      const second = await newChain();
      const a = await newLink(first.id);
      const b = await newLink(second.id);
      const created = await t.http
        .post(`/api/v1/industry-chains/${second.id}/links`)
        .set(leader)
        .send({ name: '电子级氢氟酸', segment: 'midstream', status: 'missing', parentId: a.id })
        .expect(422);
      expect(created.body.code).toBe('PARENT_IN_OTHER_CHAIN');
      const moved = await t.http
        .patch(`/api/v1/industry-chains/${second.id}/links/${b.id}`)
        .set(leader)
        .send({ parentId: a.id })
        .expect(422);
      expect(moved.body.code).toBe('PARENT_IN_OTHER_CHAIN');
      await t.http
        .patch(`/api/v1/industry-chains/${second.id}/links/${a.id}`)
        .set(leader)
        .send({ status: 'weak' })
        .expect(404);
    });
  });

  describe('tags', () => {
    it('tags only records the caller may see: a staff user of another bureau finds no B01 lead or project', async () => {
      const chain = await newChain();
      const link = await newLink(chain.id);
      const investor = await createInvestor(t, staffB01);
      const lead = await createLead(t, staffB01, investor.id);
      const otherInvestor = await createInvestor(t, staffB01);
      const project = await createProject(t, staffB01, otherInvestor.id);
      const tags = `/api/v1/industry-chains/${chain.id}/links/${link.id}/tags`;
      for (const [recordKind, recordId] of [
        ['lead', lead.id],
        ['project', project.id],
      ]) {
        await t.http.post(tags).set(staffB02).send({ recordKind, recordId }).expect(404);
        await t.http.post(tags).set(headB02).send({ recordKind, recordId }).expect(404);
        const added = await t.http.post(tags).set(staffB01).send({ recordKind, recordId }).expect(201);
        expect(added.body.added).toBe(true);
        const again = await t.http.post(tags).set(staffB01).send({ recordKind, recordId }).expect(201);
        expect(again.body.added).toBe(false);
        await t.http.delete(`${tags}/${recordKind}/${recordId}`).set(staffB02).expect(404);
      }
      // companies are the district's registry: any bureau may tag one
      await t.http.post(tags).set(staffB02).send({ recordKind: 'investor', recordId: investor.id }).expect(201);
      await t.http.post(tags).set(supervisor).send({ recordKind: 'investor', recordId: investor.id }).expect(403);
      const bad = await t.http.post(tags).set(staffB01).send({ recordKind: 'visit', recordId: lead.id }).expect(400);
      expect(bad.body.message).toMatch(/标注对象类型/);
      await t.http.delete(`${tags}/visit/${lead.id}`).set(staffB01).expect(400);
      await t.http.delete(`${tags}/lead/${lead.id}`).set(staffB01).expect(204);
      await t.http.delete(`${tags}/lead/${lead.id}`).set(staffB01).expect(404);
      // a link reached through another chain is not found
      const other = await newChain();
      await t.http
        .post(`/api/v1/industry-chains/${other.id}/links/${link.id}/tags`)
        .set(staffB01)
        .send({ recordKind: 'lead', recordId: lead.id })
        .expect(404);
    });
  });

  describe('target companies', () => {
    it('shows a bureau its own and the unassigned targets, never another bureau’s, whatever id it guesses', async () => {
      const chain = await newChain();
      const link = await newLink(chain.id);
      const own = await newTarget(link.id, { bureau: 'B01' });
      const pool = await newTarget(link.id);
      expect(own.bureau).toEqual({ code: 'B01', name: expect.any(String) });
      for (const auth of [staffB02, headB02]) {
        await t.http.get(`/api/v1/chain-targets/${own.id}`).set(auth).expect(404);
        await t.http.patch(`/api/v1/chain-targets/${own.id}`).set(auth).send({ reason: '看看' }).expect(404);
        const list = await t.http.get('/api/v1/chain-targets').query({ linkId: link.id }).set(auth).expect(200);
        expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([pool.id]);
        const byBureau = await t.http.get('/api/v1/chain-targets').query({ bureau: 'B01' }).set(auth).expect(200);
        expect(byBureau.body.items).toEqual([]);
        const converted = await t.http.post(`/api/v1/chain-targets/${own.id}/lead`).set(auth).send({}).expect(409);
        expect(converted.body.code).toBe('TARGET_ASSIGNED_ELSEWHERE');
        expect(converted.body.message).toMatch(/县级领导调整分工/);
      }
      await t.http.get(`/api/v1/chain-targets/${own.id}`).set(staffB01).expect(200);
      const all = await t.http.get('/api/v1/chain-targets').query({ chainId: chain.id }).set(supervisor).expect(200);
      expect(all.body.total).toBe(2);
      // unknown ids, malformed ids
      await t.http
        .post('/api/v1/chain-targets/00000000-0000-4000-8000-000000000000/lead')
        .set(staffB02)
        .send({})
        .expect(404);
      await t.http.get('/api/v1/chain-targets/x').set(staffB02).expect(400);
    });

    it('leaves the assignment to leaders, checks the USCC, and refuses the same company twice on a link', async () => {
      const chain = await newChain();
      const link = await newLink(chain.id);
      const staffAssigns = await t.http
        .post('/api/v1/chain-targets')
        .set(staffB01)
        .send({ linkId: link.id, name: randomCompanyName(), tier: 'head', bureau: 'B01' })
        .expect(403);
      expect(staffAssigns.body.message).toMatch(/分工由县级领导/);
      const badUscc = await t.http
        .post('/api/v1/chain-targets')
        .set(leader)
        .send({ linkId: link.id, name: randomCompanyName(), tier: 'head', uscc: '91210900MA0T000010' })
        .expect(400);
      expect(badUscc.body.message).toMatch(/校验|统一社会信用代码|第/);
      const badTier = await t.http
        .post('/api/v1/chain-targets')
        .set(leader)
        .send({ linkId: link.id, name: randomCompanyName(), tier: '巨头' })
        .expect(400);
      expect(badTier.body.message).toMatch(/企业类型/);
      await t.http
        .post('/api/v1/chain-targets')
        .set(leader)
        .send({ linkId: link.id, name: randomCompanyName(), tier: 'head', bureau: 'B99' })
        .expect(400);
      const target = await newTarget(link.id, { uscc: randomUscc() });
      const again = await t.http
        .post('/api/v1/chain-targets')
        .set(leader)
        .send({ linkId: link.id, name: target.name, tier: 'other' })
        .expect(409);
      expect(again.body.code).toBe('TARGET_TAKEN');
      await t.http.patch(`/api/v1/chain-targets/${target.id}`).set(staffB01).send({ bureau: 'B01' }).expect(403);
      const poolEdit = await t.http
        .patch(`/api/v1/chain-targets/${target.id}`)
        .set(staffB01)
        .send({ reason: '本局改写' })
        .expect(403);
      expect(poolEdit.body.message).toMatch(/未分工的目标企业由县级领导或管理员维护/);
      // a bureau's own find is its own: listed for the bureau, which then edits it
      const found = await t.http
        .post('/api/v1/chain-targets')
        .set(staffB01)
        .send({ linkId: link.id, name: randomCompanyName(), tier: 'specialized' })
        .expect(201);
      expect(found.body.bureau.code).toBe('B01');
      await t.http.patch(`/api/v1/chain-targets/${found.body.id}`).set(staffB01).send({ reason: '已对接' }).expect(200);
      await t.http.get(`/api/v1/chain-targets/${found.body.id}`).set(staffB02).expect(404);
      const assigned = await t.http
        .patch(`/api/v1/chain-targets/${target.id}`)
        .set(leader)
        .send({ bureau: 'B02', reason: '与 B02 已有对接' })
        .expect(200);
      expect(assigned.body).toMatchObject({ bureau: { code: 'B02' }, reason: '与 B02 已有对接' });
    });

    it('turns a target into a lead of the bureau, once; a leader’s reassignment opens it to another bureau', async () => {
      const chain = await newChain();
      const link = await newLink(chain.id);
      const target = await newTarget(link.id, { bureau: 'B02', tier: 'chain_leader' });
      await t.http.post(`/api/v1/chain-targets/${target.id}/lead`).set(staffB01).send({}).expect(409);
      await t.http.post(`/api/v1/chain-targets/${target.id}/lead`).set(leader).send({}).expect(403);
      await t.http.patch(`/api/v1/chain-targets/${target.id}`).set(leader).send({ bureau: 'B01' }).expect(200);
      const converted = await t.http
        .post(`/api/v1/chain-targets/${target.id}/lead`)
        .set(staffB01)
        .send({ source: 'business_referral' })
        .expect(201);
      expect(converted.body.leadId).toEqual(expect.any(String));
      const lead = await t.http.get(`/api/v1/leads/${converted.body.leadId}`).set(staffB01).expect(200);
      expect(lead.body).toMatchObject({ bureau: { code: 'B01' }, source: 'business_referral' });
      const investor = await t.http.get(`/api/v1/investors/${converted.body.investorId}`).set(staffB02).expect(200);
      expect(investor.body).toMatchObject({ name: target.name, isChainLeader: true });
      const twice = await t.http.post(`/api/v1/chain-targets/${target.id}/lead`).set(staffB01).send({}).expect(409);
      expect(twice.body.code).toBe('TARGET_CONVERTED');
    });

    it('keeps the 撞单 rule: a company another bureau already works cannot become this bureau’s lead', async () => {
      const chain = await newChain();
      const link = await newLink(chain.id);
      const held = await createInvestor(t, staffB01);
      await createLead(t, staffB01, held.id);
      const target = await newTarget(link.id, { name: held.name, uscc: held.uscc, bureau: 'B02' });
      const refused = await t.http.post(`/api/v1/chain-targets/${target.id}/lead`).set(staffB02).send({}).expect(409);
      expect(refused.body.code).toBe('DUPLICATE_LEAD');
      expect(refused.body.details.bureau.code).toBe('B01');
      const still = await t.http.get(`/api/v1/chain-targets/${target.id}`).set(staffB02).expect(200);
      expect(still.body.leadId).toBeNull();
    });

    it('lets exactly one of two bureaus racing for one unassigned target win it', async () => {
      const chain = await newChain();
      const link = await newLink(chain.id);
      for (let round = 0; round < 3; round++) {
        const target = await newTarget(link.id);
        const answers = await Promise.all(
          [staffB01, staffB02].map((auth) => t.http.post(`/api/v1/chain-targets/${target.id}/lead`).set(auth).send({})),
        );
        expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
        const winner = answers.find((a) => a.status === 201)!;
        const loser = answers.find((a) => a.status === 409)!;
        expect(['TARGET_CONVERTED', 'TARGET_ASSIGNED_ELSEWHERE', 'DUPLICATE_LEAD']).toContain(loser.body.code);
        const read = await t.http.get(`/api/v1/chain-targets/${target.id}`).set(supervisor).expect(200);
        expect(read.body.leadId).toBe(winner.body.leadId);
        const leads = await t.http.get('/api/v1/leads').query({ investorId: read.body.investorId }).set(supervisor);
        expect(leads.body.total).toBe(1);
      }
    });
  });

  describe('importing target companies', () => {
    const HEADERS = ['环节', '企业名称', '统一社会信用代码', '企业类型', '所在地区', '推荐理由', '分工招商局'];
    const csv = (rows: string[][]) => Buffer.from([HEADERS, ...rows].map((r) => r.join(',')).join('\r\n'), 'utf8');
    const upload = (auth: Auth, chainId: string, file: Buffer, mode = 'dry-run') =>
      t.http
        .post('/api/v1/imports/chain-targets')
        .query({ chainId, mode })
        .set(auth)
        .set('Content-Type', 'text/csv')
        .send(file);

    it('checks every row in a dry run, refuses a commit with any problem, then writes the clean list once', async () => {
      const chain = await newChain();
      const link = await newLink(chain.id);
      const listed = await newTarget(link.id);
      const fresh = randomCompanyName('股份有限公司');
      const other = randomCompanyName('有限公司');
      const rows = [
        [link.name, fresh, randomUscc(), '链主', '江苏省苏州市', '补链', 'B01'],
        [link.name, listed.name, '', '上市', '', '', ''],
        ['没有的环节', randomCompanyName(), '', '头部', '', '', ''],
        [link.name, randomCompanyName(), '91210900MA0T000010', '巨头', '', '', 'B99'],
        [link.name, fresh, '', '其他', '', '', ''],
      ];
      const dry = await upload(leader, chain.id, csv(rows)).expect(200);
      expect(dry.body).toMatchObject({ committed: false, totalRows: 5, newRows: 1, existingRows: 1, errorRows: 3 });
      expect(dry.body.rows.map((r: { status: string }) => r.status)).toEqual([
        'new',
        'exists',
        'error',
        'error',
        'error',
      ]);
      expect(dry.body.rows[2].problems).toEqual([expect.stringMatching(/没有名为“没有的环节”的环节/)]);
      expect(dry.body.rows[3].problems).toEqual([
        expect.stringMatching(/统一社会信用代码有误/),
        expect.stringMatching(/企业类型应为/),
        expect.stringMatching(/没有招商局“B99”/),
      ]);
      expect(dry.body.rows[4].problems).toEqual([expect.stringMatching(/与第 2 行是同一环节的同一企业/)]);
      const refused = await upload(leader, chain.id, csv(rows), 'commit').expect(422);
      expect(refused.body.code).toBe('IMPORT_REJECTED');
      expect(refused.body.details.errorRows).toBe(3);
      const before = await t.http.get('/api/v1/chain-targets').query({ linkId: link.id }).set(leader);
      expect(before.body.total).toBe(1);

      const clean = [rows[0], rows[1], [link.name, other, '', 'specialized', '', '', '海州区第二招商局']];
      await upload(staffB01, chain.id, csv(clean), 'commit').expect(403);
      const committed = await upload(leader, chain.id, csv(clean), 'commit').expect(200);
      expect(committed.body).toMatchObject({ committed: true, newRows: 2, existingRows: 1, errorRows: 0 });
      const after = await t.http.get('/api/v1/chain-targets').query({ linkId: link.id, pageSize: 50 }).set(leader);
      const byName = new Map(
        (after.body.items as { name: string; tier: string; bureau: { code: string } | null }[]).map((x) => [x.name, x]),
      );
      expect(after.body.total).toBe(3);
      expect(byName.get(fresh)).toMatchObject({ tier: 'chain_leader', bureau: { code: 'B01' } });
      expect(byName.get(other)).toMatchObject({ tier: 'specialized', bureau: { code: 'B02' } });
      // B01 sees its new target, B02 does not
      const b02 = await t.http.get('/api/v1/chain-targets').query({ linkId: link.id }).set(staffB02);
      expect(b02.body.items.map((x: { name: string }) => x.name)).not.toContain(fresh);
    });

    it('answers a file it cannot read, or without the required columns, with a Chinese 400', async () => {
      const chain = await newChain();
      const missing = await t.http
        .post('/api/v1/imports/chain-targets')
        .query({ chainId: chain.id })
        .set(leader)
        .set('Content-Type', 'text/csv')
        .send(Buffer.from('企业名称,所在地区\r\n某公司,沈阳', 'utf8'))
        .expect(400);
      expect(missing.body.message).toMatch(/缺少必填列：环节、企业类型/);
      const noChain = await t.http
        .post('/api/v1/imports/chain-targets')
        .set(leader)
        .set('Content-Type', 'text/csv')
        .send(csv([]))
        .expect(400);
      expect(noChain.body.message).toMatch(/产业链/);
      await upload(leader, '00000000-0000-4000-8000-000000000000', csv([])).expect(404);
    });
  });

  describe('coverage', () => {
    it('equals a recount of the records, per link and as of a date, and shows the same figures to every bureau', async () => {
      const chain = await newChain();
      const parent = await newLink(chain.id, { segment: 'upstream' });
      const gap = await newLink(chain.id, { parentId: parent.id, segment: 'downstream' });
      // three targets on the parent link: one listed in February, one turned into a lead and visited, one untouched
      const early = await t.get(BusinessClock).asOf('2026-02-01', () =>
        t.get(ChainTargetService).create(actorOf(leaderUser), {
          linkId: parent.id,
          name: randomCompanyName('化工有限公司'),
          tier: 'head' as never,
        }),
      );
      const visited = await newTarget(parent.id, { bureau: 'B01' });
      await newTarget(parent.id);
      const lead = await t.http.post(`/api/v1/chain-targets/${visited.id}/lead`).set(staffB01).send({}).expect(201);
      await t.http
        .post('/api/v1/visits')
        .set(staffB01)
        .send(visitBody(lead.body.leadId, { date: '2026-11-18' }))
        .expect(201);
      // a tagged project: its company's lead and the project count on the link
      const company = await createInvestor(t, staffB01);
      await createLead(t, staffB01, company.id);
      const project = await advance(t, staffB01, await createProject(t, staffB01, company.id), {
        to: 'registered',
        deal: gates.deal({ amount: '12500.00' }),
        registration: gates.registration(),
      });
      await t.http
        .post(`/api/v1/projects/${project.id}/funds`)
        .set(staffB01)
        .send({ month: '2026-10', amount: '3200.00' })
        .expect(201);
      await t.http
        .post(`/api/v1/industry-chains/${chain.id}/links/${parent.id}/tags`)
        .set(staffB01)
        .send({ recordKind: 'project', recordId: project.id })
        .expect(201);
      // a company tagged on the gap link: no lead, no project
      const idle = await createInvestor(t, staffB02);
      await t.http
        .post(`/api/v1/industry-chains/${chain.id}/links/${gap.id}/tags`)
        .set(staffB02)
        .send({ recordKind: 'investor', recordId: idle.id })
        .expect(201);

      const coverage = await t.http.get(`/api/v1/industry-chains/${chain.id}/coverage`).set(leader).expect(200);
      expect(coverage.body.staleDays).toBe(90);
      const [p, g] = coverage.body.links;
      expect(p).toMatchObject({
        linkId: parent.id,
        targets: 3,
        contacted: 1,
        staleTargets: 2,
        leads: 2,
        projectsByStage: [{ stage: 'registered', count: 1 }],
        liveProjects: 1,
        signedAmount: '12500.00',
        fundsInPlace: '3200.00',
        noProject: false,
      });
      expect(g).toMatchObject({
        linkId: gap.id,
        parentId: parent.id,
        targets: 0,
        leads: 0,
        liveProjects: 0,
        noProject: true,
      });
      expect(coverage.body.linksWithoutProject).toEqual([gap.name]);
      expect(coverage.body.total).toMatchObject({
        targets: 3,
        contacted: 1,
        leads: 2,
        liveProjects: 1,
        signedAmount: '12500.00',
      });

      // the recount, from the records themselves
      const targets = await t.http.get('/api/v1/chain-targets').query({ linkId: parent.id }).set(leader);
      expect(targets.body.total).toBe(p.targets);
      const converted = targets.body.items.filter((x: { leadId: string | null }) => x.leadId);
      let contacted = 0;
      for (const target of converted) {
        const visits = await t.http.get('/api/v1/visits').query({ leadId: target.leadId }).set(leader);
        if (visits.body.total > 0) contacted++;
      }
      expect(contacted).toBe(p.contacted);
      const funds = await t.http.get(`/api/v1/projects/${project.id}/funds`).set(leader).expect(200);
      const fundsTotal = (funds.body.items as { amount: string }[]).reduce((sum, f) => sum + Number(f.amount), 0);
      expect(fundsTotal.toFixed(2)).toBe(p.fundsInPlace);

      // as of a past day: only the February target was listed, nothing else had happened
      const past = await t.http
        .get(`/api/v1/industry-chains/${chain.id}/coverage`)
        .query({ date: '2026-03-01' })
        .set(leader)
        .expect(200);
      expect(past.body.links[0]).toMatchObject({
        targets: 1,
        contacted: 0,
        staleTargets: 1,
        leads: 0,
        liveProjects: 0,
      });
      expect(early.listedOn).toBe('2026-02-01');

      // figures, not records: every bureau reads the same district-wide totals
      const b02 = await t.http.get(`/api/v1/industry-chains/${chain.id}/coverage`).set(staffB02).expect(200);
      expect(b02.body).toEqual(coverage.body);

      const future = await t.http
        .get(`/api/v1/industry-chains/${chain.id}/coverage`)
        .query({ date: addDays(t.get(BusinessClock).today(), 3) })
        .set(leader)
        .expect(400);
      expect(future.body.message).toMatch(/不能晚于今天/);
      await t.http
        .get(`/api/v1/industry-chains/${chain.id}/coverage`)
        .query({ date: '2026-13-01' })
        .set(leader)
        .expect(400);
    });

    it('shows a write made after a read at once, and counts a lead tagged on two links once for the chain', async () => {
      const chain = await newChain();
      const first = await newLink(chain.id);
      const second = await newLink(chain.id);
      const target = await newTarget(first.id, { bureau: 'B01' });
      const read = async () => {
        const response = await t.http.get(`/api/v1/industry-chains/${chain.id}/coverage`).set(leader).expect(200);
        const body = response.body as { links: { linkId: string }[]; total: unknown };
        const linkOf = (id: string) => body.links.find((link) => link.linkId === id);
        return { body, first: linkOf(first.id), second: linkOf(second.id) };
      };
      const before = await read();
      expect(before.first).toMatchObject({ targets: 1, contacted: 0, staleTargets: 1, leads: 0 });
      expect((await read()).body).toEqual(before.body);

      const lead = await t.http.post(`/api/v1/chain-targets/${target.id}/lead`).set(staffB01).send({}).expect(201);
      expect((await read()).first).toMatchObject({ targets: 1, contacted: 0, leads: 1 });
      const today = t.get(BusinessClock).today();
      await t.http
        .post('/api/v1/visits')
        .set(staffB01)
        .send(visitBody(lead.body.leadId, { date: today, nextFollowUpAt: addDays(today, 7) }))
        .expect(201);
      expect((await read()).first).toMatchObject({ targets: 1, contacted: 1, staleTargets: 0, leads: 1 });

      await t.http
        .post(`/api/v1/industry-chains/${chain.id}/links/${second.id}/tags`)
        .set(staffB01)
        .send({ recordKind: 'lead', recordId: lead.body.leadId })
        .expect(201);
      const tagged = await read();
      expect(tagged.second).toMatchObject({ targets: 0, leads: 1 });
      expect(tagged.first).toMatchObject({ leads: 1 });
      expect(tagged.body.total).toMatchObject({ targets: 1, contacted: 1, staleTargets: 0, leads: 1 });
    });
  });
});
