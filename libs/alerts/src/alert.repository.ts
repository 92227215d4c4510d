import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AlertRunEntity } from './entities/alert-run.entity';
import { AlertEntity, AlertKind, AlertLevel } from './entities/alert.entity';

export interface AlertThresholds {
  leadIdleYellowDays: number;
  leadIdleRedDays: number;
  signedNotRegisteredDays: number;
  registeredNotStartedDays: number;
  startMonthRedMonths: number;
}

export type AlertCandidate = Omit<AlertEntity, 'id' | 'computedOn'>;

export interface AlertFilter {
  bureauId?: string | null;
  level?: AlertLevel;
  kind?: AlertKind;
}

/**
 * The 督查 rules as one read over the lead and project tables (a read model: the alerts never write there),
 * and the stored result of the newest daily computation.
 */
@Injectable()
export class AlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every rule evaluated as of the end of the day `asOf`. With `historic` false (the daily computation, on
   * today) the records' current state is read. With `historic` true (a report of a past week) the state is
   * rebuilt from the records' dates as of that day: leads registered by then and not closed by then, their
   * last visit dated by then, the follow-up date set by their last visit by then; projects in the stage of
   * their last stage event dated by then, counted from that event's date. Visits, stage changes and closings
   * dated after `asOf` are not seen.
   */
  async evaluate(asOf: string, timeZone: string, t: AlertThresholds, historic = false): Promise<AlertCandidate[]> {
    const rows: (AlertCandidate & { since: string })[] = await this.dataSource.query(
      `WITH open_lead AS (
         SELECT l.id, l.bureau_id, i.name AS subject,
                CASE WHEN $8 THEN
                  COALESCE(
                    (SELECT v.next_follow_up_at FROM visit v
                      WHERE v.lead_id = l.id AND v.date <= $1::date AND v.next_follow_up_at IS NOT NULL
                      ORDER BY v.date DESC, v.created_at DESC LIMIT 1),
                    CASE WHEN NOT EXISTS (SELECT 1 FROM visit v WHERE v.lead_id = l.id AND v.date > $1::date
                                             AND v.next_follow_up_at IS NOT NULL)
                         THEN l.next_follow_up_at END)
                ELSE l.next_follow_up_at END AS next_follow_up_at,
                COALESCE(
                  CASE WHEN $8 THEN (SELECT max(v.date) FROM visit v WHERE v.lead_id = l.id AND v.date <= $1::date)
                       ELSE l.last_contact_at END,
                  l.registered_at) AS contact
           FROM lead l JOIN investor i ON i.id = l.investor_id
          WHERE CASE WHEN $8 THEN l.registered_at <= $1::date
                                  AND (l.status = 'open' OR (l.closed_at AT TIME ZONE $2)::date > $1::date)
                     ELSE l.status = 'open' END),
       project_as_of AS (
         SELECT p.id, p.bureau_id, p.name, p.planned_start_month,
                CASE WHEN $8 THEN s.to_stage ELSE p.stage END AS stage,
                CASE WHEN $8 THEN s.business_date ELSE NULL END AS stage_since,
                CASE WHEN $8 AND p.signed_at > $1::date THEN NULL ELSE p.signed_at END AS signed_at,
                CASE WHEN $8 AND p.registered_at > $1::date THEN NULL ELSE p.registered_at END AS registered_at
           FROM project p
           LEFT JOIN LATERAL (
                SELECT e.to_stage, e.business_date FROM project_stage_event e
                 WHERE e.project_id = p.id AND e.business_date <= $1::date
                 ORDER BY e.business_date DESC, e.seq DESC LIMIT 1) s ON $8
          WHERE NOT $8 OR s.to_stage IS NOT NULL),
       live_project AS (
         SELECT p.id, p.bureau_id, p.name, p.planned_start_month, p.stage,
                COALESCE(CASE WHEN p.stage = 'signed' THEN p.signed_at END, p.stage_since) AS signed_at,
                COALESCE(CASE WHEN p.stage = 'registered' THEN p.registered_at END, p.stage_since) AS registered_at
           FROM project_as_of p WHERE p.stage NOT IN ('operating', 'terminated'))
       SELECT 'lead_idle' AS kind, CASE WHEN $1::date - contact >= $4 THEN 'red' ELSE 'yellow' END AS level,
              bureau_id, 'lead' AS entity, id AS entity_id, subject, $1::date - contact AS overdue, contact::text AS since
         FROM open_lead WHERE $1::date - contact >= $3
       UNION ALL
       SELECT 'follow_up_overdue', 'yellow', bureau_id, 'lead', id, subject, $1::date - next_follow_up_at, next_follow_up_at::text
         FROM open_lead WHERE next_follow_up_at < $1::date
       UNION ALL
       SELECT 'signed_not_registered', 'red', bureau_id, 'project', id, name, $1::date - signed_at, signed_at::text
         FROM live_project WHERE stage = 'signed' AND signed_at <= $1::date - $5::int
       UNION ALL
       SELECT 'registered_not_started', 'red', bureau_id, 'project', id, name, $1::date - registered_at, registered_at::text
         FROM live_project WHERE stage = 'registered' AND registered_at <= $1::date - $6::int
       UNION ALL
       SELECT 'start_month_missed', CASE WHEN missed >= $7 THEN 'red' ELSE 'yellow' END, bureau_id, 'project', id, name, missed,
              planned_start_month || '-01'
         FROM (SELECT p.*, (extract(year FROM $1::date)::int * 12 + extract(month FROM $1::date)::int)
                          - (substr(planned_start_month, 1, 4)::int * 12 + substr(planned_start_month, 6, 2)::int) AS missed
                 FROM live_project p
                WHERE p.planned_start_month IS NOT NULL AND p.stage IN ('reserve', 'negotiating', 'signed', 'registered')) AS m
        WHERE missed >= 1`,
      [
        asOf,
        timeZone,
        t.leadIdleYellowDays,
        t.leadIdleRedDays,
        t.signedNotRegisteredDays,
        t.registeredNotStartedDays,
        t.startMonthRedMonths,
        historic,
      ],
    );
    return rows.map((row) => {
      const raw = row as unknown as Record<string, string | number>;
      return {
        kind: raw.kind as AlertKind,
        level: raw.level as AlertLevel,
        bureauId: String(raw.bureau_id),
        entity: raw.entity as 'lead' | 'project',
        entityId: String(raw.entity_id),
        subject: String(raw.subject),
        overdue: Number(raw.overdue),
        since: String(raw.since),
      };
    });
  }

  /** Replaces the stored alerts with a new computation, in one transaction. */
  async replace(computedOn: string, alerts: AlertCandidate[], tx: Transaction): Promise<void> {
    await tx.query('DELETE FROM alert');
    await tx.getRepository(AlertRunEntity).save({ id: 1, computedOn, computedAt: new Date() });
    for (let i = 0; i < alerts.length; i += 1000) {
      await tx.getRepository(AlertEntity).insert(alerts.slice(i, i + 1000).map((alert) => ({ ...alert, computedOn })));
    }
  }

  async list(filter: AlertFilter, skip: number, take: number): Promise<[AlertEntity[], number]> {
    const query = this.dataSource.getRepository(AlertEntity).createQueryBuilder('a');
    if (filter.bureauId) query.andWhere('a.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.level) query.andWhere('a.level = :level', { level: filter.level });
    if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
    return query
      .orderBy("CASE a.level WHEN 'red' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy('a.overdue', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
  }

  all(): Promise<AlertEntity[]> {
    return this.dataSource
      .getRepository(AlertEntity)
      .find({ order: { bureauId: 'ASC', level: 'ASC', overdue: 'DESC' } });
  }

  async lastRun(): Promise<AlertRunEntity | null> {
    return this.dataSource.getRepository(AlertRunEntity).findOne({ where: { id: 1 } });
  }
}
