import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { BureauRefDto } from './ranking.dto';

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

export class TargetYearQueryDto {
  @ApiProperty({ description: '年度', example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class TargetValuesDto {
  @ApiProperty({ description: '走访接洽（次）', example: 240 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  visits: number;

  @ApiProperty({ description: '新增线索（条）', example: 60 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  newLeads: number;

  @ApiProperty({ description: '签约项目（个）', example: 12 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  signedCount: number;

  @ApiProperty({ description: '签约额（万元）', example: '150000.00' })
  @IsString()
  @Matches(AMOUNT, { message: '{label}应为以万元计的金额，最多两位小数，如 150000.00' })
  signedAmount: string;

  @ApiProperty({ description: '开工项目（个）', example: 6 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  startedCount: number;

  @ApiProperty({ description: '到位资金（万元）', example: '60000.00' })
  @IsString()
  @Matches(AMOUNT, { message: '{label}应为以万元计的金额，最多两位小数，如 60000.00' })
  fundsInPlace: string;
}

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
