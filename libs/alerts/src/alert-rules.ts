import { daysBetween, OverdueOrder } from '@app/core';
import { LeadActivity } from '@app/investors';
import { milestoneState, MilestoneProgress, ProjectProgress, Stage } from '@app/pipeline';
import { OverdueRequest, REQUEST_KIND_LABELS } from '@app/requests';
import { AlertEntity, AlertKind } from './entities/alert.entity';

export interface AlertThresholds {
  leadIdleYellowDays: number;
  leadIdleRedDays: number;
  signedNotRegisteredDays: number;
  registeredNotStartedDays: number;
  startMonthRedMonths: number;
}

export interface MilestoneThresholds {
  /** A node this many days past its planned date is red (from one day past it, yellow). */
  milestoneRedDays: number;
}

export type AlertCandidate = Omit<AlertEntity, 'id' | 'computedOn'>;

/** The stages in which a project has not started yet: a planned start month can be missed. */
const NOT_STARTED: ReadonlySet<ProjectProgress['stage']> = new Set([
  Stage.Reserve,
  Stage.Negotiating,
  Stage.Signed,
  Stage.Registered,
]);

/** Months from the month of `from` (YYYY-MM…) to the month of `to`. */
function monthsBetween(from: string, to: string): number {
  return (+to.slice(0, 4) - +from.slice(0, 4)) * 12 + (+to.slice(5, 7) - +from.slice(5, 7));
}

type Subject = Pick<AlertCandidate, 'bureauId' | 'entity' | 'entityId' | 'subject'>;

const leadSubject = (lead: LeadActivity): Subject => ({
  bureauId: lead.bureauId,
  entity: 'lead',
  entityId: lead.leadId,
  subject: lead.investorName,
});

const projectSubject = (project: ProjectProgress): Subject => ({
  bureauId: project.bureauId,
  entity: 'project',
  entityId: project.projectId,
  subject: project.name,
});

/**
 * The 督查 rules on the day `day`: leads idle since their last contact (yellow, red after longer), follow-up
 * dates passed, signed projects not registered and registered projects not started within their days, and
 * planned start months missed (yellow, red after some months), and enterprise requests open past their due date
 * (red). The lights come rule by rule, each rule's in the order of the records given. Supervision orders open past
 * their due date are red (督办单逾期).
 */
export function evaluateAlerts(
  day: string,
  leads: LeadActivity[],
  projects: ProjectProgress[],
  t: AlertThresholds,
  orders: OverdueOrder[] = [],
  requests: OverdueRequest[] = [],
): AlertCandidate[] {
  const idle = leads.flatMap((lead): AlertCandidate[] => {
    const days = daysBetween(lead.lastContact, day);
    if (days < t.leadIdleYellowDays) return [];
    const level = days >= t.leadIdleRedDays ? 'red' : 'yellow';
    return [{ kind: AlertKind.LeadIdle, level, ...leadSubject(lead), overdue: days, since: lead.lastContact }];
  });
  const followUps = leads.flatMap((lead): AlertCandidate[] => {
    const since = lead.nextFollowUpAt;
    if (since === null || since >= day) return [];
    const overdue = daysBetween(since, day);
    return [{ kind: AlertKind.FollowUpOverdue, level: 'yellow', ...leadSubject(lead), overdue, since }];
  });
  const notRegistered = projects.flatMap((project): AlertCandidate[] => {
    const since = project.signedAt;
    if (project.stage !== Stage.Signed || since === null) return [];
    const overdue = daysBetween(since, day);
    if (overdue < t.signedNotRegisteredDays) return [];
    return [{ kind: AlertKind.SignedNotRegistered, level: 'red', ...projectSubject(project), overdue, since }];
  });
  const notStarted = projects.flatMap((project): AlertCandidate[] => {
    const since = project.registeredAt;
    if (project.stage !== Stage.Registered || since === null) return [];
    const overdue = daysBetween(since, day);
    if (overdue < t.registeredNotStartedDays) return [];
    return [{ kind: AlertKind.RegisteredNotStarted, level: 'red', ...projectSubject(project), overdue, since }];
  });
  const startMissed = projects.flatMap((project): AlertCandidate[] => {
    if (project.plannedStartMonth === null || !NOT_STARTED.has(project.stage)) return [];
    const missed = monthsBetween(project.plannedStartMonth, day);
    if (missed < 1) return [];
    const level = missed >= t.startMonthRedMonths ? 'red' : 'yellow';
    const since = `${project.plannedStartMonth}-01`;
    return [{ kind: AlertKind.StartMonthMissed, level, ...projectSubject(project), overdue: missed, since }];
  });
  const ordersOverdue = orders
    .filter((order) => order.dueDate < day)
    .map((order): AlertCandidate => ({
      kind: AlertKind.OrderOverdue,
      level: 'red',
      bureauId: order.bureauId,
      entity: 'order',
      entityId: order.id,
      subject: order.matter,
      overdue: daysBetween(order.dueDate, day),
      since: order.dueDate,
    }));
  const requestsOverdue = requests.flatMap((request): AlertCandidate[] => {
    if (request.dueOn >= day) return [];
    return [
      {
        kind: AlertKind.RequestOverdue,
        level: 'red',
        bureauId: request.bureauId,
        entity: 'request',
        entityId: request.requestId,
        subject: `${request.investorName}（${REQUEST_KIND_LABELS[request.kind]}诉求）`,
        overdue: daysBetween(request.dueOn, day),
        since: request.dueOn,
      },
    ];
  });
  return [...idle, ...followUps, ...notRegistered, ...notStarted, ...startMissed, ...ordersOverdue, ...requestsOverdue];
}

/**
 * 挂图作战: each key project's node past its planned date and not done on `day` is yellow, `milestoneRedDays` or more
 * days past it red (Asia/Shanghai calendar days), in the order of the nodes given. The subject names the node.
 */
export function evaluateMilestoneAlerts(
  day: string,
  nodes: MilestoneProgress[],
  t: MilestoneThresholds,
): AlertCandidate[] {
  return nodes.flatMap((node): AlertCandidate[] => {
    const state = milestoneState(node.plannedDate, node.actualDate, day, t.milestoneRedDays);
    if (!state.light) return [];
    return [
      {
        kind: AlertKind.MilestoneOverdue,
        level: state.light,
        bureauId: node.bureauId,
        entity: 'project',
        entityId: node.projectId,
        subject: `${node.name.slice(0, 180)}（${node.nodeLabel.slice(0, 16)}）`,
        overdue: state.days ?? 0,
        since: node.plannedDate,
      },
    ];
  });
}
