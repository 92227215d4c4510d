import { BureauRefDto } from '@app/identity';
import { PageQueryDto } from '@app/core';
import { IsUscc, LeadSource, normalizeUscc } from '@app/investors';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { TargetTier } from '../chain';

const toUscc = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? normalizeUscc(value) : value);
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
const BUREAU_CODE = /^B\d{2}$/;

export class CreateTargetDto {
  @ApiProperty({ description: '所属环节', format: 'uuid', example: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b' })
  @IsUUID('all')
  linkId: string;

  @ApiProperty({ description: '企业名称', example: '浙江永太科技股份有限公司', maxLength: 200 })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: '统一社会信用代码（已知时填写）', example: '91350100M000100Y43' })
  @Transform(toUscc)
  @IsOptional()
  @IsString()
  @IsUscc()
  uscc?: string;

  @ApiProperty({
    description: '企业类型：chain_leader 链主、head 头部、listed 上市、specialized 专精特新、other 其他',
    enum: TargetTier,
    example: 'listed',
  })
  @IsEnum(TargetTier)
  tier: TargetTier;

  @ApiPropertyOptional({ description: '所在地区', example: '浙江省台州市' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ description: '推荐理由', example: '含氟医药中间体龙头，有北方布局意向' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: '分工招商局代码（仅县级领导、管理员可指定）', example: 'B01' })
  @IsOptional()
  @Matches(BUREAU_CODE, { message: '招商局代码应写作 B01' })
  bureau?: string;
}

/**
 * Any of a target's fields but its link, checked as when it is added; `bureau` may also be empty, to take the 分工
 * away.
 */
export class UpdateTargetDto extends PartialType(OmitType(CreateTargetDto, ['linkId', 'bureau'] as const)) {
  @ApiPropertyOptional({ description: '分工招商局代码（仅县级领导、管理员）；传空字符串取消分工', example: 'B02' })
  @IsOptional()
  @Matches(/^(B\d{2})?$/, { message: '招商局代码应写作 B01' })
  bureau?: string;
}

export class TargetQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '产业链', format: 'uuid', example: 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e' })
  @IsOptional()
  @IsUUID('all')
  chainId?: string;

  @ApiPropertyOptional({ description: '环节', format: 'uuid', example: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b' })
  @IsOptional()
  @IsUUID('all')
  linkId?: string;

  @ApiPropertyOptional({ description: '分工招商局代码', example: 'B01' })
  @IsOptional()
  @Matches(BUREAU_CODE, { message: '招商局代码应写作 B01' })
  bureau?: string;

  @ApiPropertyOptional({ description: '企业类型', enum: TargetTier, example: 'listed' })
  @IsOptional()
  @IsEnum(TargetTier)
  tier?: TargetTier;

  @ApiPropertyOptional({ description: '是否已转为线索', example: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  converted?: boolean;
}

export class TargetToLeadDto {
  @ApiPropertyOptional({ description: '线索来源', enum: LeadSource, example: 'business_referral', default: 'other' })
  @IsOptional()
  @IsEnum(LeadSource)
  source?: LeadSource;

  @ApiPropertyOptional({
    description: '具办人（局长可指定本局人员）',
    format: 'uuid',
    example: '9b2f6c1e-3d4a-4e5f-8a7b-1c2d3e4f5a6b',
  })
  @IsOptional()
  @IsUUID('all')
  officerId?: string;
}

export class TargetDto {
  @ApiProperty({ example: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a', format: 'uuid' }) id: string;
  @ApiProperty({ example: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b', format: 'uuid' }) linkId: string;
  @ApiProperty({ example: '浙江永太科技股份有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '91350100M000100Y43' }) uscc: string | null;
  @ApiProperty({ enum: TargetTier, example: 'listed' }) tier: TargetTier;
  @ApiProperty({ example: '上市' }) tierLabel: string;
  @ApiProperty({ type: String, nullable: true, example: '浙江省台州市' }) region: string | null;
  @ApiProperty({ type: String, nullable: true, example: '含氟医药中间体龙头' }) reason: string | null;
  @ApiProperty({ type: BureauRefDto, nullable: true, description: '分工招商局' }) bureau: BureauRefDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) investorId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) leadId: string | null;
  @ApiProperty({ example: '2026-11-18' }) listedOn: string;
}

export class TargetPageDto {
  @ApiProperty({ type: [TargetDto] }) items: TargetDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}
