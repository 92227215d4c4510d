import { Role } from '@app/core';
import { signedIn } from './factories/user.factory';
import {
  createInvestor,
  createLead,
  investorBody,
  malformed,
  randomCompanyName,
  randomUscc,
} from './factories/investor.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

describe('investors', () => {
  let t: TestApp;
  let staffB01: Auth;
  let staffB02: Auth;
  let headB01: Auth;
  let leader: Auth;
  let supervisor: Auth;
  let admin: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    staffB01 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    staffB02 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    headB01 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
  });

  afterAll(async () => {
    await t.close();
  });

  describe('USCC validation', () => {
    it('accepts the example code of the standard', async () => {
      const response = await t.http
        .post('/api/v1/investors')
        .set(staffB01)
        .send(investorBody({ uscc: '91350100M000100Y43' }))
        .expect(201);
      expect(response.body.uscc).toBe('91350100M000100Y43');
      expect(response.body.createdByBureau.code).toBe('B01');
    });

    it.each([
      ['wrong length', '91350100M000100Y4', '18 位'],
      ['the letter O', '91350100O000100Y43', 'I、O、S、V、Z'],
      ['the letter I', '9135010I0000100Y43', 'I、O、S、V、Z'],
      ['the letter S', '91350100S000100Y43', 'I、O、S、V、Z'],
      ['the letter V', '91350100V000100Y43', 'I、O、S、V、Z'],
      ['the letter Z', '91350100Z000100Y43', 'I、O、S、V、Z'],
      ['a bad check character', '91350100M000100Y44', '校验不通过，请与营业执照上的代码逐位核对'],
    ])('refuses %s with a message that says what is wrong', async (_, uscc, words) => {
      const response = await t.http.post('/api/v1/investors').set(staffB01).send(investorBody({ uscc })).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toContain(words);
    });

    it('accepts a code typed in lower case with spaces, and keeps it upper case', async () => {
      const response = await t.http
        .post('/api/v1/investors')
        .set(staffB02)
        .send(investorBody({ uscc: ' 91350100m000100y43 ' }))
        .expect(409);
      // the same code as the standard's example registered above
      expect(response.body.code).toBe('USCC_TAKEN');
    });

    it('registers a company without a USCC', async () => {
      const response = await t.http
        .post('/api/v1/investors')
        .set(staffB01)
        .send(investorBody({ uscc: undefined, region: '德国巴伐利亚州' }))
        .expect(201);
      expect(response.body.uscc).toBeNull();
    });
  });

  describe('duplicates', () => {
    it('refuses the same USCC even when confirmed, naming the registered company', async () => {
      const first = await createInvestor(t, staffB01);
      const response = await t.http
        .post('/api/v1/investors')
        .set(staffB02)
        .send(investorBody({ uscc: first.uscc ?? undefined, confirmNotDuplicate: true }))
        .expect(409);
      expect(response.body.code).toBe('USCC_TAKEN');
      expect(response.body.details.candidates[0].id).toBe(first.id);
    });

    it('refuses a name that normalises the same, naming the owner bureau and the date, with its open lead', async () => {
      const core = randomCompanyName('');
      const first = await createInvestor(t, staffB01, { name: `${core}化工有限公司` });
      await createLead(t, staffB01, first.id);
      const response = await t.http
        .post('/api/v1/investors')
        .set(staffB02)
        .send(investorBody({ name: `${core}化工（集团）股份有限公司`, uscc: randomUscc() }))
        .expect(409);
      expect(response.body.code).toBe('INVESTOR_REGISTERED');
      expect(response.body.message).toMatch(/B01 .+于 \d{4}-\d{2}-\d{2} 跟进/);
      expect(response.body.details.owner.bureau.code).toBe('B01');
      const candidate = response.body.details.candidates[0];
      expect(candidate).toMatchObject({ id: first.id, similarity: 1 });
      expect(candidate.openLead.bureau.code).toBe('B01');
    });

    it('refuses a near-identical name by trigram similarity', async () => {
      const core = randomCompanyName('');
      const first = await createInvestor(t, staffB01, { name: `${core}氟材料有限公司` });
      const response = await t.http
        .post('/api/v1/investors')
        .set(staffB02)
        .send(investorBody({ name: `${core}氟材料科技有限公司` }))
        .expect(409);
      expect(response.body.code).toBe('DUPLICATE_INVESTOR');
      expect(response.body.details.candidates.map((c: { id: string }) => c.id)).toContain(first.id);
      expect(response.body.details.candidates[0].similarity).toBeGreaterThanOrEqual(0.5);
    });

    it('registers a near-identical name once the caller confirms it is another company', async () => {
      const core = randomCompanyName('');
      await createInvestor(t, staffB01, { name: `${core}风电有限公司` });
      const unconfirmed = await t.http
        .post('/api/v1/investors')
        .set(staffB02)
        .send(investorBody({ name: `${core}风电设备有限责任公司` }))
        .expect(409);
      expect(unconfirmed.body.code).toBe('DUPLICATE_INVESTOR');
      const response = await t.http
        .post('/api/v1/investors')
        .set(staffB02)
        .send(investorBody({ name: `${core}风电设备有限责任公司`, confirmNotDuplicate: true }))
        .expect(201);
      expect(response.body.name).toBe(`${core}风电设备有限责任公司`);
    });
  });

  describe('search', () => {
    it('finds by a fragment of the name, by USCC, and ignores width and legal forms', async () => {
      const core = randomCompanyName('');
      const investor = await createInvestor(t, staffB01, { name: `${core}农产品加工有限公司` });
      for (const q of [core.slice(2, 5), investor.uscc as string, `${core}农产品加工`]) {
        const response = await t.http.get('/api/v1/investors').query({ q }).set(supervisor).expect(200);
        expect(response.body.items.map((i: { id: string }) => i.id)).toContain(investor.id);
      }
      const page = await t.http.get('/api/v1/investors').query({ q: core, pageSize: 1 }).set(leader).expect(200);
      expect(page.body).toMatchObject({ total: 1, page: 1, pageSize: 1 });
    });

    it('refuses a sort outside the whitelist', async () => {
      await t.http.get('/api/v1/investors').query({ sort: 'password' }).set(staffB01).expect(400);
    });
  });

  describe('editing', () => {
    it('lets the registering bureau, leaders and admins edit, and no one else', async () => {
      const investor = await createInvestor(t, staffB01);
      await t.http.patch(`/api/v1/investors/${investor.id}`).set(headB01).send({ industry: '新材料' }).expect(200);
      await t.http.patch(`/api/v1/investors/${investor.id}`).set(leader).send({ isChainLeader: true }).expect(200);
      await t.http.patch(`/api/v1/investors/${investor.id}`).set(admin).send({ region: '上海市' }).expect(200);
      await t.http.patch(`/api/v1/investors/${investor.id}`).set(staffB02).send({ region: '北京市' }).expect(403);
      await t.http.patch(`/api/v1/investors/${investor.id}`).set(supervisor).send({ region: '北京市' }).expect(403);
      const response = await t.http.get(`/api/v1/investors/${investor.id}`).set(staffB02).expect(200);
      expect(response.body).toMatchObject({ industry: '新材料', isChainLeader: true, region: '上海市' });
    });

    it('refuses a USCC that another company holds', async () => {
      const a = await createInvestor(t, staffB01);
      const b = await createInvestor(t, staffB01);
      const response = await t.http.patch(`/api/v1/investors/${b.id}`).set(staffB01).send({ uscc: a.uscc }).expect(409);
      expect(response.body.code).toBe('USCC_TAKEN');
    });
  });

  describe('contacts', () => {
    it('masks phone numbers outside the bureau that holds the open lead; district roles read them in full', async () => {
      const investor = await createInvestor(t, staffB02);
      await createLead(t, staffB01, investor.id);
      await t.http
        .post(`/api/v1/investors/${investor.id}/contacts`)
        .set(staffB01)
        .send({ name: '李经理', title: '投资总监', phone: '13812345678', wechat: 'li_1988' })
        .expect(201);
      await t.http
        .post(`/api/v1/investors/${investor.id}/contacts`)
        .set(staffB01)
        .send({ name: '王会计', phone: '0418-1234567' })
        .expect(201);
      const own = await t.http.get(`/api/v1/investors/${investor.id}/contacts`).set(headB01).expect(200);
      expect(own.body.map((c: { phone: string }) => c.phone)).toEqual(['13812345678', '0418-1234567']);
      const other = await t.http.get(`/api/v1/investors/${investor.id}/contacts`).set(staffB02).expect(200);
      expect(other.body.map((c: { phone: string }) => c.phone)).toEqual(['138****5678', '0418-****4567']);
      expect(other.body[0]).toMatchObject({ phoneMasked: true, wechat: 'li****88', masked: true });
      for (const auth of [leader, supervisor, admin]) {
        const district = await t.http.get(`/api/v1/investors/${investor.id}/contacts`).set(auth).expect(200);
        expect(district.body.map((c: { phone: string }) => c.phone)).toEqual(['13812345678', '0418-1234567']);
        expect(district.body[0]).toMatchObject({ phoneMasked: false, wechat: 'li_1988', masked: false });
      }
    });

    it('lets only the working bureau add contacts, and checks the phone format', async () => {
      const investor = await createInvestor(t, staffB01);
      await t.http.post(`/api/v1/investors/${investor.id}/contacts`).set(staffB02).send({ name: '张三' }).expect(403);
      await t.http.post(`/api/v1/investors/${investor.id}/contacts`).set(leader).send({ name: '张三' }).expect(403);
      for (const phone of ['12812345678', '1381234567', '418-1234567', 13812345678]) {
        await t.http
          .post(`/api/v1/investors/${investor.id}/contacts`)
          .set(staffB01)
          .send({ name: '张三', phone })
          .expect(400);
      }
      await t.http.get(`/api/v1/investors/00000000-0000-4000-8000-000000000000/contacts`).set(staffB01).expect(404);
    });

    describe('editing', () => {
      const contactsOf = (investorId: string) => `/api/v1/investors/${investorId}/contacts`;

      /** An investor whose open lead B01 holds, with one contact that B01 added. */
      async function workedByB01(): Promise<{ investorId: string; contactId: string; url: string }> {
        const investor = await createInvestor(t, staffB02);
        await createLead(t, staffB01, investor.id);
        const contact = await t.http
          .post(contactsOf(investor.id))
          .set(staffB01)
          .send({ name: '李经理', title: '投资总监', phone: '13812345678', wechat: 'li_1988' })
          .expect(201);
        const contactId = contact.body.id as string;
        return { investorId: investor.id, contactId, url: `${contactsOf(investor.id)}/${contactId}` };
      }

      it('lets the working bureau correct a contact, and still masks every channel for other bureaus', async () => {
        const { investorId, url } = await workedByB01();
        const edited = await t.http
          .patch(url)
          .set(staffB01)
          .send({
            name: '李建华',
            title: '副总经理',
            phone: '13987654321',
            email: 'li.jianhua@example.com',
            wechat: 'lijianhua_1985',
          })
          .expect(200);
        expect(edited.body).toMatchObject({
          name: '李建华',
          title: '副总经理',
          phone: '13987654321',
          phoneMasked: false,
          email: 'li.jianhua@example.com',
          wechat: 'lijianhua_1985',
        });
        const head = await t.http.patch(url).set(headB01).send({ title: '总经理' }).expect(200);
        expect(head.body).toMatchObject({ name: '李建华', title: '总经理', phone: '13987654321' });
        const other = await t.http.get(contactsOf(investorId)).set(staffB02).expect(200);
        expect(other.body).toEqual([
          expect.objectContaining({
            name: '李建华',
            title: '总经理',
            phone: '139****4321',
            phoneMasked: true,
            email: 'l***@example.com',
            wechat: 'li****85',
          }),
        ]);
        for (const auth of [leader, supervisor, admin]) {
          const district = await t.http.get(contactsOf(investorId)).set(auth).expect(200);
          expect(district.body).toEqual([
            expect.objectContaining({
              phone: '13987654321',
              email: 'li.jianhua@example.com',
              wechat: 'lijianhua_1985',
            }),
          ]);
        }
      });

      it('clears optional fields given as null and leaves unnamed fields alone', async () => {
        const { url } = await workedByB01();
        const cleared = await t.http.patch(url).set(staffB01).send({ phone: null, title: null }).expect(200);
        expect(cleared.body).toMatchObject({ name: '李经理', title: null, phone: null, phoneMasked: false });
        expect(cleared.body.wechat).toBe('li_1988');
      });

      it('audits the change without the phone number, in the same transaction', async () => {
        const { contactId, url } = await workedByB01();
        await t.http.patch(url).set(staffB01).send({ phone: '13700001111', title: '董事长' }).expect(200);
        const audit = await t.http
          .get('/api/v1/audit')
          .query({ entity: 'investor_contact', entityId: contactId, action: 'contact.update' })
          .set(supervisor)
          .expect(200);
        expect(audit.body.items).toHaveLength(1);
        expect(audit.body.items[0]).toMatchObject({
          before: { title: '投资总监', hasPhone: true },
          after: { title: '董事长', hasPhone: true, changed: ['title', 'phone'] },
        });
        expect(JSON.stringify(audit.body.items[0])).not.toMatch(/1381234|1370000/);
        // an edit that changes nothing writes nothing
        await t.http.patch(url).set(staffB01).send({ title: '董事长' }).expect(200);
        const again = await t.http
          .get('/api/v1/audit')
          .query({ entityId: contactId, action: 'contact.update' })
          .set(supervisor)
          .expect(200);
        expect(again.body.total).toBe(1);
      });

      it('refuses other bureaus and district roles as adding does, and unknown contacts with 404', async () => {
        const { investorId, contactId, url } = await workedByB01();
        const other = await t.http.patch(url).set(staffB02).send({ title: '总经理' }).expect(403);
        expect(other.body.code).toBe('NOT_OWN_BUREAU');
        for (const auth of [leader, supervisor, admin]) {
          await t.http.patch(url).set(auth).send({ title: '总经理' }).expect(403);
        }
        const elsewhere = await workedByB01();
        // a contact of another investor is not found under this one
        await t.http
          .patch(`${contactsOf(investorId)}/${elsewhere.contactId}`)
          .set(staffB01)
          .send({ title: '总经理' })
          .expect(404);
        await t.http
          .patch(`${contactsOf(investorId)}/00000000-0000-4000-8000-000000000000`)
          .set(staffB01)
          .send({ title: '总经理' })
          .expect(404);
        await t.http
          .patch(`${contactsOf('00000000-0000-4000-8000-000000000000')}/${contactId}`)
          .set(staffB01)
          .send({ title: '总经理' })
          .expect(404);
        await t.http
          .patch(`${contactsOf(investorId)}/not-a-uuid`)
          .set(staffB01)
          .send({ title: '总经理' })
          .expect(400);
        const unchanged = await t.http.get(contactsOf(investorId)).set(staffB01).expect(200);
        expect(unchanged.body[0].title).toBe('投资总监');
      });

      it.each([
        ['an unknown field', { salary: 100 }],
        ['a bad mobile number', { phone: '12812345678' }],
        ['a phone number as a number', { phone: 13812345678 }],
        ['a landline without area code', { phone: '1234567' }],
        ['an empty name', { name: '' }],
        ['a null name', { name: null }],
        ['a 51-character name', { name: '李'.repeat(51) }],
        ['a bad e-mail', { email: 'li@' }],
        ['a 51-character WeChat id', { wechat: 'w'.repeat(51) }],
        ['a title that is not text', { title: ['总经理'] }],
      ])('answers 400 to %s', async (_, body) => {
        const { url } = await workedByB01();
        const response = await t.http.patch(url).set(staffB01).send(body).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      });
    });
  });

  describe('idempotency', () => {
    it('replays the first answer for the same key and body, and refuses another body with 422', async () => {
      const body = investorBody();
      const first = await t.http
        .post('/api/v1/investors')
        .set(staffB01)
        .set('Idempotency-Key', 'inv-key-1')
        .send(body)
        .expect(201);
      const again = await t.http
        .post('/api/v1/investors')
        .set(staffB01)
        .set('Idempotency-Key', 'inv-key-1')
        .send(body)
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const list = await t.http
        .get('/api/v1/investors')
        .query({ q: body.uscc as string })
        .set(staffB01)
        .expect(200);
      expect(list.body.total).toBe(1);
      const other = await t.http
        .post('/api/v1/investors')
        .set(staffB01)
        .set('Idempotency-Key', 'inv-key-1')
        .send(investorBody())
        .expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('keeps keys per user, and frees the key of a failed request', async () => {
      const body = investorBody();
      await t.http.post('/api/v1/investors').set(staffB01).set('Idempotency-Key', 'shared').send(body).expect(201);
      // another user with the same key is another request: here a duplicate of the first company
      await t.http.post('/api/v1/investors').set(staffB02).set('Idempotency-Key', 'shared').send(body).expect(409);
      const fixed = investorBody();
      await t.http.post('/api/v1/investors').set(staffB02).set('Idempotency-Key', 'shared').send(fixed).expect(201);
    });

    it('frees the key of a request whose body fails validation, and a replay is not stored again', async () => {
      const send = (body: object) =>
        t.http.post('/api/v1/investors').set(staffB01).set('Idempotency-Key', 'invalid-first').send(body);
      await send(investorBody({ name: '' })).expect(400);
      const body = investorBody();
      const created = await send(body).expect(201);
      expect(created.headers['idempotent-replayed']).toBeUndefined();
      for (let i = 0; i < 2; i++) {
        const replay = await send(body).expect(201);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.body).toEqual(created.body);
      }
    });

    it('creates one record when the same key arrives twice at once', async () => {
      const body = investorBody();
      const send = () => t.http.post('/api/v1/investors').set(staffB01).set('Idempotency-Key', 'race-1').send(body);
      // two at once: the embedded server's connection multiplexer mixes up three or more concurrent
      // transactional requests (pglite-socket issue #1046), which PostgreSQL itself does not
      const responses = await Promise.all([send(), send()]);
      const statuses = responses.map((r) => r.status);
      expect(statuses).toContain(201);
      statuses.forEach((status) => expect([201, 409]).toContain(status));
      const created = responses.filter((r) => r.status === 201).map((r) => r.body.id as string);
      expect(new Set(created).size).toBe(1);
      responses
        .filter((r) => r.status === 409)
        .forEach((r) => expect(r.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS'));
      const list = await t.http
        .get('/api/v1/investors')
        .query({ q: body.uscc as string })
        .set(staffB01)
        .expect(200);
      expect(list.body.total).toBe(1);
    });

    it('refuses a malformed key', async () => {
      await t.http
        .post('/api/v1/investors')
        .set(staffB01)
        .set('Idempotency-Key', 'x'.repeat(300))
        .send(investorBody())
        .expect(400);
    });
  });

  describe('authorisation walk', () => {
    it('answers every investor route with the status each role should get', async () => {
      const investor = await createInvestor(t, staffB01);
      const contact = (
        await t.http.post(`/api/v1/investors/${investor.id}/contacts`).set(staffB01).send({ name: '联系人' })
      ).body as { id: string };
      const people: Record<string, Auth> = { staffB01, headB01, staffB02, leader, supervisor, admin };
      const routes: [string, (auth: Auth) => Promise<number>, Record<string, number>][] = [
        [
          'GET /investors',
          async (a) => (await t.http.get('/api/v1/investors').set(a)).status,
          { staffB01: 200, headB01: 200, staffB02: 200, leader: 200, supervisor: 200, admin: 200 },
        ],
        [
          'GET /investors/:id',
          async (a) => (await t.http.get(`/api/v1/investors/${investor.id}`).set(a)).status,
          { staffB01: 200, headB01: 200, staffB02: 200, leader: 200, supervisor: 200, admin: 200 },
        ],
        [
          'POST /investors',
          async (a) => (await t.http.post('/api/v1/investors').set(a).send(investorBody())).status,
          { staffB01: 201, headB01: 201, staffB02: 201, leader: 403, supervisor: 403, admin: 201 },
        ],
        [
          'PATCH /investors/:id',
          async (a) =>
            (await t.http.patch(`/api/v1/investors/${investor.id}`).set(a).send({ region: '沈阳市' })).status,
          { staffB01: 200, headB01: 200, staffB02: 403, leader: 200, supervisor: 403, admin: 200 },
        ],
        [
          'GET /investors/:id/contacts',
          async (a) => (await t.http.get(`/api/v1/investors/${investor.id}/contacts`).set(a)).status,
          { staffB01: 200, headB01: 200, staffB02: 200, leader: 200, supervisor: 200, admin: 200 },
        ],
        [
          'POST /investors/:id/contacts',
          async (a) =>
            (await t.http.post(`/api/v1/investors/${investor.id}/contacts`).set(a).send({ name: '联系人' })).status,
          { staffB01: 201, headB01: 201, staffB02: 403, leader: 403, supervisor: 403, admin: 403 },
        ],
        [
          'PATCH /investors/:id/contacts/:contactId',
          async (a) =>
            (
              await t.http
                .patch(`/api/v1/investors/${investor.id}/contacts/${contact.id}`)
                .set(a)
                .send({ title: '总经理' })
            ).status,
          { staffB01: 200, headB01: 200, staffB02: 403, leader: 403, supervisor: 403, admin: 403 },
        ],
      ];
      for (const [route, call, byPerson] of routes) {
        for (const [name, status] of Object.entries(byPerson)) {
          expect({ route, name, status: await call(people[name]) }).toEqual({ route, name, status });
        }
      }
    });
  });

  describe('bad input', () => {
    it.each([
      ['unknown field', { hacker: true }],
      ['wrong type of name', { name: 12345 }],
      ['a 10,000-character name', { name: '阜'.repeat(10000) }],
      ['wrong type of flag', { isChainLeader: 'yes' }],
      ['a number as USCC', { uscc: 913501000 }],
    ])('answers 400 to %s', async (_, overrides) => {
      await t.http.post('/api/v1/investors').set(staffB01).send(malformed(investorBody(), overrides)).expect(400);
    });

    it('documents every new route in the OpenAPI document', async () => {
      const response = await t.http.get('/docs/openapi.json').expect(200);
      expect(Object.keys(response.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/investors',
          '/api/v1/investors/{id}',
          '/api/v1/investors/{id}/contacts',
          '/api/v1/investors/{id}/contacts/{contactId}',
          '/api/v1/leads',
          '/api/v1/leads/{id}',
          '/api/v1/leads/{id}/drop',
          '/api/v1/leads/{id}/transfers',
          '/api/v1/lead-transfers',
          '/api/v1/lead-transfers/{id}/approve',
          '/api/v1/lead-transfers/{id}/reject',
          '/api/v1/visits',
          '/api/v1/visits/{id}',
          '/api/v1/imports/leads',
          '/api/v1/imports/leads/template',
          '/api/v1/imports/leads/{id}',
        ]),
      );
    });

    it('answers 400 to a malformed id and 401 without signing in', async () => {
      await t.http.get('/api/v1/investors/not-a-uuid').set(staffB01).expect(400);
      await t.http.get('/api/v1/investors').expect(401);
    });
  });
});
