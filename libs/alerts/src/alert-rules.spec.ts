import { LeadActivity } from '@app/investors';
import { MilestoneProgress, ProjectProgress, Stage } from '@app/pipeline';
import { RequestKind } from '@app/requests';
import { AlertThresholds, evaluateAlerts, evaluateMilestoneAlerts } from './alert-rules';
import { AlertKind } from './entities/alert.entity';

const T: AlertThresholds = {
  leadIdleYellowDays: 30,
  leadIdleRedDays: 60,
  signedNotRegisteredDays: 90,
  registeredNotStartedDays: 180,
  startMonthRedMonths: 3,
};
const DAY = '2026-11-30';

const lead = (over: Partial<LeadActivity>): LeadActivity => ({
  leadId: 'l1',
  bureauId: 'b1',
  investorName: '阜新甲公司',
  lastContact: DAY,
  nextFollowUpAt: null,
  ...over,
});

const project = (over: Partial<ProjectProgress>): ProjectProgress => ({
  projectId: 'p1',
  bureauId: 'b1',
  name: '甲项目',
  stage: Stage.Negotiating,
  plannedStartMonth: null,
  signedAt: null,
  registeredAt: null,
  ...over,
});

const lights = (leads: LeadActivity[], projects: ProjectProgress[] = []) =>
  evaluateAlerts(DAY, leads, projects, T).map(({ kind, level, overdue, since }) => ({ kind, level, overdue, since }));

describe(evaluateAlerts.name, () => {
  it('lights an idle lead yellow from 30 days and red from 60', () => {
    expect(lights([lead({ lastContact: '2026-11-01' })])).toEqual([]);
    expect(lights([lead({ lastContact: '2026-10-31' })])).toEqual([
      { kind: AlertKind.LeadIdle, level: 'yellow', overdue: 30, since: '2026-10-31' },
    ]);
    expect(lights([lead({ lastContact: '2026-10-01' })])).toEqual([
      { kind: AlertKind.LeadIdle, level: 'red', overdue: 60, since: '2026-10-01' },
    ]);
  });

  it('lights a follow-up date only once it has passed', () => {
    expect(lights([lead({ nextFollowUpAt: DAY })])).toEqual([]);
    expect(lights([lead({ nextFollowUpAt: '2026-11-27' })])).toEqual([
      { kind: AlertKind.FollowUpOverdue, level: 'yellow', overdue: 3, since: '2026-11-27' },
    ]);
  });

  it('lights signed projects not registered and registered ones not started, in their stage only', () => {
    expect(
      lights(
        [],
        [
          project({ stage: Stage.Signed, signedAt: '2026-09-01' }),
          project({ stage: Stage.Signed, signedAt: '2026-09-02' }),
          project({ stage: Stage.Registered, signedAt: '2026-01-01', registeredAt: '2026-06-03' }),
          project({ stage: Stage.Started, registeredAt: '2026-01-01' }),
        ],
      ),
    ).toEqual([
      { kind: AlertKind.SignedNotRegistered, level: 'red', overdue: 90, since: '2026-09-01' },
      { kind: AlertKind.RegisteredNotStarted, level: 'red', overdue: 180, since: '2026-06-03' },
    ]);
  });

  it('lights a missed start month yellow, red from three months, until the project starts', () => {
    expect(
      lights(
        [],
        [
          project({ plannedStartMonth: '2026-11' }),
          project({ plannedStartMonth: '2026-10' }),
          project({ stage: Stage.Registered, plannedStartMonth: '2026-08' }),
          project({ stage: Stage.Started, plannedStartMonth: '2026-01' }),
        ],
      ),
    ).toEqual([
      { kind: AlertKind.StartMonthMissed, level: 'yellow', overdue: 1, since: '2026-10-01' },
      { kind: AlertKind.StartMonthMissed, level: 'red', overdue: 3, since: '2026-08-01' },
    ]);
  });

  it('names the record and its bureau, rule by rule', () => {
    const found = evaluateAlerts(
      DAY,
      [lead({ leadId: 'l9', bureauId: 'b2', lastContact: '2026-01-01', nextFollowUpAt: '2026-02-01' })],
      [project({ projectId: 'p9', bureauId: 'b3', stage: Stage.Signed, signedAt: '2026-01-01' })],
      T,
    );
    expect(
      found.map(({ kind, entity, entityId, bureauId, subject }) => [kind, entity, entityId, bureauId, subject]),
    ).toEqual([
      [AlertKind.LeadIdle, 'lead', 'l9', 'b2', '阜新甲公司'],
      [AlertKind.FollowUpOverdue, 'lead', 'l9', 'b2', '阜新甲公司'],
      [AlertKind.SignedNotRegistered, 'project', 'p9', 'b3', '甲项目'],
    ]);
  });

  it('lights an enterprise request red the day after its due date, counting days past it', () => {
    const request = (dueOn: string) => ({
      requestId: 'r1',
      bureauId: 'b4',
      investorName: '阜新乙公司',
      kind: RequestKind.Land,
      dueOn,
    });
    const found = evaluateAlerts(DAY, [], [], T, [], [request('2026-11-30'), request('2026-11-20')]);
    expect(
      found.map(({ kind, level, entity, bureauId, subject, overdue, since }) => ({
        kind,
        level,
        entity,
        bureauId,
        subject,
        overdue,
        since,
      })),
    ).toEqual([
      {
        kind: AlertKind.RequestOverdue,
        level: 'red',
        entity: 'request',
        bureauId: 'b4',
        subject: '阜新乙公司（用地诉求）',
        overdue: 10,
        since: '2026-11-20',
      },
    ]);
  });
});

describe(evaluateMilestoneAlerts.name, () => {
  const node = (over: Partial<MilestoneProgress>): MilestoneProgress => ({
    projectId: 'p1',
    bureauId: 'b1',
    name: '甲项目',
    responsibleLeaderId: null,
    nodeLabel: '用地',
    plannedDate: '2026-11-20',
    actualDate: null,
    ...over,
  });
  const lit = (nodes: MilestoneProgress[]) =>
    evaluateMilestoneAlerts(DAY, nodes, { milestoneRedDays: 15 }).map(({ kind, level, overdue, since, subject }) => ({
      kind,
      level,
      overdue,
      since,
      subject,
    }));

  it('lights an open node past its planned date yellow, and red from 15 days past', () => {
    expect(lit([node({ plannedDate: '2026-11-30' })])).toEqual([]);
    expect(lit([node({ plannedDate: '2026-11-29' })])).toEqual([
      { kind: AlertKind.MilestoneOverdue, level: 'yellow', overdue: 1, since: '2026-11-29', subject: '甲项目（用地）' },
    ]);
    expect(lit([node({ plannedDate: '2026-11-16' })])[0]).toMatchObject({ level: 'yellow', overdue: 14 });
    expect(lit([node({ plannedDate: '2026-11-15' })])[0]).toMatchObject({ level: 'red', overdue: 15 });
  });

  it('leaves a node done by the day unlit, however late, and sees a later actual date as not done', () => {
    expect(lit([node({ plannedDate: '2026-10-01', actualDate: '2026-11-20' })])).toEqual([]);
    expect(lit([node({ plannedDate: '2026-10-01', actualDate: '2026-12-01' })])[0]).toMatchObject({
      level: 'red',
      overdue: 60,
    });
  });
});
