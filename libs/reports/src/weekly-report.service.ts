import { Injectable } from '@nestjs/common';
import { WEEKLY } from './report-kinds';
import { PublisherServices, ReportPublisher } from './report-publisher';
import { WeeklyReportRepository } from './weekly-report.repository';

/** 周报: published Monday 08:00 for the ISO week just ended, in `weekly_report`. */
@Injectable()
export class WeeklyReportService extends ReportPublisher {
  constructor(reports: WeeklyReportRepository, services: PublisherServices) {
    super(WEEKLY, reports, services);
  }

  /** The newest week whose report is due at `now`: the week before the schedule's latest Monday run. */
  lastDueWeek(now = new Date()): string {
    return this.lastDue(now);
  }
}
