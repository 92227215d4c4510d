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
import { WeeklyReportContent } from './report-builder';
import { csvStream, REPORT_NAME, ReportTable, xlsxStream } from './report-export';
import { visibleReport } from './report-scope';
import { ReportsException, ReportsExceptionCode } from './reports.exception';
import type { WeeklyReportSummary } from './weekly-report.repository';
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
    const { content, scope } = visibleReport(report.content as unknown as WeeklyReportContent, actor);
    return {
      ...summary(report),
      content: content as unknown as WeeklyReportDto['content'],
      scope,
      intact: this.reports.verify(report),
    };
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
    const report = await this.reports.exportable(week, query.version);
    const { content, scope } = visibleReport(report.content as unknown as WeeklyReportContent, actor);
    const table = query.table
      ? content.tables.find((t) => t.key === query.table || t.title === query.table)
      : undefined;
    if (query.table && !table) {
      throw new ReportsException(ReportsExceptionCode.ReportNotFound, `周报中没有表：${query.table}`, {
        tables: tablesOf(content),
      });
    }
    if (query.format === 'csv' && !table) {
      throw new ReportsException(
        ReportsExceptionCode.TableRequired,
        `CSV 每个文件一张表，请用 table 指定：${content.tables.map((t) => `${t.key}（${t.title}）`).join('、')}`,
        { tables: tablesOf(content) },
      );
    }
    const stem = `weekly-${week}-v${report.version}`;
    if (query.format === 'docx') {
      const document = await this.reports.bulletin(report, actor);
      void reply
        .header(
          'content-disposition',
          contentDisposition(`${stem}.docx`, `${REPORT_NAME}通报-${week}-v${report.version}.docx`),
        )
        .header('x-report-sha256', report.sha256)
        .header('x-report-scope', scope.filtered ? (scope.bureau ?? 'none') : 'all')
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .send(document);
      return;
    }
    const name =
      table && query.format === 'csv'
        ? { ascii: `${stem}-${table.key}.csv`, utf8: `${REPORT_NAME}-${week}-v${report.version}-${table.title}.csv` }
        : { ascii: `${stem}.xlsx`, utf8: `${REPORT_NAME}-${week}-v${report.version}.xlsx` };
    void reply
      .header('content-disposition', contentDisposition(name.ascii, name.utf8))
      .header('x-report-sha256', report.sha256)
      .header('x-report-scope', scope.filtered ? (scope.bureau ?? 'none') : 'all')
      .type(
        query.format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
      )
      .send(query.format === 'xlsx' ? xlsxStream(content) : csvStream(content, table as ReportTable));
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

function summary(report: WeeklyReportSummary): WeeklyReportSummaryDto {
  return {
    week: report.week,
    version: report.version,
    publishedAt: report.publishedAt.toISOString(),
    sha256: report.sha256,
    prevSha256: report.prevSha256,
    generatedBy: report.generatedBy,
  };
}

function tablesOf(content: WeeklyReportContent): { key: string; title: string }[] {
  return content.tables.map((t) => ({ key: t.key, title: t.title }));
}

/** An attachment's name: a plain ASCII one for old clients and the UTF-8 one (RFC 5987) for the rest. */
function contentDisposition(ascii: string, utf8: string): string {
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
