import { TypeOrmModule } from '@nestjs/typeorm';
import { WeeklyReportEntity } from './entities/weekly-report.entity';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WeeklyReportCatchUpJob, WeeklyReportJob } from './jobs/weekly-report.job';
import { ReportBuilder } from './report-builder';
import { ReportVerifyController } from './report-verify.controller';
import { WeeklyReportController } from './weekly-report.controller';
import { WeeklyReportRepository } from './weekly-report.repository';
import { WeeklyReportService } from './weekly-report.service';

@Module({
  imports: [TypeOrmModule.forFeature([WeeklyReportEntity]), DiscoveryModule],
  controllers: [WeeklyReportController, ReportVerifyController],
  providers: [WeeklyReportService, WeeklyReportRepository, ReportBuilder, WeeklyReportJob, WeeklyReportCatchUpJob],
  exports: [WeeklyReportService],
})
export class ReportsModule {}
