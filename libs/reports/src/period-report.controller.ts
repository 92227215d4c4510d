import { Actor, Allow, AnySignedIn, CurrentActor, Page, Role } from '@app/core';
import { applyDecorators, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
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
import { PeriodReportDto, PeriodReportPageDto, PeriodReportSummaryDto } from './dto/period-report.dto';
import { ExportQueryDto, WeeklyReportListQueryDto, WeeklyReportQueryDto } from './dto/weekly-report.dto';
import { MonthlyReportService, QuarterlyReportService } from './period-report.service';
import { ReportPublisher } from './report-publisher';
import { reportView, sendReportExport } from './report-http';
import { ReportsException, ReportsExceptionCode } from './reports.exception';
import { StoredReportSummary } from './store/report-store';

const MONTH = ApiParam({ name: 'month', description: '月份', example: '2026-11' });
const QUARTER = ApiParam({ name: 'quarter', description: '季度', example: '2026-Q4' });

const List = (title: string) =>
  applyDecorators(
    AnySignedIn(),
    ApiOperation({ summary: `已发布的${title}（每期最新版本）` }),
    ApiOkResponse({ type: PeriodReportPageDto }),
  );

const View = (title: string) =>
  applyDecorators(
    AnySignedIn(),
    ApiOperation({
      summary: `某期${title}（冻结快照）`,
      description: '招商局用户看到完整的排名表，其余各表只含本局的行（scope 说明）；sha256 与 intact 针对完整快照',
    }),
    ApiOkResponse({ type: PeriodReportDto }),
  );

const Export = (title: string) =>
  applyDecorators(
    AnySignedIn(),
    ApiProduces(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ),
    ApiOkResponse({
      description: `${title}文件：XLSX、CSV 或通报（DOCX）；响应头 x-report-sha256 为快照哈希，x-report-scope 为可见范围`,
      schema: { type: 'string', format: 'binary' },
    }),
    ApiOperation({
      summary:
        `导出${title}：XLSX（每表一个工作表）、CSV（一张表，须用 table 指定）或通报 DOCX（GB/T 9704 公文格式，` +
        '正文由数据写成并与上一期比较）；内容与哈希不一致时拒绝导出（409 REPORT_TAMPERED）',
    }),
    ApiConflictResponse({ description: `REPORT_TAMPERED：${title}内容与其哈希不一致，拒绝导出` }),
  );

const Generate = (title: string) =>
  applyDecorators(
    Allow(Role.Leader, Role.Admin),
    ApiOperation({ summary: `重新生成某期${title}：新增一个版本，旧版本保留` }),
    ApiCreatedResponse({ type: PeriodReportSummaryDto }),
    ApiUnprocessableEntityResponse({
      description: 'PERIOD_NOT_OVER 或 PERIOD_OUT_OF_ORDER：该期尚未结束，或早于已发布的最新一期且从未生成过',
    }),
  );

/**
 * 月报 and 季报 (月度监测): the weekly report's sections over a month or a quarter, plus the tables only they carry,
 * with the weekly report's guarantees — each kind its own hash chain, published once on its schedule.
 */
@ApiTags('月报与季报 monthly and quarterly reports')
@ApiBearerAuth()
@Controller('reports')
export class PeriodReportController {
  constructor(
    private readonly monthly: MonthlyReportService,
    private readonly quarterly: QuarterlyReportService,
  ) {}

  @Get('monthly')
  @List('月报')
  monthlyList(@Query() query: WeeklyReportListQueryDto): Promise<Page<PeriodReportSummaryDto>> {
    return listOf(this.monthly, query);
  }

  @Get('monthly/:month')
  @MONTH
  @View('月报')
  monthlyReport(
    @CurrentActor() actor: Actor,
    @Param('month') month: string,
    @Query() query: WeeklyReportQueryDto,
  ): Promise<PeriodReportDto> {
    return viewOf(this.monthly, actor, month, query.version);
  }

  @Get('monthly/:month/export')
  @MONTH
  @Export('月报')
  monthlyExport(
    @CurrentActor() actor: Actor,
    @Param('month') month: string,
    @Query() query: ExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return sendReportExport(this.monthly, actor, month, query, reply);
  }

  @Post('monthly/:month/generate')
  @MONTH
  @Generate('月报')
  monthlyGenerate(@CurrentActor() actor: Actor, @Param('month') month: string): Promise<PeriodReportSummaryDto> {
    return generate(this.monthly, actor, month);
  }

  @Get('quarterly')
  @List('季报')
  quarterlyList(@Query() query: WeeklyReportListQueryDto): Promise<Page<PeriodReportSummaryDto>> {
    return listOf(this.quarterly, query);
  }

  @Get('quarterly/:quarter')
  @QUARTER
  @View('季报')
  quarterlyReport(
    @CurrentActor() actor: Actor,
    @Param('quarter') quarter: string,
    @Query() query: WeeklyReportQueryDto,
  ): Promise<PeriodReportDto> {
    return viewOf(this.quarterly, actor, quarter, query.version);
  }

  @Get('quarterly/:quarter/export')
  @QUARTER
  @Export('季报')
  quarterlyExport(
    @CurrentActor() actor: Actor,
    @Param('quarter') quarter: string,
    @Query() query: ExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return sendReportExport(this.quarterly, actor, quarter, query, reply);
  }

  @Post('quarterly/:quarter/generate')
  @QUARTER
  @Generate('季报')
  quarterlyGenerate(@CurrentActor() actor: Actor, @Param('quarter') quarter: string): Promise<PeriodReportSummaryDto> {
    return generate(this.quarterly, actor, quarter);
  }
}

function summary(publisher: ReportPublisher, report: StoredReportSummary): PeriodReportSummaryDto {
  return {
    kind: publisher.kind.name as PeriodReportSummaryDto['kind'],
    period: report.period,
    version: report.version,
    publishedAt: report.publishedAt.toISOString(),
    sha256: report.sha256,
    prevSha256: report.prevSha256,
    generatedBy: report.generatedBy,
  };
}

async function listOf(publisher: ReportPublisher, query: WeeklyReportListQueryDto) {
  const page = await publisher.list(query, { mayLag: true });
  return { ...page, items: page.items.map((report) => summary(publisher, report)) };
}

async function viewOf(publisher: ReportPublisher, actor: Actor, label: string, version?: number) {
  const report = await publisher.get(label, version);
  const { content, ...view } = reportView(publisher, report, actor);
  return { ...summary(publisher, report), content: content as PeriodReportDto['content'], ...view };
}

async function generate(publisher: ReportPublisher, actor: Actor, label: string) {
  const report = await publisher.publish(label, actor);
  if (!report) {
    throw new ReportsException(ReportsExceptionCode.ReportNotFound, `${label} ${publisher.kind.title}生成失败，请重试`);
  }
  return summary(publisher, report);
}
