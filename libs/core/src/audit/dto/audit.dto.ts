import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../http/pagination.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '对象类型', example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entity?: string;

  @ApiPropertyOptional({ description: '对象编号', example: '5f0c7c7e-2f1b-4a8e-9d1a-1b2c3d4e5f60' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ example: '8e62561c-3ac6-43fb-9016-e9a34a2caa5d', description: '操作人编号' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: '操作', example: 'auth.login_failed' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: '起始时间（含）', example: '2026-11-01T00:00:00+08:00' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: '截止时间（不含）', example: '2026-12-01T00:00:00+08:00' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class AuditEntryDto {
  @ApiProperty({ example: '1024' }) id: string;
  @ApiProperty({ example: '2026-11-23T09:30:00.000Z' }) at: string;
  @ApiProperty({ type: String, nullable: true, example: '5b0e6f2a-3c4d-4e8f-9a1b-2c3d4e5f6a7b' }) actorId:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: 'zhangwei' }) actorName: string | null;
  @ApiProperty({ example: 'user.create' }) action: string;
  @ApiProperty({ example: 'user' }) entity: string;
  @ApiProperty({ type: String, nullable: true, example: '5b0e6f2a-3c4d-4e8f-9a1b-2c3d4e5f6a7c' }) entityId:
    string | null;
  @ApiProperty({ nullable: true, description: '修改前', example: { displayName: '王建' } }) before: unknown;
  @ApiProperty({ nullable: true, description: '修改后', example: { displayName: '王建国' } }) after: unknown;
  @ApiProperty({ type: String, nullable: true, example: '10.20.1.15' }) ip: string | null;
  @ApiProperty({ type: String, nullable: true, example: '3f2b8c1e-7d4a-4e0b-9a61-5c2f0e8d1b47' }) requestId:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: '哈希链序号（尚未封存时为空）', example: '1024' }) sealSeq:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '本条记录的哈希（尚未封存时为空）',
    example: '9f2c6d0e4b1a8c3f5e7d9b2a4c6e8f0a1b3d5f7e9c2a4b6d8f0e1c3a5b7d9f2c',
  })
  hash: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class ChainVerifyQueryDto {
  @ApiPropertyOptional({
    description: '是否逐条完整校验（默认只逐条校验上次校验之后的新记录，之前的部分由数据库摘要核对）',
    enum: ['true', 'false'],
    example: 'true',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'full 只能是 true 或 false' })
  full?: 'true' | 'false';
}

export class ChainVerificationDto {
  @ApiProperty({ description: '哈希链是否完整', example: true }) valid: boolean;
  @ApiProperty({ description: '已确认的已封存条数（含以摘要核对的已校验前缀）', example: 5120 }) checked: number;
  @ApiProperty({ description: '本次逐条校验的条数', example: 120 }) walked: number;
  @ApiProperty({ description: '尚未封存条数（也已按各自的哈希校验）', example: 3 }) unsealed: number;
  @ApiProperty({
    example: 'incremental',
    description: 'incremental：已校验前缀以摘要核对；full：逐条校验',
    enum: ['full', 'incremental'],
  })
  mode: 'full' | 'incremental';
  @ApiPropertyOptional({ description: '链起点序号（按保留期清理后前移）', example: '1' }) firstSeq?: string;
  @ApiPropertyOptional({ description: '链头序号（本次校验的快照）', example: '5120' }) lastSeq?: string;
  @ApiPropertyOptional({
    example: '9f2c6d0e4b1a8c3f5e7d9b2a4c6e8f0a1b3d5f7e9c2a4b6d8f0e1c3a5b7d9f2c',
    description: '链头哈希，可与周报、检查点文件和日志中的链头核对',
  })
  lastHash?: string;
  @ApiPropertyOptional({ example: '1024', description: '首个断点的链序号' }) firstBrokenSeq?: string;
  @ApiPropertyOptional({ example: '1025' }) brokenEntryId?: string;
  @ApiPropertyOptional({ example: 'entry was changed (its content does not match its own hash)' }) reason?: string;
}
