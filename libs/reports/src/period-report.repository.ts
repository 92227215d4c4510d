import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodReportEntity } from './entities/period-report.entity';
import { ReportStore } from './store/report-store';
import { ReportTableStore } from './store/report-table.repository';

export type PeriodReportKind = PeriodReportEntity['kind'];

/** Each kind's publish lock (any constants, apart from the weekly one): each chain has one order. */
export const PERIOD_PUBLISH_LOCKS: Record<PeriodReportKind, number> = { monthly: 745_118_302, quarterly: 745_118_303 };

/** The monthly and quarterly reports, in `period_report`: one store per kind. */
@Injectable()
export class PeriodReportRepository {
  private readonly stores: Record<PeriodReportKind, ReportStore>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const storeOf = (kind: PeriodReportKind) =>
      new ReportTableStore(dataSource.manager, {
        table: 'period_report',
        periodColumn: 'period',
        kind,
        uniqueConstraint: 'uq_period_report_kind_period_version',
        publishLock: PERIOD_PUBLISH_LOCKS[kind],
      });
    this.stores = { monthly: storeOf('monthly'), quarterly: storeOf('quarterly') };
  }

  store(kind: PeriodReportKind): ReportStore {
    return this.stores[kind];
  }
}
