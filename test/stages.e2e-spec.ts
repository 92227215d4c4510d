import { businessDateOf, Role } from '@app/core';
import { UserEntity } from '@app/identity';
import { VisitEntity } from '@app/investors';
import { AgreementType, PipelineException, Stage, StageService } from '@app/pipeline';
import { DataSource } from 'typeorm';
import { createInvestor, malformed } from './factories/investor.factory';
import { advance, createProject, gates, moveStage, ProjectBody, VALID_LOCAL_USCC } from './factories/project.factory';
import { actorOf, signedIn } from './factories/user.factory';
import { createTestApp, TestApp } from './support/test-app';

const today = () => businessDateOf(new Date(), 'Asia/Shanghai');

type Auth = { Authorization: string };

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

describe('Project stages', () => {
  let t: TestApp;
  let staff: Auth;
  let head: Auth;
  let leader: Auth;
  let supervisor: Auth;
  let admin: Auth;
  let staffUserId: string;
  let staffUser: UserEntity;

  beforeAll(async () => {
    t = await createTestApp();
    const signedStaff = await signedIn(t, { role: Role.Staff, bureauCode: 'B01' });
    staff = signedStaff.auth;
    staffUser = signedStaff.user;
    staffUserId = staffUser.id;
    head = (await signedIn(t, { role: Role.BureauHead, bureauCode: 'B01' })).auth;
    leader = (await signedIn(t, { role: Role.Leader })).auth;
    supervisor = (await signedIn(t, { role: Role.Supervisor })).auth;
    admin = (await signedIn(t, { role: Role.Admin })).auth;
  });
  afterAll(async () => {
    await t.close();
  });

  async function newProject(): Promise<ProjectBody> {
    const investor = await createInvestor(t, staff);
    return createProject(t, staff, investor.id);
  }

  async function events(id: string, auth: Auth = staff) {
    const response = await t.http.get(`/api/v1/projects/${id}/events`).set(auth).expect(200);
    return response.body as {
      stage: string;
      version: number;
      items: { type: string; date: string; stageEvent?: Record<string, unknown>; visit?: Record<string, unknown> }[];
      stageDurations: { stage: string; days: number; entries: number }[];
    };
  }

  const stageEvents = async (id: string) =>
    (await events(id)).items
      .filter((i) => i.type === 'stage')
      .map((i) => i.stageEvent as Record<string, unknown>)
      .sort((a, b) => (a.seq as number) - (b.seq as number));

  it('creates a project in reserve with its creation event', async () => {
    const project = await newProject();
    expect(project).toMatchObject({
      stage: 'reserve',
      stageLabel: '储备/谋划',
      version: 1,
      plannedInvestment: '12500.00',
    });
    const timeline = await stageEvents(project.id);
    expect(timeline).toEqual([expect.objectContaining({ fromStage: null, toStage: 'reserve', seq: 1 })]);
  });

  describe('gates', () => {
    it('requires a deal to sign, and records it', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, { to: 'negotiating' });
      const refused = await moveStage(t.http, staff, project.id, { to: 'signed', expectedVersion: project.version });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('GATE_DATA_REQUIRED');
      project = await advance(t, staff, project, { to: 'signed', deal: gates.deal(), note: '签订投资框架协议' });
      expect(project).toMatchObject({
        stage: 'signed',
        signedAt: '2026-03-18',
        signedAmount: '12500.00',
        agreementType: 'framework',
      });
    });

    it('requires the registration date and a valid local company USCC', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, { to: 'signed', deal: gates.deal() });
      const missing = await moveStage(t.http, staff, project.id, {
        to: 'registered',
        expectedVersion: project.version,
      });
      expect(missing.body.code).toBe('GATE_DATA_REQUIRED');
      const bad = await moveStage(t.http, staff, project.id, {
        to: 'registered',
        expectedVersion: project.version,
        registration: { date: '2026-05-12', localCompanyUscc: '91210900MA0T00001X' },
      });
      expect([bad.status, bad.body.code]).toEqual([422, 'INVALID_USCC']);
      expect(bad.body.message).toContain('统一社会信用代码');
      project = await advance(t, staff, project, {
        to: 'registered',
        registration: { date: '2026-05-12', localCompanyUscc: VALID_LOCAL_USCC },
      });
      expect(project).toMatchObject({
        stage: 'registered',
        registeredAt: '2026-05-12',
        localCompanyUscc: VALID_LOCAL_USCC,
      });
    });

    it('requires start and operation dates', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, {
        to: 'registered',
        deal: gates.deal(),
        registration: gates.registration(),
      });
      const noStart = await moveStage(t.http, staff, project.id, { to: 'started', expectedVersion: project.version });
      expect(noStart.body.code).toBe('GATE_DATA_REQUIRED');
      project = await advance(t, staff, project, { to: 'started', start: gates.start() });
      const noOperation = await moveStage(t.http, staff, project.id, {
        to: 'operating',
        expectedVersion: project.version,
      });
      expect(noOperation.body.code).toBe('GATE_DATA_REQUIRED');
      project = await advance(t, staff, project, { to: 'operating', operation: gates.operation() });
      expect(project).toMatchObject({ stage: 'operating', startedAt: '2026-07-01', operatingAt: '2026-10-20' });
    });

    it('refuses gate data for a stage the move does not enter', async () => {
      const project = await newProject();
      const response = await moveStage(t.http, staff, project.id, {
        to: 'negotiating',
        expectedVersion: project.version,
        deal: gates.deal(),
      });
      expect([response.status, response.body.code]).toEqual([422, 'UNEXPECTED_GATE_DATA']);
    });
  });

  describe('skips', () => {
    it('skips forward with every skipped gate, one event per stage entered', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, {
        to: 'started',
        deal: gates.deal(),
        registration: gates.registration(),
        start: gates.start(),
      });
      expect(project.stage).toBe('started');
      const timeline = await stageEvents(project.id);
      expect(timeline.map((e) => [e.fromStage, e.toStage, e.businessDate])).toEqual([
        [null, 'reserve', expect.any(String)],
        ['reserve', 'signed', '2026-03-18'],
        ['signed', 'registered', '2026-05-12'],
        ['registered', 'started', '2026-07-01'],
      ]);
    });

    it('refuses a skip that lacks a skipped gate and changes nothing', async () => {
      const project = await newProject();
      const response = await moveStage(t.http, staff, project.id, {
        to: 'started',
        expectedVersion: project.version,
        deal: gates.deal(),
        start: gates.start(),
      });
      expect([response.status, response.body.code]).toEqual([422, 'GATE_DATA_REQUIRED']);
      const after = await t.http.get(`/api/v1/projects/${project.id}`).set(staff).expect(200);
      expect(after.body).toMatchObject({ stage: 'reserve', version: project.version, signedAt: null });
      expect(await stageEvents(project.id)).toHaveLength(1);
    });
  });

  describe('dates', () => {
    it('refuses a gate date after today in Asia/Shanghai with a 400 naming the field', async () => {
      const project = await newProject();
      const tomorrow = dayAfter(today());
      const response = await moveStage(t.http, staff, project.id, {
        to: 'signed',
        expectedVersion: project.version,
        deal: gates.deal({ signedDate: tomorrow }),
      });
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.body.details).toEqual([
        { field: 'deal.signedDate', problems: [`签约日期不能晚于今天（${today()}）`] },
      ]);
      await advance(t, staff, project, { to: 'signed', deal: gates.deal({ signedDate: today() }) });
    });

    it('refuses a gate date before the previous stage', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, { to: 'signed', deal: gates.deal({ signedDate: '2026-06-01' }) });
      const response = await moveStage(t.http, staff, project.id, {
        to: 'registered',
        expectedVersion: project.version,
        registration: gates.registration({ date: '2026-05-31' }),
      });
      expect([response.status, response.body.code]).toEqual([422, 'GATE_DATE_OUT_OF_ORDER']);
      const skip = await moveStage(t.http, staff, project.id, {
        to: 'started',
        expectedVersion: project.version,
        registration: gates.registration({ date: '2026-07-01' }),
        start: { date: '2026-06-30' },
      });
      expect(skip.body.code).toBe('GATE_DATE_OUT_OF_ORDER');
    });
  });

  describe('backward moves and reopening are corrections', () => {
    let project: ProjectBody;
    beforeEach(async () => {
      project = await newProject();
      project = await advance(t, staff, project, { to: 'signed', deal: gates.deal() });
    });

    it.each([
      ['staff', 403, 'CORRECTION_NOT_ALLOWED'],
      ['head', 403, 'CORRECTION_NOT_ALLOWED'],
      ['supervisor', 403, 'FORBIDDEN'],
    ] as const)('refuses %s', async (who, status, code) => {
      const auth = { staff, head, supervisor }[who];
      const response = await moveStage(t.http, auth, project.id, {
        to: 'negotiating',
        expectedVersion: project.version,
        reason: '合同未生效',
      });
      expect([response.status, response.body.code]).toEqual([status, code]);
      const after = await t.http.get(`/api/v1/projects/${project.id}`).set(staff).expect(200);
      expect(after.body).toMatchObject({ stage: 'signed', version: project.version });
    });

    it.each(['leader', 'admin'] as const)('lets %s correct with a reason', async (who) => {
      const auth = { leader, admin }[who];
      const noReason = await moveStage(t.http, auth, project.id, {
        to: 'negotiating',
        expectedVersion: project.version,
      });
      expect([noReason.status, noReason.body.code]).toEqual([422, 'REASON_REQUIRED']);
      const moved = await advance(t, auth, project, { to: 'negotiating', reason: '合同未生效，退回在谈' });
      expect(moved).toMatchObject({ stage: 'negotiating', version: project.version + 1, signedAt: '2026-03-18' });
      const last = (await stageEvents(project.id)).at(-1);
      expect(last).toMatchObject({ isCorrection: true, fromStage: 'signed', toStage: 'negotiating' });
    });

    it('terminates with a reason from any stage; only a leader or admin reopens', async () => {
      const noReason = await moveStage(t.http, staff, project.id, {
        to: 'terminated',
        expectedVersion: project.version,
      });
      expect(noReason.body.code).toBe('REASON_REQUIRED');
      const terminated = await advance(t, staff, project, { to: 'terminated', reason: '企业投资计划取消' });
      expect(terminated).toMatchObject({ stage: 'terminated', terminatedReason: '企业投资计划取消' });
      const byHead = await moveStage(t.http, head, project.id, {
        to: 'signed',
        expectedVersion: terminated.version,
        reason: '企业恢复投资',
      });
      expect([byHead.status, byHead.body.code]).toEqual([403, 'CORRECTION_NOT_ALLOWED']);
      const reopened = await advance(t, leader, terminated, { to: 'signed', reason: '企业恢复投资' });
      expect(reopened).toMatchObject({ stage: 'signed', terminatedReason: null, signedAt: '2026-03-18' });
    });
  });

  describe('optimistic concurrency', () => {
    it('answers a stale version with 409 STALE_VERSION and writes nothing', async () => {
      let project = await newProject();
      const stale = project.version;
      project = await advance(t, staff, project, { to: 'negotiating' });
      const response = await moveStage(t.http, staff, project.id, {
        to: 'signed',
        expectedVersion: stale,
        deal: gates.deal(),
      });
      expect([response.status, response.body.code]).toEqual([409, 'STALE_VERSION']);
      const after = await t.http.get(`/api/v1/projects/${project.id}`).set(staff).expect(200);
      expect(after.body).toMatchObject({ stage: 'negotiating', version: project.version });
      expect(await stageEvents(project.id)).toHaveLength(2);
    });

    async function raceOf20(attempt: (i: number, version: number, id: string) => Promise<number>): Promise<void> {
      const project = await newProject();
      const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i, project.version, project.id)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const after = await t.http.get(`/api/v1/projects/${project.id}`).set(staff).expect(200);
      expect(after.body.version).toBe(project.version + 1);
      expect(await stageEvents(project.id)).toHaveLength(2);
    }

    const request = (i: number, version: number) => ({
      to: i % 3 ? Stage.Negotiating : Stage.Terminated,
      reason: i % 3 ? undefined : '并发测试',
      expectedVersion: version,
    });

    it('lets exactly one of 20 concurrent changes on the same version through', async () => {
      const actor = actorOf(staffUser);
      await raceOf20(async (i, version, id) => {
        try {
          await t.get(StageService).change(actor, id, request(i, version));
          return 200;
        } catch (error) {
          return error instanceof PipelineException && error.code === 'STALE_VERSION' ? 409 : 500;
        }
      });
    });

    it('does the same for 20 concurrent HTTP requests', async () => {
      await raceOf20(async (i, version, id) => {
        const response = await moveStage(t.http, i % 2 ? staff : head, id, request(i, version));
        if (response.status === 409) expect(response.body.code).toBe('STALE_VERSION');
        return response.status;
      });
    });
  });

  describe('counting rules', () => {
    it('counts a project once as signed, even when it signs again after a correction', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, { to: 'signed', deal: gates.deal({ signedDate: '2026-03-18' }) });
      project = await advance(t, leader, project, { to: 'negotiating', reason: '协议未生效' });
      project = await advance(t, staff, project, {
        to: 'signed',
        deal: gates.deal({ signedDate: '2026-04-20', amount: '9000.00' }),
      });
      expect(project).toMatchObject({ signedAt: '2026-03-18', signedAmount: '9000.00' });
      const signings = (await stageEvents(project.id)).filter((e) => e.toStage === 'signed');
      expect(signings.map((e) => e.countsAsSigning)).toEqual([true, false]);
    });

    it('upgrades a framework agreement to a formal contract as the same signing', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, { to: 'signed', deal: gates.deal() });
      const upgrade = await t.http
        .post(`/api/v1/projects/${project.id}/deal`)
        .set(staff)
        .send({
          expectedVersion: project.version,
          deal: { signedDate: '2026-04-01', amount: '15000.00', agreementType: 'formal' },
        })
        .expect(200);
      expect(upgrade.body).toMatchObject({
        stage: 'signed',
        signedAt: '2026-03-18',
        signedAmount: '15000.00',
        agreementType: 'formal',
      });
      const again = await t.http
        .post(`/api/v1/projects/${project.id}/deal`)
        .set(staff)
        .send({
          expectedVersion: upgrade.body.version,
          deal: { signedDate: '2026-04-02', amount: '16000.00', agreementType: 'formal' },
        });
      expect([again.status, again.body.code]).toEqual([409, 'DEAL_NOT_UPGRADABLE']);
      const timeline = await stageEvents(project.id);
      expect(timeline.filter((e) => e.countsAsSigning)).toHaveLength(1);
      expect(timeline.at(-1)).toMatchObject({ fromStage: 'signed', toStage: 'signed', countsAsSigning: false });
    });

    it('also takes the upgrade as a stage request signed → signed', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, { to: 'signed', deal: gates.deal() });
      project = await advance(t, staff, project, {
        to: 'signed',
        deal: gates.deal({ agreementType: AgreementType.Formal, amount: '13000.50', signedDate: '2026-04-01' }),
      });
      expect(project).toMatchObject({ agreementType: 'formal', signedAmount: '13000.50', signedAt: '2026-03-18' });
    });
  });

  it('feeds the rankings rollup exactly as the records count', async () => {
    const response = await t.http
      .get('/api/v1/rankings/consistency?from=2025-01-01&to=2027-12-31')
      .set(admin)
      .expect(200);
    expect(response.body).toMatchObject({ consistent: true, differences: [] });
  });

  it('keeps stage events immutable in the database itself', async () => {
    const project = await newProject();
    const dataSource = t.get(DataSource);
    await expect(
      dataSource.query(`UPDATE project_stage_event SET note = 'x' WHERE project_id = $1`, [project.id]),
    ).rejects.toThrow(/immutable/);
    await expect(
      dataSource.query(`DELETE FROM project_stage_event WHERE project_id = $1`, [project.id]),
    ).rejects.toThrow(/immutable/);
    expect(await stageEvents(project.id)).toHaveLength(1);
  });

  describe('timeline', () => {
    it('merges stage events and visits by date and derives the days in each stage', async () => {
      let project = await newProject();
      project = await advance(t, staff, project, { to: 'signed', deal: gates.deal({ signedDate: '2026-03-18' }) });
      project = await advance(t, staff, project, {
        to: 'registered',
        registration: gates.registration({ date: '2026-04-17' }),
      });
      const bureauId = (await t.get(DataSource).query(`SELECT bureau_id FROM project WHERE id = $1`, [project.id]))[0]
        .bureau_id as string;
      await t
        .get(DataSource)
        .getRepository(VisitEntity)
        .save({
          projectId: project.id,
          leadId: null,
          bureauId,
          officerId: staffUserId,
          date: '2026-04-01',
          kind: 'outbound',
          summary: '赴企业总部商谈注册事宜',
        } as Partial<VisitEntity>);
      const timeline = await events(project.id);
      expect(timeline.items.map((i) => [i.type, i.date])).toEqual(
        [
          ['stage', '2026-03-18'],
          ['visit', '2026-04-01'],
          ['stage', '2026-04-17'],
          ['stage', today()],
        ].sort((a, b) => a[1].localeCompare(b[1])),
      );
      const signed = timeline.stageDurations.find((d) => d.stage === 'signed');
      expect(signed).toEqual({ stage: 'signed', stageLabel: '签约', days: 30, entries: 1 });
    });
  });

  describe('bad input never gives 500', () => {
    it.each([
      ['an unknown stage', { to: 'done', expectedVersion: 1 }],
      ['a version as text', { to: 'negotiating', expectedVersion: '1' }],
      ['no version', { to: 'negotiating' }],
      ['an unknown field', { to: 'negotiating', expectedVersion: 1, stage: 'signed' }],
      ['a negative amount', { to: 'signed', expectedVersion: 1, deal: gates.deal({ amount: '-1.00' }) }],
      ['three decimals', { to: 'signed', expectedVersion: 1, deal: gates.deal({ amount: '1.234' }) }],
      ['a number amount', { to: 'signed', expectedVersion: 1, deal: malformed(gates.deal(), { amount: 12500 }) }],
      ['2026-02-30', { to: 'signed', expectedVersion: 1, deal: gates.deal({ signedDate: '2026-02-30' }) }],
      [
        'an unknown agreement',
        { to: 'signed', expectedVersion: 1, deal: malformed(gates.deal(), { agreementType: 'mou' }) },
      ],
      ['a deal as text', { to: 'signed', expectedVersion: 1, deal: 'yes' }],
      ['an unknown gate field', { to: 'signed', expectedVersion: 1, deal: malformed(gates.deal(), { extra: 1 }) }],
      ['a huge note', { to: 'negotiating', expectedVersion: 1, note: '长'.repeat(5000) }],
      ['a huge version', { to: 'negotiating', expectedVersion: 1e12 }],
    ])('%s → 400', async (_name, body) => {
      const project = await newProject();
      const response = await moveStage(t.http, staff, project.id, body);
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('a malformed id → 400', async () => {
      const response = await moveStage(t.http, staff, 'not-a-uuid', { to: 'negotiating', expectedVersion: 1 });
      expect(response.status).toBe(400);
    });
  });
});
