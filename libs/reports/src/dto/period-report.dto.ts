import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportScopeDto, ReportTableDto } from './weekly-report.dto';

export class PeriodReportSummaryDto {
  @ApiProperty({ enum: ['monthly', 'quarterly'], example: 'monthly', description: 'monthly 月报；quarterly 季报' })
  kind: 'monthly' | 'quarterly';
  @ApiProperty({ example: '2026-11', description: '月份（2026-11）或季度（2026-Q4）' }) period: string;
  @ApiProperty({ example: 1, description: '版本（1 为定时生成，重新生成递增）' }) version: number;
  @ApiProperty({ example: '2026-12-01T00:00:04.118Z' }) publishedAt: string;
  @ApiProperty({
    example: '3b8e0f6a9c2d5e1f4a7b0c3d6e9f2a5b8c1d4e7f0a3b6c9d2e5f8a1b4c7d0e3f',
    description: '内容 SHA-256',
  })
  sha256: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '同类报告中上一份的 SHA-256（月报、季报各成一条链）',
    example: '4d7a1c9e2b5f8a3d6c0e9b2f5a8d1c4e7b0a3f6d9c2e5b8a1d4f7c0e3b6a9d2f',
  })
  prevSha256: string | null;
  @ApiProperty({ type: String, description: '由谁重新生成（定时生成为空）', nullable: true, example: null })
  generatedBy: string | null;
}

export class PeriodReportPageDto {
  @ApiProperty({ type: [PeriodReportSummaryDto] }) items: PeriodReportSummaryDto[];
  @ApiProperty({ example: 11 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class PeriodReportContentDto {
  @ApiProperty({ enum: ['monthly', 'quarterly'], example: 'monthly' }) kind: 'monthly' | 'quarterly';
  @ApiProperty({ example: '2026-11' }) period: string;
  @ApiPropertyOptional({ example: 1, description: '版本（计入哈希）' }) version?: number;
  @ApiProperty({ example: '2026-11-01', description: '期间首日' }) from: string;
  @ApiProperty({ example: '2026-12-01', description: '期间末日的次日' }) to: string;
  @ApiProperty({ example: '2026-12-01T00:00:04.118Z' }) generatedAt: string;
  @ApiProperty({
    type: [ReportTableDto],
    description: '各表与周报相同（列名按本月 / 本季度），另有产业链覆盖（chains）等月度监测表',
  })
  tables: ReportTableDto[];
}

export class PeriodReportDto extends PeriodReportSummaryDto {
  @ApiProperty({ type: PeriodReportContentDto }) content: PeriodReportContentDto;
  @ApiProperty({ type: ReportScopeDto, description: '本次查看的范围' }) scope: ReportScopeDto;
  @ApiProperty({ description: '内容与发布时的哈希一致', example: true }) intact: boolean;
}
