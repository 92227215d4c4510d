import { InjectDataSource } from '@nestjs/typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An open lead's contact record as it stood at the end of a day (see LeadActivityService). */
export interface LeadActivity {
  leadId: string;
  bureauId: string;
  investorName: string;
  /** The last visit's date by that day, or the lead's 登记日期 when it had none. */
  lastContact: string;
  /** The follow-up date standing that day. */
  nextFollowUpAt: string | null;
}

interface ActivityRow {
  lead_id: string;
  bureau_id: string;
  investor_name: string;
  last_contact: string;
  next_follow_up_at: string | null;
}

@Injectable()
export class LeadActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The leads open now (`asOf` null: each lead's own last contact and follow-up), or at the end of the day
   * `asOf`, rebuilt from the records' dates: leads registered by then and not closed by then (closings counted
   * in `timeZone`), their last visit dated by then, the follow-up set by their last visit by then (or the
   * lead's own when no later visit set one).
   */
  async openLeads(asOf: string | null, timeZone: string): Promise<LeadActivity[]> {
    const rows: ActivityRow[] = await this.dataSource.query(
      `SELECT l.id AS lead_id, l.bureau_id, i.name AS investor_name,
              COALESCE(
                CASE WHEN $3 THEN (SELECT max(v.date) FROM visit v WHERE v.lead_id = l.id AND v.date <= $1::date)
                     ELSE l.last_contact_at END,
                l.registered_at)::text AS last_contact,
              (CASE WHEN $3 THEN
                 COALESCE(
                   (SELECT v.next_follow_up_at FROM visit v
                     WHERE v.lead_id = l.id AND v.date <= $1::date AND v.next_follow_up_at IS NOT NULL
                     ORDER BY v.date DESC, v.created_at DESC LIMIT 1),
                   CASE WHEN NOT EXISTS (SELECT 1 FROM visit v WHERE v.lead_id = l.id AND v.date > $1::date
                                            AND v.next_follow_up_at IS NOT NULL)
                        THEN l.next_follow_up_at END)
               ELSE l.next_follow_up_at END)::text AS next_follow_up_at
         FROM lead l JOIN investor i ON i.id = l.investor_id
        WHERE CASE WHEN $3 THEN l.registered_at <= $1::date
                                AND (l.status = 'open' OR (l.closed_at AT TIME ZONE $2)::date > $1::date)
                   ELSE l.status = 'open' END
        ORDER BY l.id`,
      [asOf, timeZone, asOf !== null],
    );
    return rows.map((row) => ({
      leadId: row.lead_id,
      bureauId: row.bureau_id,
      investorName: row.investor_name,
      lastContact: row.last_contact,
      nextFollowUpAt: row.next_follow_up_at,
    }));
  }
}
