import { IsCalendarDate } from '@app/core';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ChainSegment, LinkStatus, TaggedKind } from '../chain';

export class CreateChainDto {
  @ApiProperty({ description: '产业链名称', example: '氟化工', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ description: '说明', example: '以阜新氟化工产业园为载体，补齐含氟精细化学品环节' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: '排序（小者在前）', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  sortOrder?: number;
}

/** Any of a chain's fields; each checked as when the chain is made. */
export class UpdateChainDto extends PartialType(CreateChainDto) {}

export class CreateLinkDto {
  @ApiProperty({ description: '环节名称', example: '含氟精细化学品', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiProperty({
    description: '所处位置：upstream 上游、midstream 中游、downstream 下游',
    enum: ChainSegment,
    example: 'midstream',
  })
  @IsEnum(ChainSegment)
  segment: ChainSegment;

  @ApiProperty({
    description: '环节状态：strong 已有、weak 薄弱（强链）、missing 缺失（补链）、extend 延伸（延链）',
    enum: LinkStatus,
    example: 'missing',
  })
  @IsEnum(LinkStatus)
  status: LinkStatus;

  @ApiPropertyOptional({
    description: '上级环节（同一产业链内），不填为顶层环节',
    format: 'uuid',
    example: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b',
  })
  @IsOptional()
  @IsUUID('all')
  parentId?: string;

  @ApiPropertyOptional({ description: '重点产品', example: '含氟医药中间体、含氟农药中间体' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  keyProducts?: string;

  @ApiPropertyOptional({ description: '排序（小者在前）', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  sortOrder?: number;
}

/** Any of a link's fields, checked as when the link is made; `parentId` may also be empty, to make it a top link. */
export class UpdateLinkDto extends PartialType(OmitType(CreateLinkDto, ['parentId'] as const)) {
  @ApiPropertyOptional({
    description: '上级环节（同一产业链内）；传空字符串移为顶层环节',
    example: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b',
  })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  parentId?: string;
}

export class LinkDto {
  @ApiProperty({ example: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e', format: 'uuid' }) chainId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) parentId: string | null;
  @ApiProperty({ enum: ChainSegment, example: 'midstream' }) segment: ChainSegment;
  @ApiProperty({ example: '中游' }) segmentLabel: string;
  @ApiProperty({ example: '含氟精细化学品' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '含氟医药中间体、含氟农药中间体' }) keyProducts: string | null;
  @ApiProperty({ enum: LinkStatus, example: 'missing' }) status: LinkStatus;
  @ApiProperty({ example: '缺失' }) statusLabel: string;
  @ApiProperty({ example: 1 }) sortOrder: number;
}

export class ChainDto {
  @ApiProperty({ example: 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e', format: 'uuid' }) id: string;
  @ApiProperty({ example: '氟化工' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '以阜新氟化工产业园为载体' }) description: string | null;
  @ApiProperty({ example: 1 }) sortOrder: number;
}

export class ChainListDto {
  @ApiProperty({ type: [ChainDto] }) items: ChainDto[];
}

export class ChainDetailDto extends ChainDto {
  @ApiProperty({ type: [LinkDto], description: '环节（按排序），parentId 组成树' }) links: LinkDto[];
}

export class TagDto {
  @ApiProperty({
    description: '标注对象类型：investor 企业、lead 线索、project 项目',
    enum: TaggedKind,
    example: 'lead',
  })
  @IsEnum(TaggedKind)
  recordKind: TaggedKind;

  @ApiProperty({ description: '标注对象编号', format: 'uuid', example: '2190815b-3106-4ef5-9452-c9d8bc67b087' })
  @IsUUID('all')
  recordId: string;
}

export class TagResultDto {
  @ApiProperty({ example: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b', format: 'uuid' }) linkId: string;
  @ApiProperty({ enum: TaggedKind, example: 'lead' }) recordKind: TaggedKind;
  @ApiProperty({ example: '2190815b-3106-4ef5-9452-c9d8bc67b087', format: 'uuid' }) recordId: string;
  @ApiProperty({ description: '是否新加的标注（已有则为 false）', example: true }) added: boolean;
}

export class CoverageQueryDto {
  @ApiPropertyOptional({ description: '统计日期（默认今天）', example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
}

export class StageCountDto {
  @ApiProperty({ example: 'signed' }) stage: string;
  @ApiProperty({ example: 2 }) count: number;
}

export class CoverageFiguresDto {
  @ApiProperty({ description: '目标企业数', example: 12 }) targets: number;
  @ApiProperty({ description: '已走访的目标企业数', example: 5 }) contacted: number;
  @ApiProperty({ description: '统计日前 N 天内未走访的目标企业数', example: 7 }) staleTargets: number;
  @ApiProperty({ description: '线索数', example: 6 }) leads: number;
  @ApiProperty({ type: [StageCountDto], description: '各阶段项目数（统计日所处阶段）' })
  projectsByStage: StageCountDto[];
  @ApiProperty({ description: '项目数（未终止）', example: 3 }) liveProjects: number;
  @ApiProperty({ description: '签约金额（万元）', example: '52000.00' }) signedAmount: string;
  @ApiProperty({ description: '到位资金（万元）', example: '8600.00' }) fundsInPlace: string;
}

export class LinkCoverageDto extends CoverageFiguresDto {
  @ApiProperty({ example: '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b', format: 'uuid' }) linkId: string;
  @ApiProperty({ example: '含氟精细化学品' }) name: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) parentId: string | null;
  @ApiProperty({ enum: ChainSegment, example: 'midstream' }) segment: ChainSegment;
  @ApiProperty({ enum: LinkStatus, example: 'missing' }) status: LinkStatus;
  @ApiProperty({ description: '缺口：没有未终止的项目', example: true }) noProject: boolean;
}

export class ChainCoverageDto {
  @ApiProperty({ example: 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e', format: 'uuid' }) chainId: string;
  @ApiProperty({ example: '氟化工' }) name: string;
  @ApiProperty({ example: '2026-11-30' }) date: string;
  @ApiProperty({ description: '未走访判定天数（CHAIN_TARGET_STALE_DAYS）', example: 90 }) staleDays: number;
  @ApiProperty({ type: [LinkCoverageDto] }) links: LinkCoverageDto[];
  @ApiProperty({ type: CoverageFiguresDto, description: '全链合计（同一企业在多个环节只计一次）' })
  total: CoverageFiguresDto;
  @ApiProperty({ type: [String], description: '缺口：没有项目的环节名称', example: ['含氟精细化学品'] })
  linksWithoutProject: string[];
}
