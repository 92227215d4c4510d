import { BureauRefDto, UserRefDto } from '@app/identity';
import { IsCalendarDate, IsFollowUpDate, IsPastBusinessDate, PageQueryDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { VisitKind } from '../lead-source';
import { BUREAU_CODE, toBoolean } from './common.dto';
import { InvestorRefDto } from './lead.dto';

export class VisitDto {
  @ApiProperty({ example: '3e0e43bf-8466-48a4-93ad-5d443bc921c9', format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f' })
  leadId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) projectId: string | null;
  @ApiProperty({ type: InvestorRefDto, nullable: true }) investor: InvestorRefDto | null;
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
  @ApiProperty({ type: UserRefDto, description: '记录人' }) officer: UserRefDto;
  @ApiProperty({ example: '2026-11-18' }) date: string;
  @ApiProperty({ enum: VisitKind, example: VisitKind.Outbound }) kind: VisitKind;
  @ApiProperty({ example: '走出去拜访' }) kindLabel: string;
  @ApiProperty({ type: String, nullable: true, example: '江苏省常州市武进区企业总部' }) place: string | null;
  @ApiProperty({ type: String, nullable: true, example: '区招商三局 王建国、企业董事长 李明' }) participants:
    string | null;
  @ApiProperty({ type: [UserRefDto], description: '参加的县级领导' }) leaders: UserRefDto[];
  @ApiProperty({ description: '领导带队', example: true }) leaderLed: boolean;
  @ApiProperty({ example: '介绍氟产业园配套条件，企业有意扩产 2 万吨电子级氢氟酸' }) summary: string;
  @ApiProperty({ type: String, nullable: true, example: '12 月上旬邀请企业来阜实地考察' }) nextSteps: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-05' }) nextFollowUpAt: string | null;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) createdAt: string;
}

export class VisitPageDto {
  @ApiProperty({ type: [VisitDto] }) items: VisitDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class CreateVisitDto {
  @ApiPropertyOptional({
    example: 'ed1d6eaa-4e12-48d3-9947-b30cf4c298fb',
    format: 'uuid',
    description: '线索编号（与项目编号二选一）',
  })
  @IsOptional()
  @IsUUID()
  leadId?: string;

  @ApiPropertyOptional({
    example: '950be384-d2f6-4335-991f-f2747a3017e0',
    format: 'uuid',
    description: '项目编号（与线索编号二选一）',
  })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiProperty({
    description:
      '走访日期（接洽日期）；也可给出带时区的时刻（按 Asia/Shanghai 折算为业务日期）；不早于 2000-01-01，不晚于今天',
    example: '2026-11-18',
  })
  @IsPastBusinessDate({ instant: true })
  date: string;

  @ApiProperty({ enum: VisitKind, description: '走访方式', example: VisitKind.Outbound })
  @IsEnum(VisitKind)
  kind: VisitKind;

  @ApiPropertyOptional({ description: '地点', example: '江苏省常州市武进区企业总部' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ description: '参加人员', example: '区招商三局 王建国、企业董事长 李明' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  participants?: string;

  @ApiPropertyOptional({
    example: ['83873ec4-4e64-4b77-99e1-68ab9de09819'],
    type: [String],
    format: 'uuid',
    description: '参加的县级领导（用户编号）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  leaderIds?: string[];

  @ApiProperty({ description: '洽谈内容', example: '介绍氟产业园配套条件，企业有意扩产 2 万吨电子级氢氟酸' })
  @IsString()
  @MinLength(2)
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({ description: '下一步工作', example: '12 月上旬邀请企业来阜实地考察' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  nextSteps?: string;

  @ApiPropertyOptional({ description: '下次跟进日期（不早于走访日期）', example: '2026-12-05' })
  @IsOptional()
  @IsFollowUpDate({ notBefore: 'date', recordLabel: '走访日期' })
  nextFollowUpAt?: string;
}

export class UpdateVisitDto {
  @ApiPropertyOptional({
    example: '2026-11-19',
    description: '走访日期，或带时区的时刻；不早于 2000-01-01，不晚于今天',
  })
  @IsOptional()
  @IsPastBusinessDate({ instant: true })
  date?: string;

  @ApiPropertyOptional({ example: 'outbound', enum: VisitKind, description: '走访方式' })
  @IsOptional()
  @IsEnum(VisitKind)
  kind?: VisitKind;

  @ApiPropertyOptional({ description: '地点', example: '海州区政务服务中心' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ description: '参加人员', example: '区招商三局 王建国' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  participants?: string;

  @ApiPropertyOptional({
    example: ['83873ec4-4e64-4b77-99e1-68ab9de09819'],
    type: [String],
    format: 'uuid',
    description: '参加的县级领导（用户编号）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  leaderIds?: string[];

  @ApiPropertyOptional({ description: '洽谈内容', example: '企业确认来阜考察时间' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(4000)
  summary?: string;

  @ApiPropertyOptional({ description: '下一步工作', example: '准备项目用地方案' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  nextSteps?: string;

  @ApiPropertyOptional({ example: '2026-12-08', description: '下次跟进日期（不早于走访日期）' })
  @IsOptional()
  @IsFollowUpDate({ notBefore: 'date', recordLabel: '走访日期' })
  nextFollowUpAt?: string;
}

export const VISIT_SORTS = ['date', '-date', 'createdAt', '-createdAt'] as const;
export type VisitSort = (typeof VISIT_SORTS)[number];

export class VisitQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '05f94806-96d3-4994-92bb-dbcb7ca7177a',
    format: 'uuid',
    description: '走访编号：只列这一条（驾驶舱明细的链接）',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({
    example: '8b037b75-d077-4f3f-9fe7-51fe53957089',
    format: 'uuid',
    description: '企业（客商）：其线索和项目的走访',
  })
  @IsOptional()
  @IsUUID()
  investorId?: string;

  @ApiPropertyOptional({ description: '招商局编码', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ example: 'd31d86d0-de8d-434f-9535-c67e480deaa2', format: 'uuid', description: '记录人' })
  @IsOptional()
  @IsUUID()
  officer?: string;

  @ApiPropertyOptional({ example: 'ed1d6eaa-4e12-48d3-9947-b30cf4c298fb', format: 'uuid', description: '线索' })
  @IsOptional()
  @IsUUID()
  leadId?: string;

  @ApiPropertyOptional({ example: '950be384-d2f6-4335-991f-f2747a3017e0', format: 'uuid', description: '项目' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ example: 'outbound', enum: VisitKind })
  @IsOptional()
  @IsEnum(VisitKind)
  kind?: VisitKind;

  @ApiPropertyOptional({ description: '只看领导带队', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  leaderLed?: boolean;

  @ApiPropertyOptional({ description: '日期起（含）', example: '2026-11-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: '日期止（含）', example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: '企业名称或洽谈内容片段', example: '氢氟酸' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: VISIT_SORTS, default: '-date' })
  @IsOptional()
  @IsIn(VISIT_SORTS)
  sort?: VisitSort;
}
