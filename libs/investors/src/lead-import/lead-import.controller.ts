import { Actor, Allow, CurrentActor, Idempotent, Role } from '@app/core';
import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ImportQueryDto, ImportReportDto } from '../dto/lead-import.dto';
import { LeadImportService } from './lead-import.service';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './ledger-body.parser';

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
  @ApiOperation({
    summary: '导入线索台账：请求体为 XLSX 或 CSV 文件本身；dry-run 列出全部错误和撞单，commit 全部通过才整批写入',
  })
  @ApiConsumes(XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiUnprocessableEntityResponse({ description: 'IMPORT_REJECTED：details 为完整的检查报告' })
  import(@CurrentActor() actor: Actor, @Query() query: ImportQueryDto, @Body() file: Buffer): Promise<ImportReportDto> {
    return this.imports.import(actor, file, query.mode ?? 'dry-run');
  }
}
