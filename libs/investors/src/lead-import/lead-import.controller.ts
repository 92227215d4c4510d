import {
  Actor,
  Allow,
  CurrentActor,
  FILE_UPLOAD_ROUTE,
  Idempotent,
  MULTIPART_MEDIA_TYPE,
  ParseIdPipe,
  Role,
} from '@app/core';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ImportJobDto, ImportQueryDto, ImportReportDto } from '../dto/lead-import.dto';
import { ASYNC_IMPORT_ROWS, IMPORT_PROGRESS_STEP, LeadImportService, MAX_IMPORT_ROWS } from './lead-import.service';
import { CSV_MEDIA_TYPE, LEDGER_FIELD, XLSX_MEDIA_TYPE } from './ledger-upload';

const OCTET_STREAM_MEDIA_TYPE = 'application/octet-stream';
const TEMPLATE_NAME = '线索台账导入模板.xlsx';

@ApiTags('线索 leads')
@ApiBearerAuth()
@Controller('imports/leads')
export class LeadImportController {
  constructor(private readonly imports: LeadImportService) {}

  @Get('template')
  @Allow(Role.Staff, Role.BureauHead)
  @ApiOperation({ summary: '下载线索台账导入模板（XLSX）' })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description: '线索台账导入模板.xlsx：首行为列名，各列带填写校验，另有一张表说明各列',
    schema: { type: 'string', format: 'binary' },
  })
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.template(), {
      type: XLSX_MEDIA_TYPE,
      disposition: `attachment; filename="lead-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(TEMPLATE_NAME)}`,
    });
  }

  @Post()
  @Allow(Role.Staff, Role.BureauHead)
  @Idempotent()
  @HttpCode(200)
  @RouteConfig(FILE_UPLOAD_ROUTE)
  @ApiOperation({
    summary: '导入线索台账：dry-run 列出全部错误和撞单，commit 全部通过才整批写入',
    description:
      `以 multipart/form-data 的文件字段 ${LEDGER_FIELD} 上传，或直接以文件本身作为请求体` +
      `（Content-Type 为 XLSX、text/csv 或 application/octet-stream），文件不超过 10 MB、最多 ${MAX_IMPORT_ROWS} 行。` +
      `不超过 ${ASYNC_IMPORT_ROWS} 行的台账当场返回检查报告（200，正式导入有问题时 422）；` +
      `更大的台账在后台导入：返回 202 和导入任务，Location 指向 GET /imports/leads/{id}，` +
      `每检查 ${IMPORT_PROGRESS_STEP} 行更新一次进度，完成后任务中带同样的检查报告。`,
  })
  // the document lists the form under multipart/form-data and the file itself under the other types
  @ApiConsumes(MULTIPART_MEDIA_TYPE, XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE, OCTET_STREAM_MEDIA_TYPE)
  @ApiBody({
    description: `multipart/form-data 时为表单，文件放在字段 ${LEDGER_FIELD}；其他类型时请求体即文件本身`,
    schema: {
      type: 'object',
      required: [LEDGER_FIELD],
      properties: {
        [LEDGER_FIELD]: { type: 'string', format: 'binary', description: '线索台账（XLSX 或 CSV，如 线索台账.xlsx）' },
      },
    },
  })
  @ApiOkResponse({ type: ImportReportDto, description: '小台账的检查报告（正式导入时 committed 为 true）' })
  @ApiAcceptedResponse({ type: ImportJobDto, description: '大台账已转入后台导入；响应头 Location 为任务地址' })
  @ApiBadRequestResponse({ description: 'IMPORT_FILE_INVALID：文件无法读取、缺少必填列、超过行数或表单缺少 file 字段' })
  @ApiPayloadTooLargeResponse({ description: '文件超过 10 MB' })
  @ApiUnprocessableEntityResponse({ description: 'IMPORT_REJECTED：details 为完整的检查报告' })
  @ApiConflictResponse({
    description:
      'DUPLICATE_LEAD 或 LEAD_NOT_OPEN：正式导入期间有企业被其他招商局登记或线索已变化，请重新试导入后再提交',
  })
  @ApiTooManyRequestsResponse({ description: 'IMPORT_BUSY：当前后台导入任务较多，请稍后再试' })
  async import(
    @CurrentActor() actor: Actor,
    @Query() query: ImportQueryDto,
    @Body() file: Buffer,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportDto | ImportJobDto> {
    const outcome = await this.imports.import(actor, file, query.mode ?? 'dry-run');
    if ('report' in outcome) return outcome.report;
    void reply.status(202).header('location', `${reply.request.routeOptions.url}/${outcome.job.id}`);
    return outcome.job;
  }

  @Get(':id')
  @Allow(Role.Staff, Role.BureauHead)
  @ApiOperation({
    summary: '查看后台导入任务的进度和结果（上传者及其所在招商局）',
    description: 'processedRows 为已检查的行数；status 为 done 时 report 为检查报告，为 failed 时 error 为原因',
  })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiNotFoundResponse({ description: '任务不存在，或属于其他招商局' })
  job(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ImportJobDto> {
    return this.imports.job(actor, id);
  }
}
