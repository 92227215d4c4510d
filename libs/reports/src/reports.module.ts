import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PeriodReportEntity } from './entities/period-report.entity';
import { WeeklyReportEntity } from './entities/weekly-report.entity';
import { MonthlyReportJob, PeriodReportCatchUpJob, QuarterlyReportJob } from './jobs/period-report.job';
import { WeeklyReportCatchUpJob, WeeklyReportJob } from './jobs/weekly-report.job';
import { PeriodReportController } from './period-report.controller';
import { PeriodReportRepository } from './period-report.repository';
import { MonthlyReportService, QuarterlyReportService } from './period-report.service';
import { ReportBuilder } from './report-builder';
import { LastReadReport, PublisherServices } from './report-publisher';
import { ReportVerifyController } from './report-verify.controller';
import { WeeklyReportController } from './weekly-report.controller';
import { WeeklyReportRepository } from './weekly-report.repository';
import { WeeklyReportService } from './weekly-report.service';

@Module({
  imports: [TypeOrmModule.forFeature([WeeklyReportEntity, PeriodReportEntity]), DiscoveryModule],
  controllers: [WeeklyReportController, PeriodReportController, ReportVerifyController],
  providers: [
    PublisherServices,
    LastReadReport,
    ReportBuilder,
    WeeklyReportService,
    WeeklyReportRepository,
    WeeklyReportJob,
    WeeklyReportCatchUpJob,
    MonthlyReportService,
    QuarterlyReportService,
    PeriodReportRepository,
    MonthlyReportJob,
    QuarterlyReportJob,
    PeriodReportCatchUpJob,
  ],
  exports: [WeeklyReportService, MonthlyReportService, QuarterlyReportService],
})
export class ReportsModule {}
