import { PeriodKind } from '@app/core';
import { BureauRefDto } from '@app/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional } from 'class-validator';

export class RequestFiguresQueryDto {
  @ApiProperty({
    enum: ['week', 'month', 'quarter', 'ytd'],
    description: '本周 / 本月 / 本季度 / 年度累计',
    example: 'month',
  })
  @IsIn(['week', 'month', 'quarter', 'ytd'])
  period: PeriodKind;

  @ApiPropertyOptional({ description: '所在日期（默认今天，Asia/Shanghai）', example: '2026-11-26' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: '{label}应为有效日期，写作 2026-11-18' })
  date?: string;
}

export class RequestFigureValuesDto {
  @ApiProperty({ description: '期内受理的诉求数', example: 6 }) received: number;
  @ApiProperty({ description: '期内回访关闭的诉求数', example: 4 }) closed: number;
  @ApiProperty({ description: '期内关闭且在办理期限内办结的诉求数', example: 3 }) closedOnTime: number;
  @ApiProperty({
    description: '按期办结率（按期办结 ÷ 关闭；无关闭为 null）',
    type: Number,
    nullable: true,
    example: 0.75,
  })
  onTimeRate: number | null;
  @ApiProperty({ description: '期内回访为满意或基本满意的诉求数', example: 3 }) satisfied: number;
  @ApiProperty({
    description: '满意率（满意+基本满意 ÷ 有回访的诉求；无回访为 null）',
    type: Number,
    nullable: true,
    example: 0.75,
  })
  satisfactionRate: number | null;
}

export class BureauRequestFiguresDto extends RequestFigureValuesDto {
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
}

export class RequestFiguresDto {
  @ApiProperty({ enum: ['week', 'month', 'quarter', 'ytd'], example: 'month' }) period: PeriodKind;
  @ApiProperty({ example: '2026-11' }) label: string;
  @ApiProperty({ description: '期间首日', example: '2026-11-01' }) from: string;
  @ApiProperty({ description: '期间末日之后一天', example: '2026-12-01' }) to: string;
  @ApiProperty({ type: [BureauRequestFiguresDto], description: '各招商局（按编码）' })
  bureaus: BureauRequestFiguresDto[];
  @ApiProperty({ type: RequestFigureValuesDto, description: '全区合计' }) district: RequestFigureValuesDto;
}
