import { BureauRefDto, UserRefDto } from '@app/identity';
import { PageQueryDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { toBoolean } from './common.dto';
import { normalizeUscc } from '../uscc';
import { IsUscc } from './validators';

/** A code as typed: trimmed, half-width, upper case (what the registry keeps and compares). */
const toUscc = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? normalizeUscc(value) : value);

export class OpenLeadRefDto {
  @ApiProperty({ example: '2190815b-3106-4ef5-9452-c9d8bc67b087', format: 'uuid' }) id: string;
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
  @ApiProperty({ type: UserRefDto }) officer: UserRefDto;
  @ApiProperty({ description: '登记日期', example: '2026-11-20' }) since: string;
}

export class ClaimRefDto {
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
  @ApiProperty({ description: '跟进起始日期', example: '2026-11-20' }) since: string;
}

export class InvestorDto {
  @ApiProperty({ example: 'c501cd6d-e625-4411-96bc-cbea8c99196d', format: 'uuid' }) id: string;
  @ApiProperty({ example: '阜新华氟新材料有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '91210900MA0Y7K3B26' }) uscc: string | null;
  @ApiProperty({ type: String, nullable: true, example: '氟化工' }) industry: string | null;
  @ApiProperty({ type: String, nullable: true, description: '产业链环节', example: '中游材料' }) chainPosition:
    string | null;
  @ApiProperty({ description: '链主/头部企业', example: false }) isChainLeader: boolean;
  @ApiProperty({ type: String, nullable: true, description: '来源地', example: '江苏省常州市' }) region: string | null;
  @ApiProperty({ type: BureauRefDto, nullable: true, description: '登记的招商局' })
  createdByBureau: BureauRefDto | null;
  @ApiProperty({ type: OpenLeadRefDto, nullable: true, description: '正在跟进的线索（全区至多一条）' })
  openLead: OpenLeadRefDto | null;
  @ApiProperty({
    type: ClaimRefDto,
    nullable: true,
    description: '跟进该企业的招商局（撞单规则：全区至多一个；其线索未结或项目未终止）',
  })
  claimedBy: ClaimRefDto | null;
  @ApiProperty({ example: '2026-11-20T02:30:00.000Z' }) createdAt: string;
}

export class InvestorPageDto {
  @ApiProperty({ type: [InvestorDto] }) items: InvestorDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class DuplicateCandidateDto {
  @ApiProperty({ example: '750915ed-7c59-49ea-94f5-89f88e1eaf41', format: 'uuid' }) id: string;
  @ApiProperty({ example: '阜新华氟新材料股份有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '91350100M000100Y43' }) uscc: string | null;
  @ApiProperty({ description: '名称相似度 0–1', example: 0.82 }) similarity: number;
  @ApiProperty({ type: OpenLeadRefDto, nullable: true }) openLead: OpenLeadRefDto | null;
}

export class CreateInvestorDto {
  @ApiProperty({ description: '企业名称', example: '阜新华氟新材料有限公司' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    description: '统一社会信用代码（18 位，境外或未注册企业可不填；空格、全角、小写自动规范）',
    example: '91350100M000100Y43',
  })
  @Transform(toUscc)
  @IsOptional()
  @IsString()
  @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({ description: '所属行业', example: '氟化工' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiPropertyOptional({ description: '产业链环节', example: '中游材料' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  chainPosition?: string;

  @ApiPropertyOptional({ description: '链主/头部企业', example: false })
  @IsOptional()
  @IsBoolean()
  isChainLeader?: boolean;

  @ApiPropertyOptional({ description: '来源地', example: '江苏省常州市' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({
    description: '已核实不是疑似重复企业（名称相近时需要；统一社会信用代码相同时不允许登记）',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  confirmNotDuplicate?: boolean;
}

export class UpdateInvestorDto {
  @ApiPropertyOptional({ description: '企业名称', example: '阜新华氟新材料有限公司' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: '统一社会信用代码（空格、全角、小写自动规范）', example: '91350100M000100Y43' })
  @Transform(toUscc)
  @IsOptional()
  @IsString()
  @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({ description: '所属行业', example: '氟化工' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiPropertyOptional({ description: '产业链位置', example: '下游应用' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  chainPosition?: string;

  @ApiPropertyOptional({ description: '是否链主企业', example: true })
  @IsOptional()
  @IsBoolean()
  isChainLeader?: boolean;

  @ApiPropertyOptional({ description: '所在地区', example: '浙江省杭州市' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;
}

export const INVESTOR_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type InvestorSort = (typeof INVESTOR_SORTS)[number];

export class InvestorQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '企业名称片段或统一社会信用代码', example: '华氟' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: '所属行业', example: '氟化工' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  industry?: string;

  @ApiPropertyOptional({ description: '只看链主企业', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  isChainLeader?: boolean;

  @ApiPropertyOptional({ enum: INVESTOR_SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(INVESTOR_SORTS)
  sort?: InvestorSort;
}
