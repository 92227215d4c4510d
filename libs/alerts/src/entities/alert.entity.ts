import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type AlertLevel = 'red' | 'yellow';

export type AlertEntityType = 'lead' | 'project' | 'order' | 'request';

export enum AlertKind {
  LeadIdle = 'lead_idle',
  FollowUpOverdue = 'follow_up_overdue',
  SignedNotRegistered = 'signed_not_registered',
  RegisteredNotStarted = 'registered_not_started',
  StartMonthMissed = 'start_month_missed',
  MilestoneOverdue = 'milestone_overdue',
  OrderOverdue = 'order_overdue',
  RequestOverdue = 'request_overdue',
}

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  [AlertKind.LeadIdle]: '线索久未走访',
  [AlertKind.FollowUpOverdue]: '跟进日期已过',
  [AlertKind.SignedNotRegistered]: '签约未注册落地',
  [AlertKind.RegisteredNotStarted]: '注册未开工',
  [AlertKind.StartMonthMissed]: '未按计划月份开工',
  [AlertKind.MilestoneOverdue]: '重点项目节点逾期',
  [AlertKind.OrderOverdue]: '督办单逾期未办结',
  [AlertKind.RequestOverdue]: '企业诉求超期未办结',
};

/** One red or yellow light of the daily 督查 computation; the newest computation replaces the one before. */
@Entity('alert')
@Index('idx_alert_bureau_level', ['bureauId', 'level'])
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'date' })
  computedOn: string;

  @Column({ type: 'varchar', length: 40 })
  kind: AlertKind;

  @Column({ type: 'varchar', length: 6 })
  level: AlertLevel;

  @Column({ type: 'uuid' })
  bureauId: string;

  /** `lead`, `project`, `order` (a supervision order) or `request` (an enterprise request): what the alert links to. */
  @Column({ type: 'varchar', length: 10 })
  entity: AlertEntityType;

  @Column({ type: 'uuid' })
  entityId: string;

  /** The investor's or the project's name. */
  @Column({ type: 'varchar', length: 200 })
  subject: string;

  /** Days (or months, for a missed start month) past the rule's date. */
  @Column({ type: 'int' })
  overdue: number;

  /**
   * The date the rule counts from (last contact, follow-up, signing, registration, planned start month, a node's
   * planned date, an order's due date).
   */
  @Column({ type: 'date' })
  since: string;
}
