import { Job, JobHandler, QueueName } from '@app/core';
import { Injectable } from '@nestjs/common';
import { MonthlyReportService, QuarterlyReportService } from '../period-report.service';
import { MONTHLY, QUARTERLY } from '../report-kinds';

/** The 1st of a month, 08:00 Asia/Shanghai: publish the month just ended (and any month missed before it). */
@Injectable()
@Job({ queue: QueueName.Reports, cron: MONTHLY.cron })
export class MonthlyReportJob implements JobHandler {
  constructor(private readonly reports: MonthlyReportService) {}

  async handle(): Promise<void> {
    await this.reports.publishDue();
  }
}

/** The first day of a quarter, 08:00 Asia/Shanghai: publish the quarter just ended (and any missed before it). */
@Injectable()
@Job({ queue: QueueName.Reports, cron: QUARTERLY.cron })
export class QuarterlyReportJob implements JobHandler {
  constructor(private readonly reports: QuarterlyReportService) {}

  async handle(): Promise<void> {
    await this.reports.publishDue();
  }
}

/**
 * The catch-up of the monthly and quarterly jobs at start and hourly: a month or quarter missed while Redis or
 * every worker was down is published within the hour after one comes back (a no-op when nothing is due).
 */
@Injectable()
@Job({ queue: QueueName.Reports, cron: '10 * * * *', runAtStart: true })
export class PeriodReportCatchUpJob implements JobHandler {
  constructor(
    private readonly monthly: MonthlyReportService,
    private readonly quarterly: QuarterlyReportService,
  ) {}

  async handle(): Promise<void> {
    await this.monthly.publishDue();
    await this.quarterly.publishDue();
  }
}
