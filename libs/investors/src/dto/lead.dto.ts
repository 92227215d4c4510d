import { BureauRefDto, UserRefDto } from '@app/identity';
import { IsAmount, IsCalendarDate, IsFollowUpDate, IsPastBusinessDate, PageQueryDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { LeadSource, LeadStatus, TransferStatus } from '../lead-source';
import { BUREAU_CODE } from './common.dto';

export class InvestorRefDto {
  @ApiProperty({ example: '82b12776-aefd-47a4-9107-8a5527a09433', format: 'uuid' }) id: string;
  @ApiProperty({ example: '阜新华氟新材料有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '91350100M000100Y43' }) uscc: string | null;
}

export class LeadDto {
  @ApiProperty({ example: 'e9c4609f-1764-4dbb-9c21-e8a4a401322a', format: 'uuid' }) id: string;
  @ApiProperty({ type: InvestorRefDto }) investor: InvestorRefDto;
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
  @ApiProperty({ type: UserRefDto, description: '具办人' }) officer: UserRefDto;
  @ApiProperty({ enum: LeadSource, example: LeadSource.BusinessReferral }) source: LeadSource;
  @ApiProperty({ example: '以商招商' }) sourceLabel: string;
  @ApiProperty({ type: String, nullable: true, example: '氟化工' }) industry: string | null;
  @ApiProperty({ type: String, nullable: true, description: '意向投资额（万元）', example: '12500.00' })
  intendedAmount: string | null;
  @ApiProperty({ description: '登记日期：按此日计入新增线索', example: '2026-03-05' }) registeredAt: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-05' }) nextFollowUpAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: '最近一次走访/接洽日期', example: '2026-11-20' })
  lastContactAt: string | null;
  @ApiProperty({ enum: LeadStatus, example: LeadStatus.Open }) status: LeadStatus;
  @ApiProperty({ type: String, nullable: true, example: '企业投资计划取消' }) dropReason: string | null;
  @ApiProperty({ type: String, nullable: true, example: '经商会介绍，拟在氟产业园新建项目' }) note: string | null;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) updatedAt: string;
}

export class LeadPageDto {
  @ApiProperty({ type: [LeadDto] }) items: LeadDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class CreateLeadDto {
  @ApiProperty({ example: '8b037b75-d077-4f3f-9fe7-51fe53957089', format: 'uuid', description: '企业（客商）编号' })
  @IsUUID()
  investorId: string;

  @ApiProperty({ enum: LeadSource, description: '线索来源', example: LeadSource.BusinessReferral })
  @IsEnum(LeadSource)
  source: LeadSource;

  @ApiPropertyOptional({ description: '所属行业', example: '氟化工' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiPropertyOptional({ description: '意向投资额（万元，两位小数的字符串）', example: '12500.00' })
  @IsOptional()
  @IsAmount()
  intendedAmount?: string;

  @ApiPropertyOptional({ description: '下次跟进日期（不早于今天）', example: '2026-12-05' })
  @IsOptional()
  @IsFollowUpDate({ notBefore: 'today' })
  nextFollowUpAt?: string;

  @ApiPropertyOptional({
    description: '登记日期（默认今天；仅局长、县级领导可指定，不能晚于今天、不能早于 2000-01-01），按此日计入新增线索',
    example: '2026-03-05',
  })
  @IsOptional()
  @IsPastBusinessDate()
  registeredAt?: string;

  @ApiPropertyOptional({ description: '备注', example: '经商会介绍，拟在氟产业园新建项目' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({
    example: '4b73c57e-2af4-47df-98a3-85f8537e8c20',
    format: 'uuid',
    description: '具办人（局长可指定本局人员；县级领导必须指定，线索归具办人所在招商局）',
  })
  @IsOptional()
  @IsUUID()
  officerId?: string;
}

export class UpdateLeadDto {
  @ApiPropertyOptional({ example: 'business_referral', enum: LeadSource, description: '线索来源' })
  @IsOptional()
  @IsEnum(LeadSource)
  source?: LeadSource;

  @ApiPropertyOptional({ description: '所属行业', example: '新能源' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiPropertyOptional({ description: '意向投资额（万元）', example: '8000.00' })
  @IsOptional()
  @IsAmount()
  intendedAmount?: string;

  @ApiPropertyOptional({ description: '下次跟进日期（不早于今天）', example: '2026-12-10' })
  @IsOptional()
  @IsFollowUpDate({ notBefore: 'today' })
  nextFollowUpAt?: string;

  @ApiPropertyOptional({
    description:
      '登记日期（局长、县级领导、管理员可改，不能晚于今天、不能早于 2000-01-01）；新增线索的计数随之移到新日期',
    example: '2026-03-05',
  })
  @IsOptional()
  @IsPastBusinessDate()
  registeredAt?: string;

  @ApiPropertyOptional({ description: '备注', example: '已提供用地需求' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({
    example: '4b73c57e-2af4-47df-98a3-85f8537e8c20',
    format: 'uuid',
    description: '改派具办人（局长，限本局人员）',
  })
  @IsOptional()
  @IsUUID()
  officerId?: string;
}

export class DropLeadDto {
  @ApiProperty({ description: '放弃原因', example: '企业已在外地落户，投资意向取消' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export const LEAD_SORTS = [
  'createdAt',
  '-createdAt',
  'registeredAt',
  '-registeredAt',
  'nextFollowUpAt',
  '-nextFollowUpAt',
  'lastContactAt',
  '-lastContactAt',
  'intendedAmount',
  '-intendedAmount',
] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

export class LeadQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '招商局编码', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ example: 'd31d86d0-de8d-434f-9535-c67e480deaa2', format: 'uuid', description: '具办人' })
  @IsOptional()
  @IsUUID()
  officer?: string;

  @ApiPropertyOptional({ example: '8b037b75-d077-4f3f-9fe7-51fe53957089', format: 'uuid', description: '企业' })
  @IsOptional()
  @IsUUID()
  investorId?: string;

  @ApiPropertyOptional({ example: 'open', enum: LeadStatus })
  @IsOptional()
  @IsEnum(LeadStatus)
  status?: LeadStatus;

  @ApiPropertyOptional({ example: 'fair', enum: LeadSource })
  @IsOptional()
  @IsEnum(LeadSource)
  source?: LeadSource;

  @ApiPropertyOptional({ description: '登记日期起（含）', example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: '登记日期止（含）', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: '下次跟进日期不晚于', example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  followUpBefore?: string;

  @ApiPropertyOptional({ description: '企业名称片段或统一社会信用代码', example: '华氟' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: LEAD_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(LEAD_SORTS)
  sort?: LeadSort;
}

export class CreateTransferDto {
  @ApiProperty({ description: '申请接手的招商局（申请人所在局）', example: 'B05' })
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  toBureauCode: string;

  @ApiProperty({ description: '申请理由', example: '企业拟落户我局负责的硅基材料产业园，由我局跟进更便利' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;
}

export class DecideTransferDto {
  @ApiPropertyOptional({ description: '审批意见', example: '同意，请做好交接' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class TransferDto {
  @ApiProperty({ example: 'e67c3da4-095a-4f1f-9488-28ba94972fe7', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ed1d6eaa-4e12-48d3-9947-b30cf4c298fb', format: 'uuid' }) leadId: string;
  @ApiProperty({ type: InvestorRefDto }) investor: InvestorRefDto;
  @ApiProperty({ type: BureauRefDto }) fromBureau: BureauRefDto;
  @ApiProperty({ type: BureauRefDto }) toBureau: BureauRefDto;
  @ApiProperty({ type: UserRefDto }) requestedBy: UserRefDto;
  @ApiProperty({ example: '企业拟落户硅基材料产业园' }) reason: string;
  @ApiProperty({ example: 'pending', enum: TransferStatus }) status: TransferStatus;
  @ApiProperty({ type: UserRefDto, nullable: true }) decidedBy: UserRefDto | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-24T10:15:00.000Z' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '同意' }) decisionNote: string | null;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) createdAt: string;
}

export class TransferPageDto {
  @ApiProperty({ type: [TransferDto] }) items: TransferDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class TransferQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'pending', enum: TransferStatus })
  @IsOptional()
  @IsEnum(TransferStatus)
  status?: TransferStatus;
}
