import { Actor, Allow, AnySignedIn, CurrentActor, Page, Role } from '@app/core';
import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ExportQueryDto,
  WeeklyReportDto,
  WeeklyReportListQueryDto,
  WeeklyReportPageDto,
  WeeklyReportQueryDto,
  WeeklyReportSummaryDto,
} from './dto/weekly-report.dto';
import { reportView, sendReportExport } from './report-http';
import { ReportsException, ReportsExceptionCode } from './reports.exception';
import type { StoredReportSummary } from './store/report-store';
import { WeeklyReportService } from './weekly-report.service';

const WEEK_PARAM = { name: 'week', description: 'ISO 周次', example: '2026-W48' };

@ApiTags('周报 weekly reports')
@ApiBearerAuth()
@Controller('reports/weekly')
export class WeeklyReportController {
  constructor(private readonly reports: WeeklyReportService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '已发布的周报（每周最新版本）' })
  @ApiOkResponse({ type: WeeklyReportPageDto })
  async list(@Query() query: WeeklyReportListQueryDto): Promise<Page<WeeklyReportSummaryDto>> {
    const page = await this.reports.list(query, { mayLag: true });
    return { ...page, items: page.items.map(summary) };
  }

  @Get(':week')
  @AnySignedIn()
  @ApiParam(WEEK_PARAM)
  @ApiOperation({
    summary: '某周周报（冻结快照）',
    description: '招商局用户看到完整的排名表，其余各表只含本局的行（scope 说明）；sha256 与 intact 针对完整快照',
  })
  @ApiOkResponse({ type: WeeklyReportDto })
  async get(
    @CurrentActor() actor: Actor,
    @Param('week') week: string,
    @Query() query: WeeklyReportQueryDto,
  ): Promise<WeeklyReportDto> {
    const report = await this.reports.get(week, query.version);
    const { content, ...view } = reportView(this.reports, report, actor);
    return { ...summary(report), content: content as WeeklyReportDto['content'], ...view };
  }

  @Get(':week/export')
  @AnySignedIn()
  @ApiParam(WEEK_PARAM)
  @ApiProduces(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  @ApiOkResponse({
    description: '周报文件：XLSX、CSV 或通报（DOCX）；响应头 x-report-sha256 为快照哈希，x-report-scope 为可见范围',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary:
      '导出周报：XLSX（每表一个工作表，首行为标题）、CSV（每个文件一张表，须用 table 指定，UTF-8 BOM）' +
      '或通报 DOCX（GB/T 9704 公文格式，正文由数据写成并与上周比较，附排名表）；' +
      '内容与哈希不一致时拒绝导出（409 REPORT_TAMPERED）',
    description: '招商局用户导出的排名表完整，其余各表只含本局的行（响应头 x-report-scope 为本局编码）',
  })
  @ApiConflictResponse({ description: 'REPORT_TAMPERED：周报内容与其哈希不一致，拒绝导出' })
  async export(
    @CurrentActor() actor: Actor,
    @Param('week') week: string,
    @Query() query: ExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendReportExport(this.reports, actor, week, query, reply);
  }

  @Post(':week/generate')
  @Allow(Role.Leader, Role.Admin)
  @ApiParam(WEEK_PARAM)
  @ApiOperation({ summary: '重新生成某周周报：新增一个版本，旧版本保留' })
  @ApiCreatedResponse({ type: WeeklyReportSummaryDto })
  @ApiUnprocessableEntityResponse({
    description: 'WEEK_NOT_OVER 或 WEEK_OUT_OF_ORDER：该周尚未结束，或早于已发布的最新一周且从未生成过',
  })
  async generate(@CurrentActor() actor: Actor, @Param('week') week: string): Promise<WeeklyReportSummaryDto> {
    const report = await this.reports.publish(week, actor);
    if (!report) throw new ReportsException(ReportsExceptionCode.ReportNotFound, `${week} 周报生成失败，请重试`);
    return summary(report);
  }
}

function summary(report: StoredReportSummary): WeeklyReportSummaryDto {
  return {
    week: report.period,
    version: report.version,
    publishedAt: report.publishedAt.toISOString(),
    sha256: report.sha256,
    prevSha256: report.prevSha256,
    generatedBy: report.generatedBy,
  };
}
