import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { PeriodKind } from '@app/core';

export class BureauRefDto {
  @ApiProperty({ example: 'B03' }) code: string;
  @ApiProperty({ example: '海州区第三招商局' }) name: string;
}

export class RankingQueryDto {
  @ApiProperty({
    enum: ['week', 'month', 'quarter', 'ytd'],
    description: '本周 / 本月 / 本季度 / 年度累计',
    example: 'week',
  })
  @IsIn(['week', 'month', 'quarter', 'ytd'])
  period: PeriodKind;

  @ApiPropertyOptional({ description: '所在日期（默认今天，Asia/Shanghai）', example: '2026-11-26' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '{label}应为有效日期，写作 2026-11-18' })
  date?: string;
}

export class WeightValuesDto {
  @ApiProperty({ example: 10 }) @Type(() => Number) @IsInt() @Min(0) @Max(100) visits: number;
  @ApiProperty({ example: 0 }) @Type(() => Number) @IsInt() @Min(0) @Max(100) newLeads: number;
  @ApiProperty({ example: 20 }) @Type(() => Number) @IsInt() @Min(0) @Max(100) signedCount: number;
  @ApiProperty({ example: 30 }) @Type(() => Number) @IsInt() @Min(0) @Max(100) signedAmount: number;
  @ApiProperty({ example: 20 }) @Type(() => Number) @IsInt() @Min(0) @Max(100) startedCount: number;
  @ApiProperty({ example: 20 }) @Type(() => Number) @IsInt() @Min(0) @Max(100) fundsInPlace: number;
}

export class RankingWeightsDto extends WeightValuesDto {
  @ApiProperty({ description: '生效日期', example: '2026-01-01' }) effectiveFrom: string;
}

export class PutWeightsDto {
  @ApiProperty({ description: '生效日期（不早于今天：已出的排名保留原权重）', example: '2026-12-01' })
  @IsDateString({ strict: true }, { message: '{label}应为有效日期，写作 2026-11-18' })
  effectiveFrom: string;

  @ApiProperty({ type: WeightValuesDto, description: '排名权重' })
  @IsObject()
  @ValidateNested()
  @Type(() => WeightValuesDto)
  weights: WeightValuesDto;
}

export class WeightsOverviewDto {
  @ApiProperty({ type: RankingWeightsDto, description: '当前生效' }) current: RankingWeightsDto;
  @ApiProperty({ type: [RankingWeightsDto], description: '历次调整' }) history: RankingWeightsDto[];
}

export class FiguresDto {
  @ApiProperty({ example: 18 }) visits: number;
  @ApiProperty({ example: 3, description: '县级领导带队走请' }) leaderVisits: number;
  @ApiProperty({ example: 5 }) newLeads: number;
  @ApiProperty({ example: 2 }) negotiating: number;
  @ApiProperty({ example: 1 }) signedCount: number;
  @ApiProperty({ example: '12500.00' }) signedAmount: string;
  @ApiProperty({ example: 1 }) registeredCount: number;
  @ApiProperty({ example: 0 }) startedCount: number;
  @ApiProperty({ example: 0 }) operatingCount: number;
  @ApiProperty({ example: '3000.00' }) fundsInPlace: string;
}

export class CompletionDto {
  @ApiProperty({ nullable: true, example: 0.82 }) visits: number | null;
  @ApiProperty({ nullable: true, example: 0.5 }) newLeads: number | null;
  @ApiProperty({ nullable: true, example: 0.75 }) signedCount: number | null;
  @ApiProperty({ nullable: true, example: 0.91 }) signedAmount: number | null;
  @ApiProperty({ nullable: true, example: 0.5 }) startedCount: number | null;
  @ApiProperty({ nullable: true, example: 0.66 }) fundsInPlace: number | null;
}

export class RankingRowDto {
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
  @ApiProperty({ example: 1 }) rank: number;
  @ApiProperty({ nullable: true, example: 2, description: '较上期上升名次（负数为下降）' }) rankChange: number | null;
  @ApiProperty({ example: 96.5 }) score: number;
  @ApiProperty({ type: FiguresDto }) figures: FiguresDto;
  @ApiProperty({ type: CompletionDto, description: '年度目标完成率（年度累计）' }) completion: CompletionDto;
  @ApiProperty({ description: '时序进度落后', example: false }) behind: boolean;
  @ApiProperty({ type: [String], example: ['fundsInPlace'] }) behindMetrics: string[];
}

export class PeriodDto {
  @ApiProperty({ enum: ['week', 'month', 'quarter', 'ytd'] }) kind: string;
  @ApiProperty({ example: '2026-11-23' }) from: string;
  @ApiProperty({ example: '2026-11-30', description: '不含' }) to: string;
  @ApiProperty({ example: '2026-W48' }) label: string;
}

export class RankingDto {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: PeriodDto }) previous: PeriodDto;
  @ApiProperty({ example: '2026-11-26' }) asOf: string;
  @ApiProperty({ example: 0.9041, description: '全年时间进度' }) yearElapsed: number;
  @ApiProperty({ type: RankingWeightsDto }) weights: RankingWeightsDto;
  @ApiProperty({ type: [RankingRowDto] }) rows: RankingRowDto[];
}

export class YearQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
