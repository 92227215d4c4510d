import { Role } from '@app/core';
import { DataSource } from 'typeorm';
import { createInvestor, createLead, investorBody, randomCompanyName, randomUscc } from './factories/investor.factory';
import { advance, createProject, gates, moveStage, projectBody } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

const HEADERS = ['企业名称', '统一社会信用代码', '所属行业', '线索来源', '意向投资额（万元）', '下次跟进日期', '备注'];
const csv = (rows: string[][]) => Buffer.from([HEADERS, ...rows].map((r) => r.join(',')).join('\r\n'), 'utf8');

/** A brand (字号) no other call returns: four random ideographs. */
function brand(): string {
  return randomCompanyName('').replace(/^阜新/, '');
}

describe('one investor, one bureau (撞单 on every path)', () => {
  let t: TestApp;
  let staffB01: Auth;
  let staffB02: Auth;
  let headB01: Auth;
  let leader: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    staffB01 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staffB02 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    headB01 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
  });

  afterAll(async () => {
    await t.close();
  });

  const convert = (auth: Auth, leadId: string) =>
    t.http.post(`/api/v1/leads/${leadId}/convert`).set(auth).send({ name: '年产2万吨电子级氢氟酸项目' });

  describe('registering the same company again', () => {
    it('refuses the exact name another bureau holds even with confirmNotDuplicate, naming the owner and the date', async () => {
      const name = `辽宁${brand()}新材料有限公司`;
      const held = await createInvestor(t, staffB01, { name });
      await createLead(t, staffB01, held.id);
      const again = await t.http
        .post('/api/v1/investors')
        .set(staffB02)
        .send(investorBody({ name, confirmNotDuplicate: true }))
        .expect(409);
      expect(again.body.code).toBe('INVESTOR_REGISTERED');
      expect(again.body.message).toMatch(/B01 海州区第一招商局于 \d{4}-\d{2}-\d{2} 跟进/);
      expect(again.body.details.owner).toMatchObject({ bureau: { code: 'B01' } });
      expect(again.body.details.candidates[0].id).toBe(held.id);
      // the only way to work it: the existing registration, where the lead is 撞单
      const lead = await t.http
        .post('/api/v1/leads')
        .set(staffB02)
        .send({ investorId: held.id, source: 'fair' })
        .expect(409);
      expect(lead.body.code).toBe('DUPLICATE_LEAD');
      expect(lead.body.details.bureau.code).toBe('B01');
    });

    it('refuses the same company without its city in brackets, and search finds it by its core name', async () => {
      const core = brand();
      const held = await createInvestor(t, staffB01, { name: `辽宁${core}氟材料有限公司` });
      for (const name of [
        `辽宁${core}（阜新）氟材料有限公司`,
        `辽宁省阜新市${core}氟材料有限责任公司`,
        `${core} (辽宁) 氟材料股份有限公司`,
      ]) {
        const response = await t.http
          .post('/api/v1/investors')
          .set(staffB02)
          .send(investorBody({ name, confirmNotDuplicate: true }))
          .expect(409);
        expect(response.body.code).toBe('INVESTOR_REGISTERED');
        expect(response.body.details.candidates[0].id).toBe(held.id);
      }
      for (const q of [`${core}氟材料`, `辽宁${core}（阜新）氟材料`]) {
        const found = await t.http.get('/api/v1/investors').query({ q }).set(staffB02).expect(200);
        expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([held.id]);
      }
    });

    it('refuses a renaming onto another company’s normalised name', async () => {
      const core = brand();
      await createInvestor(t, staffB01, { name: `${core}光伏有限公司` });
      const other = await createInvestor(t, staffB02, { name: `${brand()}食品有限公司` });
      const response = await t.http
        .patch(`/api/v1/investors/${other.id}`)
        .set(staffB02)
        .send({ name: `阜新${core}光伏股份有限公司` })
        .expect(409);
      expect(response.body.code).toBe('INVESTOR_REGISTERED');
    });

    it('reads a USCC as typed (spaces, lower case, full width) and refuses the same code however written', async () => {
      const uscc = randomUscc();
      const typed = ` ${uscc.slice(0, 9).toLowerCase()} ${uscc.slice(9)} `;
      const created = await createInvestor(t, staffB01, { uscc: typed });
      expect(created.uscc).toBe(uscc);
      const fullWidth = uscc.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      const again = await t.http
        .post('/api/v1/investors')
        .set(staffB02)
        .send(investorBody({ uscc: fullWidth, confirmNotDuplicate: true }))
        .expect(409);
      expect(again.body.code).toBe('USCC_TAKEN');
      expect(again.body.details.owner.bureau.code).toBe('B01');
      const found = await t.http
        .get('/api/v1/investors')
        .query({ q: ` ${uscc.toLowerCase()} ` })
        .set(staffB02);
      expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    });
  });

  describe('projects need their bureau’s own claim', () => {
    it('refuses a project on an investor another bureau holds by its open lead, naming the owner', async () => {
      const investor = await createInvestor(t, staffB01);
      await createLead(t, staffB01, investor.id);
      const response = await t.http.post('/api/v1/projects').set(staffB02).send(projectBody(investor.id)).expect(409);
      expect(response.body.code).toBe('DUPLICATE_LEAD');
      expect(response.body.details).toMatchObject({ bureau: { code: 'B01' } });
      expect(response.body.message).toContain('B01');
      // the holder's own project is fine
      await createProject(t, staffB01, investor.id);
    });

    it('keeps the claim through conversion: no lead or project of another bureau afterwards, a second of its own is fine', async () => {
      const investor = await createInvestor(t, staffB01);
      const lead = await createLead(t, staffB01, investor.id);
      await convert(staffB01, lead.id).expect(201);
      const otherLead = await t.http
        .post('/api/v1/leads')
        .set(staffB02)
        .send({ investorId: investor.id, source: 'fair' })
        .expect(409);
      expect(otherLead.body.details.bureau.code).toBe('B01');
      await t.http.post('/api/v1/projects').set(staffB02).send(projectBody(investor.id)).expect(409);
      await createProject(t, staffB01, investor.id, { name: '二期项目' });
      const registry = await t.http.get(`/api/v1/investors/${investor.id}`).set(staffB02).expect(200);
      expect(registry.body.claimedBy).toMatchObject({ bureau: { code: 'B01' } });
    });

    it('gives a direct project the claim when no bureau holds the investor', async () => {
      const investor = await createInvestor(t, staffB02);
      await createProject(t, staffB01, investor.id);
      await t.http.post('/api/v1/leads').set(staffB02).send({ investorId: investor.id, source: 'fair' }).expect(409);
    });

    it('frees the claim when the holder terminates its last live project, and a reopening then meets the new owner', async () => {
      const investor = await createInvestor(t, staffB01);
      const project = await createProject(t, staffB01, investor.id);
      const terminated = await advance(t, staffB01, project, { to: 'terminated', reason: '企业投资计划取消' });
      await createLead(t, staffB02, investor.id);
      const reopen = await moveStage(t.http, leader, project.id, {
        to: 'reserve',
        expectedVersion: terminated.version,
        reason: '企业恢复投资',
      }).expect(409);
      expect(reopen.body.code).toBe('DUPLICATE_LEAD');
      expect(reopen.body.details.bureau.code).toBe('B02');
    });

    it('refuses to move a project left from before the rule on a company another bureau holds', async () => {
      const investor = await createInvestor(t, staffB01);
      const project = await createProject(t, staffB01, investor.id);
      // as the data stood before the rule: B02 holds the company while B01 has a project on it
      const b02 = await t.get(DataSource).query(`SELECT id FROM bureau WHERE code = 'B02'`);
      await t
        .get(DataSource)
        .query(`UPDATE investor SET claimed_by_bureau_id = $2, claimed_at = now() WHERE id = $1`, [
          investor.id,
          b02[0].id,
        ]);
      const signing = await moveStage(t.http, staffB01, project.id, {
        to: 'signed',
        expectedVersion: project.version,
        deal: gates.deal(),
      }).expect(409);
      expect(signing.body).toMatchObject({ code: 'DUPLICATE_LEAD', details: { bureau: { code: 'B02' } } });
      const unchanged = await t.http.get(`/api/v1/projects/${project.id}`).set(staffB01).expect(200);
      expect(unchanged.body).toMatchObject({ stage: 'reserve', version: project.version });
      // terminating it is always possible
      await advance(t, staffB01, project, { to: 'terminated', reason: '与 B02 撞单，项目移交' });
    });

    it('keeps the claim when the lead is dropped while the bureau still has a live project', async () => {
      const investor = await createInvestor(t, staffB01);
      const lead = await createLead(t, staffB01, investor.id);
      await createProject(t, staffB01, investor.id);
      await t.http.post(`/api/v1/leads/${lead.id}/drop`).set(staffB01).send({ reason: '转为直接立项' }).expect(200);
      await t.http.post('/api/v1/leads').set(staffB02).send({ investorId: investor.id, source: 'fair' }).expect(409);
    });

    it('frees the claim when the lead is dropped and nothing else holds it', async () => {
      const investor = await createInvestor(t, staffB01);
      const lead = await createLead(t, staffB01, investor.id);
      await t.http.post(`/api/v1/leads/${lead.id}/drop`).set(staffB01).send({ reason: '企业无意向' }).expect(200);
      await createLead(t, staffB02, investor.id);
      await createProject(t, staffB02, investor.id);
    });
  });

  describe('transfers', () => {
    it('moves the claim with an approved transfer: the new owner may open projects, the old one may not', async () => {
      const investor = await createInvestor(t, staffB01);
      const lead = await createLead(t, staffB01, investor.id);
      const transfer = await t.http
        .post(`/api/v1/leads/${lead.id}/transfers`)
        .set(staffB02)
        .send({ toBureauCode: 'B02', reason: '企业拟落户我局负责的园区' })
        .expect(201);
      await t.http.post(`/api/v1/lead-transfers/${transfer.body.id}/approve`).set(headB01).send({}).expect(200);
      await createProject(t, staffB02, investor.id);
      const refused = await t.http.post('/api/v1/projects').set(staffB01).send(projectBody(investor.id)).expect(409);
      expect(refused.body.details.bureau.code).toBe('B02');
    });

    it('refuses to transfer a lead alone while its bureau keeps a live project on the investor', async () => {
      const investor = await createInvestor(t, staffB01);
      const lead = await createLead(t, staffB01, investor.id);
      await createProject(t, staffB01, investor.id);
      const transfer = await t.http
        .post(`/api/v1/leads/${lead.id}/transfers`)
        .set(staffB02)
        .send({ toBureauCode: 'B02', reason: '企业拟落户我局负责的园区' })
        .expect(201);
      await t.http.post(`/api/v1/lead-transfers/${transfer.body.id}/approve`).set(headB01).send({}).expect(409);
      await t.http.post('/api/v1/projects').set(staffB02).send(projectBody(investor.id)).expect(409);
    });
  });

  describe('the ledger import', () => {
    const upload = (auth: Auth, file: Buffer, mode: string) =>
      t.http.post('/api/v1/imports/leads').query({ mode }).set(auth).set('content-type', 'text/csv').send(file);

    it('refuses the row of a company another bureau holds by a project as 撞单, and writes no lead for it', async () => {
      const investor = await createInvestor(t, staffB01);
      await createProject(t, staffB01, investor.id);
      const file = csv([[investor.name, investor.uscc as string, '氟化工', '展会', '100', '', '']]);
      const dry = await upload(staffB02, file, 'dry-run').expect(200);
      expect(dry.body.duplicates).toEqual([
        expect.objectContaining({ row: 2, kind: 'claimed', ownerBureau: expect.objectContaining({ code: 'B01' }) }),
      ]);
      // a 撞单 refuses its own row; the commit writes the rows that are clean (here none)
      const commit = await upload(staffB02, file, 'commit').expect(200);
      expect(commit.body.duplicates).toEqual([expect.objectContaining({ row: 2, kind: 'claimed' })]);
      const leads = await t.http.get('/api/v1/leads').query({ investorId: investor.id }).set(leader).expect(200);
      expect(leads.body.total).toBe(0);
    });

    it('gives the importing bureau the claim of every company it imports', async () => {
      const name = `${brand()}机械制造有限公司`;
      await upload(staffB01, csv([[name, '', '装备制造', '展会', '', '', '']]), 'commit').expect(200);
      const found = await t.http.get('/api/v1/investors').query({ q: name }).set(staffB02).expect(200);
      const investorId = found.body.items[0].id as string;
      await t.http.post('/api/v1/projects').set(staffB02).send(projectBody(investorId)).expect(409);
    });
  });

  describe('concurrent claims', () => {
    it('lets exactly one of two bureaus win, whichever paths they take (lead against project)', async () => {
      for (let round = 0; round < 3; round++) {
        const investor = await createInvestor(t, staffB01);
        const responses = await Promise.all([
          t.http.post('/api/v1/projects').set(staffB01).send(projectBody(investor.id)),
          t.http.post('/api/v1/leads').set(staffB02).send({ investorId: investor.id, source: 'fair' }),
        ]);
        expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
        const loser = responses.find((r) => r.status === 409);
        expect(loser?.body.code).toBe('DUPLICATE_LEAD');
        const winner = responses.find((r) => r.status === 201);
        expect(loser?.body.details.bureau.code).toBe(winner?.body.bureau.code);
      }
    });

    it('lets exactly one of two bureaus win two racing projects', async () => {
      const investor = await createInvestor(t, staffB01);
      const responses = await Promise.all([
        t.http.post('/api/v1/projects').set(staffB01).send(projectBody(investor.id)),
        t.http.post('/api/v1/projects').set(staffB02).send(projectBody(investor.id)),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    });

    it('registers a racing same-named company once', async () => {
      const name = `${brand()}化工有限公司`;
      const responses = await Promise.all([
        t.http
          .post('/api/v1/investors')
          .set(staffB01)
          .send(investorBody({ name, confirmNotDuplicate: true })),
        t.http
          .post('/api/v1/investors')
          .set(staffB02)
          .send(investorBody({ name: `阜新${name}`, confirmNotDuplicate: true })),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    });
  });
});
