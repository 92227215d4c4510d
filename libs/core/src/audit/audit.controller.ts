import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { pageOf } from '../http/pagination.dto';
import { AuditService } from './audit.service';
import { AuditEntryDto, AuditPageDto, AuditQueryDto, ChainVerificationDto } from './dto/audit.dto';

@ApiTags('审计日志 audit')
@ApiBearerAuth()
@Controller('audit')
@Allow(Role.Supervisor, Role.Admin)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: '审计日志（督查、管理员）' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const { entity, entityId, actorId, action, from, to } = query;
    const [rows, total] = await this.audit.list(
      { entity, entityId, actorId, action, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
      (query.page - 1) * query.pageSize,
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
  @ApiOperation({ summary: '校验审计日志哈希链，发现被修改或删除的记录' })
  @ApiOkResponse({ type: ChainVerificationDto })
  verify(): Promise<ChainVerificationDto> {
    return this.audit.verify();
  }
}
