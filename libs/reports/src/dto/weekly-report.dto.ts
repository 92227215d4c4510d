import { PageQueryDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class WeeklyReportSummaryDto {
  @ApiProperty({ example: '2026-W48' }) week: string;
  @ApiProperty({ example: 1, description: '版本（1 为定时生成，重新生成递增）' }) version: number;
  @ApiProperty({ example: '2026-11-30T00:00:03.512Z' }) publishedAt: string;
  @ApiProperty({ example: '9f2c…', description: '内容 SHA-256' }) sha256: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '上一份周报的 SHA-256',
    example: '4d7a1c9e2b5f8a3d6c0e9b2f5a8d1c4e7b0a3f6d9c2e5b8a1d4f7c0e3b6a9d2f',
  })
  prevSha256: string | null;
  @ApiProperty({ type: String, description: '由谁重新生成（定时生成为空）', nullable: true, example: null })
  generatedBy: string | null;
}

export class WeeklyReportPageDto {
  @ApiProperty({ type: [WeeklyReportSummaryDto] }) items: WeeklyReportSummaryDto[];
  @ApiProperty({ example: 12 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class ReportColumnDto {
  @ApiProperty({ example: 'signedAmount' }) key: string;
  @ApiProperty({ example: '签约额（万元）' }) header: string;
  @ApiProperty({ example: 'text', enum: ['text', 'int', 'amount', 'date', 'percent', 'change'] }) type: string;
}

export class ReportTableDto {
  @ApiProperty({ example: 'ranking' }) key: string;
  @ApiProperty({ example: '排名' }) title: string;
  @ApiProperty({ type: [ReportColumnDto] }) columns: ReportColumnDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [{ bureauCode: 'B01', bureauName: '海州区第一招商局', weekRank: 1 }],
  })
  rows: Record<string, unknown>[];
}

export class WeeklyReportContentDto {
  @ApiProperty({ example: '2026-W48' }) week: string;
  @ApiPropertyOptional({ example: 1, description: '版本（计入哈希：同一周的两个版本哈希不同）' }) version?: number;
  @ApiProperty({ example: '2026-11-23' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) generatedAt: string;
  @ApiProperty({ type: [ReportTableDto] }) tables: ReportTableDto[];
}

export class ReportScopeDto {
  @ApiProperty({ type: String, nullable: true, example: 'B02', description: '其余各表只含该局的行；为空表示看到全区' })
  bureau: string | null;
  @ApiProperty({ example: true, description: '是否按本局筛选（排名表始终完整；哈希针对完整快照）' })
  filtered: boolean;
}

export class WeeklyReportDto extends WeeklyReportSummaryDto {
  @ApiProperty({ type: WeeklyReportContentDto }) content: WeeklyReportContentDto;
  @ApiProperty({ type: ReportScopeDto, description: '本次查看的范围' }) scope: ReportScopeDto;
  @ApiProperty({ description: '内容与发布时的哈希一致', example: true }) intact: boolean;
}

export class WeeklyReportQueryDto {
  @ApiPropertyOptional({ description: '版本，默认最新', example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  version?: number;
}

export class ExportQueryDto extends WeeklyReportQueryDto {
  @ApiProperty({
    enum: ['xlsx', 'csv', 'docx'],
    example: 'xlsx',
    description: 'xlsx：全部表；csv：一张表；docx：通报（按 GB/T 9704 排版的 Word 文档，正文由各表数据写成，附排名表）',
  })
  @IsIn(['xlsx', 'csv', 'docx'], { message: '导出格式须为 xlsx、csv 或 docx' })
  format: 'xlsx' | 'csv' | 'docx';

  @ApiPropertyOptional({
    description:
      '要导出的表（key 或表名，如 ranking / 排名）。CSV 必填：每个文件一张表，缺省时 400 TABLE_REQUIRED 并列出全部表；XLSX 忽略（导出全部）',
    example: 'ranking',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  table?: string;
}

export class WeeklyReportListQueryDto extends PageQueryDto {}
