import { BureauRefDto } from '@app/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import {
  WEIGHT_FIGURES,
  DEDUCTION_METRICS,
  Figures,
  FIGURES,
  PeriodKind,
  TARGET_FIGURES,
  TARGET_METRICS,
  TargetMetric,
} from '@app/core';
import { Weights } from '../figures';
import { FigureFields } from '../figure-fields';

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

/** The assessed metrics' weights, and the points each accountability figure takes off (optional: 0 by default). */
export class WeightValuesDto extends FigureFields<Weights>(WEIGHT_FIGURES, (figure) =>
  'defaultWeight' in figure
    ? [
        ApiProperty({ type: Number, example: figure.defaultWeight, description: `${figure.label}的权重（0–100）` }),
        Type(() => Number),
        IsInt(),
        Min(0),
        Max(100),
      ]
    : [
        ApiPropertyOptional({
          type: Number,
          example: 2,
          default: figure.deductionWeight,
          description: `${figure.label}扣分权重：每件扣减的分数（0–100，默认 0 不扣分）`,
        }),
        IsOptional(),
        Type(() => Number),
        IsInt(),
        Min(0),
        Max(100),
      ],
) {}

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

export class FiguresDto extends FigureFields<Figures>(FIGURES, (figure) => [
  ApiProperty({
    type: figure.kind === 'amount' ? String : Number,
    example: figure.example,
    description: `${figure.label}（${figure.unit}）`,
  }),
]) {}

export class CompletionDto extends FigureFields<Record<TargetMetric, number | null>>(TARGET_FIGURES, (figure) => [
  ApiProperty({ type: Number, nullable: true, example: 0.82, description: `${figure.label}完成率（无目标为空）` }),
]) {}

export class ScoreTermDto {
  @ApiProperty({ enum: TARGET_METRICS })
  metric: string;
  @ApiProperty({ example: 30, description: '权重' }) weight: number;
  @ApiProperty({ example: 1234.56, description: '本期实际（金额为万元）' }) actual: number;
  @ApiProperty({ example: 36500, description: '年度目标' }) annualTarget: number;
  @ApiProperty({ example: 700, description: '期间目标 = 年度目标 × 期间天数 ÷ 全年天数（四位小数）' })
  periodTarget: number;
  @ApiProperty({ example: 1.7637, description: 'min(实际 ÷ 期间目标, 1.5)' }) cappedRatio: number;
  @ApiProperty({ example: 52.91, description: '得分贡献 = 权重 × 封顶比值 × 100 ÷ 权重合计（四位小数）' })
  points: number;
}

export class ScoreDeductionDto {
  @ApiProperty({ enum: DEDUCTION_METRICS, example: 'ordersOverdue' })
  metric: string;
  @ApiProperty({ example: 2, description: '扣分权重：每件扣减的分数' }) weight: number;
  @ApiProperty({ example: 3, description: '本期件数' }) count: number;
  @ApiProperty({ example: 6, description: '扣减分数 = 扣分权重 × 本期件数' }) points: number;
}

export class ScoreBreakdownDto {
  @ApiProperty({ example: 80, description: '计入的指标权重合计（有年度目标且权重大于 0）' }) weightSum: number;
  @ApiProperty({ type: [ScoreTermDto] }) terms: ScoreTermDto[];
  @ApiProperty({
    type: [ScoreDeductionDto],
    description: '督办扣分：扣分权重大于 0 且本期有记录的督办逾期、逾期办结（得分已减去）',
  })
  deductions: ScoreDeductionDto[];
}

export class RankingRowDto {
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
  @ApiProperty({ example: 1, description: '名次：得分与签约额都相同的招商局名次并列（1, 2, 2, 4）' }) rank: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2,
    description: '较上期上升名次（负数为下降；两期并列同名次为 0；无上期为空）',
  })
  rankChange: number | null;
  @ApiProperty({ example: 96.5, description: '本期得分，按 scoreBreakdown 可复算' }) score: number;
  @ApiProperty({ type: ScoreBreakdownDto, description: '得分明细：每项指标的权重、本期实际、期间目标、封顶比值、得分' })
  scoreBreakdown: ScoreBreakdownDto;
  @ApiProperty({ type: FiguresDto, description: '本期数据' }) figures: FiguresDto;
  @ApiProperty({
    type: CompletionDto,
    description: '本期完成率：本期实际 ÷ 期间目标（年度目标按期间天数折算，不封顶）',
  })
  completionPeriod: CompletionDto;
  @ApiProperty({ type: CompletionDto, description: '年度累计完成率：年初至本期末的实际 ÷ 年度目标' })
  completionYtd: CompletionDto;
  @ApiProperty({ type: CompletionDto, description: '同 completionYtd（保留的旧字段：年度累计完成率）' })
  completion: CompletionDto;
  @ApiProperty({ description: '时序进度落后', example: false }) behind: boolean;
  @ApiProperty({ type: [String], example: ['fundsInPlace'] }) behindMetrics: string[];
}

export class PeriodDto {
  @ApiProperty({ example: 'week', enum: ['week', 'month', 'quarter', 'ytd'] }) kind: string;
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
  @ApiProperty({ example: 0.0192, description: '期间占全年的比例：期间目标 = 年度目标 × 此比例' })
  periodShare: number;
  @ApiProperty({ description: '得分公式', example: '得分 = Σ 权重ₖ × min(实际ₖ ÷ 期间目标ₖ, 1.5) × 100 ÷ Σ 权重ₖ …' })
  scoreFormula: string;
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
