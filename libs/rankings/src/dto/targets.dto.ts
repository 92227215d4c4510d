import { TARGET_FIGURES } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { TargetValues } from '../targets.repository';
import { FigureFields } from '../figure-fields';
import { BureauRefDto } from '@app/identity';

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

export class TargetYearQueryDto {
  @ApiProperty({ description: '年度', example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class TargetValuesDto extends FigureFields<TargetValues>(TARGET_FIGURES, (figure) => {
  const description = `${figure.label}（${figure.unit}）`;
  return figure.kind === 'amount'
    ? [
        ApiProperty({ type: String, description, example: figure.example }),
        IsString(),
        Matches(AMOUNT, { message: `{label}应为以万元计的金额，最多两位小数，如 ${figure.example}` }),
      ]
    : [ApiProperty({ type: Number, description, example: figure.example }), IsInt(), Min(0), Max(1_000_000)];
}) {}

export class BureauTargetInputDto extends TargetValuesDto {
  @ApiProperty({ description: '招商局编码', example: 'B03' })
  @IsString()
  @Matches(/^B\d{2,4}$/, { message: '{label}应为招商局编码，如 B01' })
  bureauCode: string;
}

export class PutTargetsDto {
  @ApiProperty({ type: [BureauTargetInputDto] })
  @ValidateNested({ each: true })
  @Type(() => BureauTargetInputDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  items: BureauTargetInputDto[];
}

export class BureauTargetDto extends TargetValuesDto {
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ description: '是否已下达目标', example: true }) set: boolean;
}
