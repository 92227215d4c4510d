import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { pageOf } from '../http/pagination.dto';
import { AuditService } from './audit.service';
import { AuditEntryDto, AuditPageDto, AuditQueryDto, ChainVerificationDto, ChainVerifyQueryDto } from './dto/audit.dto';

@ApiTags('审计日志 audit')
@ApiBearerAuth()
@Controller('audit')
@Allow(Role.Supervisor, Role.Admin)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: '审计日志（督查、管理员）；只列出已封存进哈希链的记录（查询前先封存）' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const { entity, entityId, actorId, action, from, to } = query;
    const [rows, total] = await this.audit.list(
      { entity, entityId, actorId, action, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      query.skip,
      query.pageSize,
    );
    const items: AuditEntryDto[] = rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorId: row.actorId,
      actorName: row.actorName,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
      ip: row.ip,
      requestId: row.requestId,
      sealSeq: row.sealSeq,
      hash: row.hash,
    }));
    return pageOf(items, total, query);
  }

  @Get('verify')
  @ApiOperation({
    summary: '校验审计日志哈希链，发现被修改、删除或截断的记录',
    description:
      '在同一快照上校验到快照中的链头；链头与链起点还与数据库之外的检查点核对。full=true 时逐条校验全部记录。',
  })
  @ApiOkResponse({ type: ChainVerificationDto })
  verify(@Query() query: ChainVerifyQueryDto): Promise<ChainVerificationDto> {
    return this.audit.verify({ full: query.full === 'true' });
  }
}
