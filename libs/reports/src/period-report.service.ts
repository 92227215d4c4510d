import { Injectable } from '@nestjs/common';
import { PeriodReportRepository } from './period-report.repository';
import { MONTHLY, QUARTERLY } from './report-kinds';
import { PublisherServices, ReportPublisher } from './report-publisher';

/** 月报: published on the 1st at 08:00 for the month just ended (月度监测). */
@Injectable()
export class MonthlyReportService extends ReportPublisher {
  constructor(reports: PeriodReportRepository, services: PublisherServices) {
    super(MONTHLY, reports.store('monthly'), services);
  }
}

/** 季报: published on the first day of a quarter at 08:00 for the quarter just ended. */
@Injectable()
export class QuarterlyReportService extends ReportPublisher {
  constructor(reports: PeriodReportRepository, services: PublisherServices) {
    super(QUARTERLY, reports.store('quarterly'), services);
  }
}
