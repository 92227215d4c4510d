import { Actor, AppConfig, bureauScopeOf, BusinessClock, OverdueOrders, pageOf, TransactionRunner } from '@app/core';
import { BureauRepository, listBureau } from '@app/identity';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { LeadActivityService } from '@app/investors';
import { MilestoneProgressService, ProjectProgressService } from '@app/pipeline';
import { RequestActivityService } from '@app/requests';
import {
  AlertCandidate,
  AlertThresholds,
  evaluateAlerts,
  evaluateMilestoneAlerts,
  MilestoneThresholds,
} from './alert-rules';
import { AlertRepository } from './alert.repository';
import { AlertDto, AlertPageDto, AlertQueryDto } from './dto/alert.dto';
import { ALERT_KIND_LABELS, AlertEntity, AlertKind } from './entities/alert.entity';

/** A standing alert with its bureau's id, for the libraries that act on one. */
export type StandingAlert = AlertDto & { bureauId: string };

@Injectable()
export class AlertService {
  private readonly logger = new Logger('Alerts');

  constructor(
    private readonly clock: BusinessClock,
    private readonly alerts: AlertRepository,
    private readonly leads: LeadActivityService,
    private readonly projects: ProjectProgressService,
    private readonly milestones: MilestoneProgressService,
    private readonly requests: RequestActivityService,
    private readonly bureaus: BureauRepository,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
    /** Supervision's overdue orders; absent where supervision is not loaded. */
    @Optional() private readonly orders?: OverdueOrders,
  ) {}

  thresholds(): AlertThresholds {
    return {
      leadIdleYellowDays: this.config.ALERT_LEAD_IDLE_YELLOW_DAYS,
      leadIdleRedDays: this.config.ALERT_LEAD_IDLE_RED_DAYS,
      signedNotRegisteredDays: this.config.ALERT_SIGNED_NOT_REGISTERED_DAYS,
      registeredNotStartedDays: this.config.ALERT_REGISTERED_NOT_STARTED_DAYS,
      startMonthRedMonths: this.config.ALERT_START_MONTH_RED_MONTHS,
    };
  }

  milestoneThresholds(): MilestoneThresholds {
    return { milestoneRedDays: this.config.MILESTONE_RED_DAYS };
  }

  /** The daily computation: evaluates every rule as of `today` and replaces the stored lights. */
  async compute(today = this.clock.today()): Promise<number> {
    const found = await this.current(today);
    await this.transactions.run((tx) => this.alerts.replace(today, found, tx));
    this.logger.log(`Computed ${found.length} alerts for ${today}`);
    return found.length;
  }

  /**
   * The lights as they stood at the end of `asOf` (a past report's week), rebuilt from the records' dates;
   * nothing is stored. On today or later it is the daily computation's answer for today.
   */
  async asOf(asOf: string): Promise<AlertCandidate[]> {
    const today = this.clock.today();
    if (asOf >= today) return this.current(today);
    const [leads, projects] = [await this.leads.asOf(asOf), await this.projects.asOf(asOf)];
    const nodes = await this.milestones.asOf(asOf);
    const orders = (await this.orders?.on(asOf)) ?? [];
    const requests = await this.requests.overdueAt(asOf);
    return [
      ...evaluateAlerts(asOf, leads, projects, this.thresholds(), orders, requests),
      ...evaluateMilestoneAlerts(asOf, nodes, this.milestoneThresholds()),
    ];
  }

  /** Every rule on today's records. */
  private async current(today: string): Promise<AlertCandidate[]> {
    const [leads, projects] = [await this.leads.current(), await this.projects.current()];
    const nodes = await this.milestones.current();
    const orders = (await this.orders?.on(today)) ?? [];
    const requests = await this.requests.overdueAt(today);
    return [
      ...evaluateAlerts(today, leads, projects, this.thresholds(), orders, requests),
      ...evaluateMilestoneAlerts(today, nodes, this.milestoneThresholds()),
    ];
  }

