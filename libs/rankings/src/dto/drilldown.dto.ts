import { PageQueryDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { FIGURE_KEYS, FigureKey, PeriodKind } from '@app/core';
import { PeriodDto } from './ranking.dto';

export class DrilldownQueryDto extends PageQueryDto {
  @ApiProperty({ description: '招商局编码（招商局用户只能查看本局）', example: 'B03' })
  @IsString()
  @Matches(/^B\d{2,4}$/, { message: '{label}应为招商局编码，如 B01' })
  bureau: string;

  @ApiProperty({ enum: FIGURE_KEYS, example: 'signedAmount', description: '排名中的指标' })
  @IsIn(FIGURE_KEYS)
  metric: FigureKey;

  @ApiProperty({ enum: ['week', 'month', 'quarter', 'ytd'], example: 'week' })
  @IsIn(['week', 'month', 'quarter', 'ytd'])
  period: PeriodKind;

  @ApiPropertyOptional({ example: '2026-11-26' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '{label}应为有效日期，写作 2026-11-18' })
  date?: string;
}

export class DrilldownItemDto {
  @ApiProperty({ example: '05f94806-96d3-4994-92bb-dbcb7ca7177a', format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-11-24', description: '业务日期' }) day: string;
  @ApiProperty({ example: '12500.00', description: '计入数值' }) value: string;
  @ApiProperty({ example: '阜新金山氟化工有限公司' }) subject: string;
  @ApiProperty({ type: String, nullable: true, example: 'formal' }) detail: string | null;
  @ApiProperty({ example: 'visit', enum: ['visit', 'lead', 'project', 'fund', 'order'] }) entity: string;
  @ApiProperty({ example: '/api/v1/projects/…' }) link: string;
}

export class DrilldownDto {
  @ApiProperty({ example: { code: 'B03', name: '海州区第三招商局' } }) bureau: { code: string; name: string };
  @ApiProperty({ example: 'signedAmount' }) metric: string;
  @ApiProperty({ example: '签约额（万元）' }) metricLabel: string;
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ example: '25000.00', description: '全部明细合计，等于排名中的数值' }) sum: string;
  @ApiProperty({ example: 2 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
  @ApiProperty({ type: [DrilldownItemDto] }) items: DrilldownItemDto[];
}

export class RangeQueryDto {
  @ApiProperty({ example: '2026-01-01' })
  @IsDateString({ strict: true }, { message: '{label}应为有效日期，写作 2026-11-18' })
  from: string;

  @ApiProperty({ example: '2027-01-01', description: '不含' })
  @IsDateString({ strict: true }, { message: '{label}应为有效日期，写作 2026-11-18' })
  to: string;
}

export class FunnelQueryDto extends RangeQueryDto {
  @ApiPropertyOptional({
    description: '招商局编码；不填时区领导、督查室、管理员看全区，招商局用户看本局',
    example: 'B03',
  })
  @IsOptional()
  @IsString()
  @Matches(/^B\d{2,4}$/, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;
}

export class FunnelStageDto {
  @ApiProperty({ example: 'signed' }) stage: string;
  @ApiProperty({ example: '签约' }) label: string;
  @ApiProperty({ example: 12, description: '期间首次进入该阶段的项目数' }) reached: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.6, description: '较上一阶段的转化率' }) conversion:
    number | null;
  @ApiProperty({ type: Number, nullable: true, example: 41, description: '在该阶段停留天数中位数' }) medianDays:
    number | null;
}

export class FunnelDto {
  @ApiProperty({ nullable: true, example: { code: 'B03', name: '海州区第三招商局' } }) bureau: {
    code: string;
    name: string;
  } | null;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2027-01-01' }) to: string;
  @ApiProperty({ example: 40, description: '期间新增线索' }) newLeads: number;
  @ApiProperty({ type: [FunnelStageDto] }) stages: FunnelStageDto[];
}

export class ConsistencyDto {
  @ApiProperty({ example: true, description: '汇总表与原始记录重新统计的结果一致' }) consistent: boolean;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2027-01-01' }) to: string;
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [] }) differences: {
    bureau: string;
    figure: string;
    rollup: string;
    records: string;
  }[];
}
