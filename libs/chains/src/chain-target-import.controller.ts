import { Actor, Allow, CurrentActor, FILE_UPLOAD_ROUTE, MULTIPART_MEDIA_TYPE, Role } from '@app/core';
import { CSV_MEDIA_TYPE, LEDGER_FIELD, XLSX_MEDIA_TYPE } from '@app/investors';
import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ChainTargetImportService, MAX_TARGET_IMPORT_ROWS, TARGET_COLUMNS } from './chain-target-import.service';
import { TargetImportQueryDto, TargetImportReportDto } from './dto/target-import.dto';

@ApiTags('产业链 industry chains')
@ApiBearerAuth()
@Controller('imports/chain-targets')
export class ChainTargetImportController {
  constructor(private readonly imports: ChainTargetImportService) {}

  @Post()
  @Allow(Role.Leader, Role.Admin)
  @HttpCode(200)
  @RouteConfig(FILE_UPLOAD_ROUTE)
  @ApiOperation({
    summary: '导入招商目标企业清单：dry-run 逐行检查，commit 全部无误才整批写入（县级领导、管理员）',
    description:
      `以 multipart/form-data 的文件字段 ${LEDGER_FIELD} 上传，或直接以文件本身作为请求体（XLSX 或 CSV），` +
      `最多 ${MAX_TARGET_IMPORT_ROWS} 行。列：${Object.values(TARGET_COLUMNS).join('、')}` +
      '（环节、企业名称、企业类型必填；企业类型写 链主、头部、上市、专精特新 或 其他；分工招商局写代码如 B01 或全称）。',
  })
  @ApiConsumes(MULTIPART_MEDIA_TYPE, XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE, 'application/octet-stream')
  @ApiBody({
    description: `multipart/form-data 时为表单，文件放在字段 ${LEDGER_FIELD}；其他类型时请求体即文件本身`,
    schema: {
      type: 'object',
      required: [LEDGER_FIELD],
      properties: {
        [LEDGER_FIELD]: {
          type: 'string',
          format: 'binary',
          description: '目标企业清单（XLSX 或 CSV，如 目标企业.xlsx）',
        },
      },
    },
  })
  @ApiOkResponse({ type: TargetImportReportDto, description: '逐行检查报告（正式导入时 committed 为 true）' })
  @ApiBadRequestResponse({ description: 'IMPORT_FILE_INVALID：文件无法读取、缺少必填列或超过行数' })
  @ApiPayloadTooLargeResponse({ description: '文件超过 10 MB' })
  @ApiUnprocessableEntityResponse({ description: 'IMPORT_REJECTED：有错误行，未导入；details 为完整的检查报告' })
  import(
    @CurrentActor() actor: Actor,
    @Query() query: TargetImportQueryDto,
    @Body() file: Buffer,
  ): Promise<TargetImportReportDto> {
    return this.imports.import(actor, query.chainId, file, query.mode ?? 'dry-run');
  }
}
