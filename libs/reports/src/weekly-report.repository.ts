import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReportTableStore } from './store/report-table.repository';

// any constant; publishing takes it so that the hash chain has one order
export const PUBLISH_LOCK = 745_118_301;

/** The weekly reports, in `weekly_report` (its rows name their period `week`). */
@Injectable()
export class WeeklyReportRepository extends ReportTableStore {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource.manager, {
      table: 'weekly_report',
      periodColumn: 'week',
      uniqueConstraint: 'uq_weekly_report_week_version',
      publishLock: PUBLISH_LOCK,
    });
  }
}
