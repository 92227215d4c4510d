import { Job, JobHandler, QueueName } from '@app/core';
import { Injectable } from '@nestjs/common';
import { WeeklyReportService } from '../weekly-report.service';
import { WEEKLY_REPORT_CRON } from '../weekly-report.schedule';

/**
 * Monday 08:00 Asia/Shanghai: publish last week's report, and any week missed while Redis or every worker was down.
 * Also runs hourly, so that a missed Monday is caught up within the hour after a worker comes back.
 */
@Injectable()
@Job({ queue: QueueName.Reports, cron: WEEKLY_REPORT_CRON })
export class WeeklyReportJob implements JobHandler {
  constructor(private readonly reports: WeeklyReportService) {}

  async handle(): Promise<void> {
    await this.reports.publishDue();
  }
}

/** The catch-up of WeeklyReportJob at start and hourly (a no-op when every due week is published). */
@Injectable()
@Job({ queue: QueueName.Reports, cron: '5 * * * *', runAtStart: true })
export class WeeklyReportCatchUpJob implements JobHandler {
  constructor(private readonly reports: WeeklyReportService) {}

  async handle(): Promise<void> {
    await this.reports.publishDue();
  }
}