  /** One standing alert as its readers see it (a supervision order is made from it), or null. */
  async find(id: string): Promise<StandingAlert | null> {
    const row = await this.alerts.findById(id);
    if (!row) return null;
    const bureau = await this.bureaus.findById(row.bureauId);
    return { ...toAlertDto(row, bureau ?? undefined), bureauId: row.bureauId };
  }

  async list(actor: Actor, query: AlertQueryDto): Promise<AlertPageDto> {
    const scope = bureauScopeOf(actor);
    const bureaus = await this.bureaus.list();
    const byId = new Map(bureaus.map((b) => [b.id, b]));
    const bureauId = await listBureau(this.bureaus, scope, query.bureau);
    if (bureauId === undefined)
      return {
        ...pageOf([], 0, query),
        computedOn: (await this.alerts.lastRun())?.computedOn ?? null,
        counts: { red: 0, yellow: 0 },
      };
    const [[rows, total], [reds], [yellows], run] = await Promise.all([
      this.alerts.list({ bureauId, level: query.level, kind: query.kind }, query.skip, query.pageSize),
      this.alerts.list({ bureauId, level: 'red', kind: query.kind }, 0, 1).then(([, n]) => [n]),
      this.alerts.list({ bureauId, level: 'yellow', kind: query.kind }, 0, 1).then(([, n]) => [n]),
      this.alerts.lastRun(),
    ]);
    const items = rows.map((row) => toAlertDto(row, byId.get(row.bureauId)));
    return {
      ...pageOf(items, total, query),
      computedOn: run?.computedOn ?? null,
      counts: { red: reds, yellow: yellows },
    };
  }
}

export function alertMessage(alert: Pick<AlertCandidate, 'kind' | 'subject' | 'overdue' | 'since'>): string {
  switch (alert.kind) {
    case AlertKind.LeadIdle:
      return `${alert.subject}：${alert.overdue} 天未走访（上次接触 ${alert.since}）`;
    case AlertKind.FollowUpOverdue:
      return `${alert.subject}：跟进日期 ${alert.since} 已过 ${alert.overdue} 天`;
    case AlertKind.SignedNotRegistered:
      return `${alert.subject}：${alert.since} 签约，${alert.overdue} 天未注册落地`;
    case AlertKind.RegisteredNotStarted:
      return `${alert.subject}：${alert.since} 注册，${alert.overdue} 天未开工`;
    case AlertKind.StartMonthMissed:
      return `${alert.subject}：计划 ${alert.since.slice(0, 7)} 开工，已延误 ${alert.overdue} 个月`;
    case AlertKind.MilestoneOverdue:
      return `${alert.subject}：计划 ${alert.since} 完成，已逾期 ${alert.overdue} 天`;
    case AlertKind.OrderOverdue:
      return `督办单“${alert.subject}”：办理期限 ${alert.since}，已逾期 ${alert.overdue} 天`;
    case AlertKind.RequestOverdue:
      return `${alert.subject}：办理期限 ${alert.since}，已超期 ${alert.overdue} 天未办结`;
  }
}

const ENTITY_PATHS: Record<AlertEntity['entity'], string> = {
  lead: 'leads',
  project: 'projects',
  order: 'supervision-orders',
  request: 'service-requests',
};

function toAlertDto(row: AlertEntity, bureau?: { code: string; name: string }): AlertDto {
  return {
    id: row.id,
    level: row.level,
    kind: row.kind,
    kindLabel: ALERT_KIND_LABELS[row.kind],
    bureau: { code: bureau?.code ?? '', name: bureau?.name ?? '' },
    entity: row.entity,
    entityId: row.entityId,
    link: `/api/v1/${ENTITY_PATHS[row.entity]}/${row.entityId}`,
    subject: row.subject,
    overdue: row.overdue,
    since: row.since,
    message: alertMessage(row),
  };
}
