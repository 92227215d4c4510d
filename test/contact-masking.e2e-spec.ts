import { Role } from '@app/core';
import { createInvestor, createLead } from './factories/investor.factory';
import { advance, createProject } from './factories/project.factory';
import { signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

type Auth = { Authorization: string };

interface Contact {
  id: string;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  phoneMasked: boolean;
  masked: boolean;
}

const FULL = { phone: '13812345678', email: 'li.jingli@example.com', wechat: 'lijingli_1988', masked: false };
const MASKED = { phone: '138****5678', email: 'l***@example.com', wechat: 'li****88', masked: true };

describe('contact masking and edit rights (every channel, before and after conversion)', () => {
  let t: TestApp;
  let staffB01: Auth;
  let headB01: Auth;
  let staffB02: Auth;
  let headB02: Auth;
  let leader: Auth;
  let supervisor: Auth;
  let admin: Auth;

  beforeAll(async () => {
    t = await createTestApp();
    staffB01 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B01' })).auth;
    headB01 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
    staffB02 = (await signedIn(t, { role: Role.Staff, bureauCode: 'B02' })).auth;
    headB02 = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B02' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
  });

  afterAll(async () => {
    await t.close();
  });

  const contactsOf = (investorId: string) => `/api/v1/investors/${investorId}/contacts`;
  const read = async (auth: Auth, investorId: string): Promise<Contact[]> =>
    (await t.http.get(contactsOf(investorId)).set(auth).expect(200)).body as Contact[];

  /** Who sees what: the working bureau and district roles in full, every other bureau masked on every channel. */
  async function expectMaskedOutsideB01(investorId: string): Promise<void> {
    for (const auth of [staffB01, headB01, leader, supervisor, admin]) {
      expect(await read(auth, investorId)).toEqual([expect.objectContaining(FULL)]);
    }
    for (const auth of [staffB02, headB02]) {
      expect(await read(auth, investorId)).toEqual([expect.objectContaining({ ...MASKED, phoneMasked: true })]);
    }
  }

  /** Only B01 adds and edits; other bureaus 403, district roles 403, another investor's contact 404. */
  async function expectOnlyB01Edits(investorId: string, contactId: string): Promise<void> {
    const url = `${contactsOf(investorId)}/${contactId}`;
    for (const auth of [staffB02, headB02, leader, supervisor, admin]) {
      await t.http.post(contactsOf(investorId)).set(auth).send({ name: '张三' }).expect(403);
      await t.http.patch(url).set(auth).send({ phone: '13900000000' }).expect(403);
    }
    await t.http.patch(url).set(headB01).send({ title: '总经理' }).expect(200);
  }

  it('masks phone, e-mail and WeChat for other bureaus the same way before and after conversion', async () => {
    // registered by B02, worked by B01: the claim decides, not who registered the company
    const investor = await createInvestor(t, staffB02);
    const lead = await createLead(t, staffB01, investor.id);
    const added = await t.http
      .post(contactsOf(investor.id))
      .set(staffB01)
      .send({ name: '李经理', phone: FULL.phone, email: FULL.email, wechat: FULL.wechat })
      .expect(201);
    await expectMaskedOutsideB01(investor.id);
    await expectOnlyB01Edits(investor.id, added.body.id as string);

    await t.http
      .post(`/api/v1/leads/${lead.id}/convert`)
      .set(staffB01)
      .send({ name: '年产2万吨电子级氢氟酸项目' })
      .expect(201);
    await expectMaskedOutsideB01(investor.id);
    await expectOnlyB01Edits(investor.id, added.body.id as string);
  });

  it('follows a live project: after it is terminated and another bureau takes the investor, the masking follows', async () => {
    const investor = await createInvestor(t, staffB01);
    const project = await createProject(t, staffB01, investor.id);
    const added = await t.http
      .post(contactsOf(investor.id))
      .set(staffB01)
      .send({ name: '李经理', phone: FULL.phone, email: FULL.email, wechat: FULL.wechat })
      .expect(201);
    await expectMaskedOutsideB01(investor.id);
    await advance(t, staffB01, project, { to: 'terminated', reason: '企业投资计划取消' });
    await createLead(t, staffB02, investor.id);
    expect(await read(staffB02, investor.id)).toEqual([expect.objectContaining(FULL)]);
    expect(await read(staffB01, investor.id)).toEqual([expect.objectContaining(MASKED)]);
    await t.http
      .patch(`${contactsOf(investor.id)}/${added.body.id}`)
      .set(staffB01)
      .send({ title: '总监' })
      .expect(403);
    await t.http
      .patch(`${contactsOf(investor.id)}/${added.body.id}`)
      .set(staffB02)
      .send({ title: '总监' })
      .expect(200);
  });

  it('answers 404 for a contact of another investor, even to the working bureau', async () => {
    const mine = await createInvestor(t, staffB01);
    const other = await createInvestor(t, staffB01);
    const contact = await t.http.post(contactsOf(other.id)).set(staffB01).send({ name: '王会计' }).expect(201);
    await t.http
      .patch(`${contactsOf(mine.id)}/${contact.body.id}`)
      .set(staffB01)
      .send({ title: '会计' })
      .expect(404);
  });

  describe('phones as people type them', () => {
    it.each([
      ['spaces', '138 1234 5678', '13812345678'],
      ['dashes', '138-1234-5678', '13812345678'],
      ['+86 and dashes', '+86 138-1234-5678', '13812345678'],
      ['0086', '0086 13812345678', '13812345678'],
      ['full-width digits', '１３８１２３４５６７８', '13812345678'],
      ['a landline with spaces', '0418 1234567', '0418-1234567'],
      ['a landline in brackets', '(0418) 123 4567', '0418-1234567'],
      ['a landline with an extension 转', '0418-1234567 转8001', '0418-1234567-8001'],
      ['a landline with ext.', '0418-1234567 ext. 12', '0418-1234567-12'],
      ['a Beijing landline without dash', '01012345678', '010-12345678'],
      ['+86 and a landline without its 0', '+86 418 1234567', '0418-1234567'],
      ['full-width landline with 转', '０４１８－１２３４５６７转８００１', '0418-1234567-8001'],
    ])('accepts %s and keeps the normal form', async (_, typed, kept) => {
      const investor = await createInvestor(t, staffB01);
      const created = await t.http
        .post(contactsOf(investor.id))
        .set(staffB01)
        .send({ name: '李经理', phone: typed })
        .expect(201);
      expect(created.body.phone).toBe(kept);
      const edited = await t.http
        .patch(`${contactsOf(investor.id)}/${created.body.id}`)
        .set(staffB01)
        .send({ phone: typed })
        .expect(200);
      expect(edited.body.phone).toBe(kept);
    });

    it.each([
      ['a number that is no phone', '12812345678'],
      ['a local number without area code', '1234567'],
      ['a mobile with an extension', '13812345678转8001'],
      ['letters', '138abcd5678'],
    ])('refuses %s with a Chinese message naming the field', async (_, typed) => {
      const investor = await createInvestor(t, staffB01);
      const response = await t.http
        .post(contactsOf(investor.id))
        .set(staffB01)
        .send({ name: '李经理', phone: typed })
        .expect(400);
      expect(response.body.details).toEqual([
        { field: 'phone', problems: [expect.stringContaining('电话号码格式不正确')] },
      ]);
      expect(response.body.message).toContain('电话号码格式不正确');
    });
  });
});
