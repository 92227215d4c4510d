import { IsAmount, IsPastBusinessDate } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { normalizeUscc } from '@app/investors';
import { Transform, Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AgreementType, Stage } from '../stage';
import { UserRefDto } from '@app/identity';

export class DealGateDto {
  @ApiProperty({ description: '签约日期（不早于 2000-01-01，不晚于今天）', example: '2026-09-18' })
  @IsPastBusinessDate()
  signedDate: string;

  @ApiProperty({ description: '合同金额（万元）', example: '12500.00' })
  @IsAmount()
  amount: string;

  @ApiProperty({ enum: AgreementType, description: 'framework 框架协议 / formal 正式合同', example: 'framework' })
  @IsEnum(AgreementType)
  agreementType: AgreementType;
}

export class RegistrationGateDto {
  @ApiProperty({ description: '注册落地日期（不早于 2000-01-01，不晚于今天）', example: '2026-10-12' })
  @IsPastBusinessDate()
  date: string;

  @ApiProperty({ description: '落地企业统一社会信用代码（空格、全角、小写自动规范）', example: '91350100M000100Y43' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeUscc(value) : value))
  @IsString()
  @MaxLength(18)
  localCompanyUscc: string;
}

export class DateGateDto {
  @ApiProperty({ description: '开工或投产日期（不早于 2000-01-01，不晚于今天）', example: '2026-11-02' })
  @IsPastBusinessDate()
  date: string;
}

class VersionedDto {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409 STALE_VERSION', example: 3 })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  expectedVersion: number;

  @ApiPropertyOptional({ description: '说明', example: '市政府常务会议审议通过后签约' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class StageChangeDto extends VersionedDto {
  @ApiProperty({ enum: Stage, description: '目标阶段', example: Stage.Signed })
  @IsEnum(Stage)
  to: Stage;

  @ApiPropertyOptional({ type: DealGateDto, description: '进入签约阶段须提供' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DealGateDto)
  deal?: DealGateDto;

  @ApiPropertyOptional({ type: RegistrationGateDto, description: '进入注册落地阶段须提供' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RegistrationGateDto)
  registration?: RegistrationGateDto;

  @ApiPropertyOptional({ type: DateGateDto, description: '进入开工阶段须提供' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DateGateDto)
  start?: DateGateDto;

  @ApiPropertyOptional({ type: DateGateDto, description: '进入竣工投产阶段须提供' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DateGateDto)
  operation?: DateGateDto;

  @ApiPropertyOptional({ description: '原因：终止、回退、重新启动时必填', example: '企业投资计划调整，项目终止' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class DealUpgradeDto extends VersionedDto {
  @ApiProperty({ type: DealGateDto, description: '正式合同（agreementType 须为 formal）' })
  @IsObject()
  @ValidateNested()
  @Type(() => DealGateDto)
  deal: DealGateDto;
}

export class StageEventDto {
  @ApiProperty({ example: '171f9cb1-1076-42db-9ae6-1c9aaf5dabd8', format: 'uuid' }) id: string;
  @ApiProperty({ example: 2 }) seq: number;
  @ApiProperty({ enum: Stage, nullable: true, example: Stage.Negotiating }) fromStage: Stage | null;
  @ApiProperty({ enum: Stage, example: Stage.Signed }) toStage: Stage;
  @ApiProperty({ example: '签约' }) toStageLabel: string;
  @ApiProperty({ description: '业务日期', example: '2026-09-18' }) businessDate: string;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z', description: '录入时间' }) recordedAt: string;
  @ApiProperty({ type: UserRefDto }) actor: UserRefDto;
  @ApiProperty({ type: String, nullable: true, example: '市政府常务会议审议通过后签约' }) note: string | null;
  @ApiProperty({ nullable: true, description: '准入资料', example: { deal: { amount: '12500.00' } } })
  gate: Record<string, unknown> | null;
  @ApiProperty({ description: '是否为更正（回退或重新启动）', example: false }) isCorrection: boolean;
  @ApiProperty({ description: '是否计为一次签约（仅首次进入签约）', example: true }) countsAsSigning: boolean;
}

export class TimelineVisitDto {
  @ApiProperty({ example: '15da145d-fc29-4e2f-92cf-815fe99ed243', format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-08-20' }) date: string;
  @ApiProperty({ example: 'outbound' }) kind: string;
  @ApiProperty({ type: String, nullable: true, example: '江苏省常州市' }) place: string | null;
  @ApiProperty({ example: '与企业董事长洽谈用地需求' }) summary: string;
  @ApiProperty({ description: '领导带队', example: true }) leaderLed: boolean;
  @ApiProperty({ type: UserRefDto }) officer: UserRefDto;
}

export class TimelineEntryDto {
  @ApiProperty({ enum: ['stage', 'visit'], example: 'stage' }) type: 'stage' | 'visit';
  @ApiProperty({ example: '2026-09-18' }) date: string;
  @ApiPropertyOptional({ type: StageEventDto }) stageEvent?: StageEventDto;
  @ApiPropertyOptional({ type: TimelineVisitDto }) visit?: TimelineVisitDto;
}

export class StageDurationDto {
  @ApiProperty({ enum: Stage, example: Stage.Negotiating }) stage: Stage;
  @ApiProperty({ example: '在谈' }) stageLabel: string;
  @ApiProperty({ description: '停留天数（由阶段事件计算）', example: 45 }) days: number;
  @ApiProperty({ description: '进入次数', example: 1 }) entries: number;
}

export class ProjectTimelineDto {
  @ApiProperty({ example: '950be384-d2f6-4335-991f-f2747a3017e0', format: 'uuid' }) projectId: string;
  @ApiProperty({ example: 'signed', enum: Stage }) stage: Stage;
  @ApiProperty({ example: 3 }) version: number;
  @ApiProperty({ type: [TimelineEntryDto], description: '阶段事件与走访，按日期排序' }) items: TimelineEntryDto[];
  @ApiProperty({ type: [StageDurationDto] }) stageDurations: StageDurationDto[];
}
