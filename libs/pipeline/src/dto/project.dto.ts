import { BureauRefDto, UserRefDto } from '@app/identity';
import { IsAmount, IsCalendarDate, IsMonth, PageQueryDto } from '@app/core';
import { InvestorRefDto } from '@app/investors';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { AgreementType, Stage } from '../stage';

const BUREAU_CODE = /^B\d{2,4}$/;

/** Optional, but never null: the field has no "empty" value to set. */
const IsOptionalNotNull = () => ValidateIf((_: object, value: unknown) => value !== undefined);

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ProjectDto {
  @ApiProperty({ example: '26b13b4d-8e8e-4b33-98a5-ff14008893f6', format: 'uuid' }) id: string;
  @ApiProperty({ example: '年产2万吨电子级氢氟酸项目' }) name: string;
  @ApiProperty({ type: InvestorRefDto }) investor: InvestorRefDto;
  @ApiProperty({ type: BureauRefDto, description: '责任招商局' }) bureau: BureauRefDto;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '来源线索',
    example: '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f',
  })
  leadId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '氟化工' }) industry: string | null;
  @ApiProperty({ type: String, nullable: true, description: '计划投资（万元）', example: '12500.00' })
  plannedInvestment: string | null;
  @ApiProperty({ type: String, nullable: true, description: '项目地点/园区', example: '阜新氟化工产业园' }) location:
    string | null;
  @ApiProperty({ description: '重点项目', example: true }) isKeyProject: boolean;
  @ApiProperty({ type: String, nullable: true, description: '计划开工月份', example: '2027-03' }) plannedStartMonth:
    string | null;
  @ApiProperty({ type: UserRefDto, nullable: true, description: '包保领导' }) responsibleLeader: UserRefDto | null;
  @ApiProperty({ type: UserRefDto, description: '具办人' }) officer: UserRefDto;
  @ApiProperty({ enum: Stage, example: Stage.Negotiating }) stage: Stage;
  @ApiProperty({ example: '在谈' }) stageLabel: string;
  @ApiProperty({ description: '版本号：变更时作为 expectedVersion 提交', example: 3 }) version: number;
  @ApiProperty({ type: String, nullable: true, description: '首次签约日期（排名按此计）', example: '2026-09-18' })
  signedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '签约金额（万元）', example: '12500.00' }) signedAmount:
    string | null;
  @ApiProperty({
    example: 'formal',
    enum: AgreementType,
    nullable: true,
    description: 'framework 框架协议 / formal 正式合同',
  })
  agreementType: AgreementType | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-10-12' }) registeredAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '落地企业统一社会信用代码', example: '91210900MA0000001R' })
  localCompanyUscc: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-02' }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) operatingAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) terminatedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '终止原因', example: null }) terminatedReason:
    string | null;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) updatedAt: string;
}

export class ProjectPageDto {
  @ApiProperty({ type: [ProjectDto] }) items: ProjectDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

/** Descriptive fields shared by creating, converting and editing; null clears a field when editing. */
class ProjectFieldsDto {
  @ApiPropertyOptional({ description: '所属行业；修改时 null 为清空', nullable: true, example: '氟化工' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiPropertyOptional({
    description: '计划投资（万元，最多两位小数的字符串）；修改时 null 为清空',
    nullable: true,
    example: '12500.00',
  })
  @IsOptional()
  @IsAmount()
  plannedInvestment?: string;

  @ApiPropertyOptional({
    description: '项目地点/园区；修改时 null 为清空',
    nullable: true,
    example: '阜新氟化工产业园',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiPropertyOptional({ description: '是否重点项目', example: true })
  @IsOptionalNotNull()
  @IsBoolean()
  isKeyProject?: boolean;

  @ApiPropertyOptional({ description: '计划开工月份，YYYY-MM；修改时 null 为清空', nullable: true, example: '2027-03' })
  @IsOptional()
  @IsMonth()
  plannedStartMonth?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: '包保领导（县级领导账号）；修改时 null 为清空',
    nullable: true,
    example: '2d4f6a8c-1e3b-4d5f-9a7c-0e2b4d6f8a1c',
  })
  @IsOptional()
  @IsUUID()
  responsibleLeaderId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: '具办人（本局人员；不填为本人）',
    example: '8b1d3f5a-7c9e-4b2d-9f4a-6c8e0b2d4f6a',
  })
  @IsOptionalNotNull()
  @IsUUID()
  officerId?: string;
}

export class CreateProjectDto extends ProjectFieldsDto {
  @ApiProperty({ description: '项目名称', example: '年产2万吨电子级氢氟酸项目' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '8b037b75-d077-4f3f-9fe7-51fe53957089', format: 'uuid', description: '投资企业（客商）编号' })
  @IsUUID()
  investorId: string;
}

export class ConvertLeadDto extends ProjectFieldsDto {
  @ApiProperty({ description: '项目名称', example: '年产2万吨电子级氢氟酸项目' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: '转化说明', example: '双方已就用地和能耗指标达成一致，进入实质性洽谈' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class UpdateProjectDto extends ProjectFieldsDto {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409 STALE_VERSION', example: 3 })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  expectedVersion: number;

  @ApiPropertyOptional({ description: '项目名称', example: '年产2万吨电子级氢氟酸项目（一期）' })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;
}

export const PROJECT_SORTS = [
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'signedAt',
  '-signedAt',
  'plannedInvestment',
  '-plannedInvestment',
  'name',
  '-name',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export class ProjectQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '8b037b75-d077-4f3f-9fe7-51fe53957089', format: 'uuid', description: '企业（客商）' })
  @IsOptional()
  @IsUUID()
  investorId?: string;

  @ApiPropertyOptional({ example: 'signed', enum: Stage })
  @IsOptional()
  @IsEnum(Stage)
  stage?: Stage;

  @ApiPropertyOptional({ description: '招商局编码', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ example: 'c444858e-0aae-4727-9a73-d2eae62321ad', format: 'uuid', description: '包保领导' })
  @IsOptional()
  @IsUUID()
  leader?: string;

  @ApiPropertyOptional({ description: '只看重点项目（true）或非重点项目（false）', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  key?: boolean;

  @ApiPropertyOptional({ example: '氟化工' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiPropertyOptional({ description: '首次签约日期起', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  signedFrom?: string;

  @ApiPropertyOptional({ description: '首次签约日期止', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  signedTo?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  registeredFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  registeredTo?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  startedFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  startedTo?: string;

  @ApiPropertyOptional({ description: '项目名称或企业名称片段', example: '氢氟酸' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: PROJECT_SORTS, default: '-updatedAt' })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort?: ProjectSort;
}
