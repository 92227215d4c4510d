import { addDays, BusinessClock, Role } from '@app/core';
import { AlertKind, AlertService, AlertsModule } from '@app/alerts';
import { InvestorsModule } from '@app/investors';
import { PipelineModule, Stage } from '@app/pipeline';
import { RankingsModule } from '@app/rankings';
import { recordVisit, registerInvestor, registerLead } from '../factories/investor.factory';
import { changeStage, gates, openProject } from '../factories/project.factory';
import { actingUser } from '../factories/user.factory';
import { createServiceTestModule, listQuery, ServiceTest } from '../support/service-test';
import { AlertQueryDto } from '../../libs/alerts/src/dto/alert.dto';

describe(AlertService.name, () => {
  let s: ServiceTest;
  let alerts: AlertService;
  let today: string;

  beforeAll(async () => {
    s = await createServiceTestModule({ imports: [InvestorsModule, PipelineModule, RankingsModule, AlertsModule] });
    alerts = s.get(AlertService);
    today = s.get(BusinessClock).today();
  });
  afterAll(async () => {
    await s.close();
  });

  it('lights leads by the days since their last contact: yellow past 30, red past 60, none when visited', async () => {
    const head = await actingUser(s, { bureauCode: 'B03', role: Role.BureauHead });
    const register = async (daysAgo: number) =>
      registerLead(s, head.actor, (await registerInvestor(s, head.actor)).id, {
        registeredAt: addDays(today, -daysAgo),
        nextFollowUpAt: undefined,
      });
    const yellow = await register(40);
    const red = await register(70);
    const visited = await register(70);
    await recordVisit(s, head.actor, visited.id, { date: addDays(today, -5), nextFollowUpAt: undefined });

    await alerts.compute(today);

    const page = await alerts.list(
      head.actor,
      listQuery(AlertQueryDto, { page: 1, pageSize: 50, kind: AlertKind.LeadIdle }),
    );
    const levels = new Map(page.items.map((alert) => [alert.entityId, alert.level]));
    expect(levels.get(yellow.id)).toBe('yellow');
    expect(levels.get(red.id)).toBe('red');
    expect(levels.has(visited.id)).toBe(false);
    expect(page.computedOn).toBe(today);
  });

  it('lights a project signed more than 90 days ago and still not registered', async () => {
    const staff = await actingUser(s, { bureauCode: 'B04' });
    const project = await openProject(s, staff.actor, (await registerInvestor(s, staff.actor)).id);
    await changeStage(s, staff.actor, project, {
      to: Stage.Signed,
      deal: gates.deal({ signedDate: addDays(today, -120) }),
    });

    await alerts.compute(today);

    const page = await alerts.list(staff.actor, listQuery(AlertQueryDto, { page: 1, pageSize: 50 }));
    expect(page.items).toContainEqual(
      expect.objectContaining({
        entityId: project.id,
        kind: AlertKind.SignedNotRegistered,
        level: 'red',
        since: addDays(today, -120),
      }),
    );
  });

  it("shows staff their own bureau's lights only, and a supervisor every bureau's", async () => {
    const outsider = await actingUser(s, { bureauCode: 'B09' });
    const supervisor = await actingUser(s, { role: Role.Supervisor });

    await expect(
      alerts.list(outsider.actor, listQuery(AlertQueryDto, { page: 1, pageSize: 50 })),
    ).resolves.toMatchObject({
      total: 0,
      counts: { red: 0, yellow: 0 },
    });
    const all = await alerts.list(supervisor.actor, listQuery(AlertQueryDto, { page: 1, pageSize: 50 }));
    expect(new Set(all.items.map((alert) => alert.bureau.code))).toEqual(new Set(['B03', 'B04']));
  });
});
