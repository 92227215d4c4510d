import { BureauRefDto, UserRefDto } from '@app/identity';
import { IsCalendarDate, IsMonth, IsPastBusinessDate, PageQueryDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Stage } from '../../stage';
import { MilestoneTiming } from '../milestone-state';

/** `signed`, `registered`, `started`, `operating`, or `procedure:<code>` for a 前期手续 node. */
export const MILESTONE_KEY = /^(signed|registered|started|operating|procedure:[a-z][a-z0-9_]{1,29})$/;
const PROCEDURE_CODE = /^[a-z][a-z0-9_]{1,29}$/;
const BUREAU_CODE = /^B\d{2,4}$/;

/** A planned date: a calendar day from 2000 to 2100 (plans look ahead, unlike business dates). */
const PLAN_DATE_PATTERN = /^(20\d\d|2100)-/;

export class MilestoneNodeDto {
  @ApiProperty({
    example: 'procedure:land',
    description: '节点标识：signed、registered、started、operating 或 procedure:<手续编码>',
  })
  key: string;
  @ApiProperty({ enum: ['signed', 'registered', 'procedure', 'started', 'operating'], example: 'procedure' })
  node: string;
  @ApiProperty({ example: '用地' }) label: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-10-31', description: '计划日期' }) plannedDate:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-03', description: '实际完成日期' }) actualDate:
    string | null;
  @ApiProperty({
    enum: ['stage', 'bureau'],
    example: 'bureau',
    description: 'stage：实际日期取自阶段变更；bureau：由招商局填报（前期手续）',
  })
  source: 'stage' | 'bureau';
  @ApiProperty({ example: true, description: '截至今天是否已完成' }) done: boolean;
  @ApiProperty({
    enum: ['early', 'on_time', 'late', 'pending', 'unplanned'],
    example: 'late',
    description: 'early 提前 / on_time 按期 / late 滞后 / pending 未到期 / unplanned 未计划',
  })
  timing: MilestoneTiming;
  @ApiProperty({ example: '滞后 3 天' }) timingLabel: string;
  @ApiProperty({ type: Number, nullable: true, example: 3, description: '提前或滞后天数（未到期为剩余天数）' })
  days: number | null;
  @ApiProperty({
    type: String,
    enum: ['red', 'yellow'],
    nullable: true,
    example: 'yellow',
    description: '逾期未完成：黄灯；逾期达 MILESTONE_RED_DAYS 天：红灯',
  })
  light: 'red' | 'yellow' | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11',
    description: '图上所在月份（实际日期，未完成为计划日期）',
  })
  month: string | null;
}

export class MilestonePlanDto {
  @ApiProperty({ format: 'uuid', example: '26b13b4d-8e8e-4b33-98a5-ff14008893f6' }) projectId: string;
  @ApiProperty({ example: '年产2万吨电子级氢氟酸项目' }) projectName: string;
  @ApiProperty({ example: true, description: '重点项目（只有重点项目可以制定节点计划）' }) isKeyProject: boolean;
  @ApiProperty({ example: 2, description: '计划版本号（尚未制定为 0）；修改时提交为 expectedVersion' }) version: number;
  @ApiProperty({ example: '2026-11-26', description: '计算按期/滞后所用的日期（Asia/Shanghai）' }) today: string;
  @ApiProperty({ example: 15, description: '逾期多少天转为红灯' }) redDays: number;
  @ApiProperty({ type: [MilestoneNodeDto] }) nodes: MilestoneNodeDto[];
}

export class MilestoneNodeInputDto {
  @ApiProperty({ description: '节点标识', example: 'procedure:land' })
  @IsString()
  @Matches(MILESTONE_KEY, { message: '{label}应为 signed、registered、started、operating 或 procedure:<手续编码>' })
  key: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '计划日期（2000–2100 年；null 清除）',
    example: '2026-12-15',
  })
  @ValidateIf((_: object, value: unknown) => value !== undefined && value !== null)
  @IsCalendarDate()
  @Matches(PLAN_DATE_PATTERN, { message: '{label}应在 2000 年至 2100 年之间' })
  plannedDate?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '实际完成日期（仅前期手续节点；不晚于今天；null 表示未完成）',
    example: '2026-11-03',
  })
  @ValidateIf((_: object, value: unknown) => value !== undefined && value !== null)
  @IsPastBusinessDate()
  actualDate?: string | null;
}

export class PutMilestonePlanDto {
  @ApiProperty({ description: '读取时的计划版本号（尚未制定为 0）；已被他人修改时返回 409 STALE_VERSION', example: 0 })
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  expectedVersion: number;

  @ApiProperty({
    type: [MilestoneNodeInputDto],
    description: '要设置的节点（未列出的节点保持不变）；同一节点只能出现一次',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MilestoneNodeInputDto)
  nodes: MilestoneNodeInputDto[];
}

export class ProjectRefDto {
  @ApiProperty({ format: 'uuid', example: '26b13b4d-8e8e-4b33-98a5-ff14008893f6' }) id: string;
  @ApiProperty({ example: '年产2万吨电子级氢氟酸项目' }) name: string;
  @ApiProperty({ enum: Stage, example: 'registered' }) stage: Stage;
  @ApiProperty({ example: '注册落地' }) stageLabel: string;
}

export class MilestoneChartRowDto {
  @ApiProperty({ type: ProjectRefDto }) project: ProjectRefDto;
  @ApiProperty({ type: BureauRefDto }) bureau: BureauRefDto;
  @ApiProperty({ type: UserRefDto, nullable: true, description: '包保领导' }) leader: UserRefDto | null;
  @ApiProperty({ type: String, enum: ['red', 'yellow'], nullable: true, example: 'red', description: '最重的灯号' })
  light: 'red' | 'yellow' | null;
  @ApiProperty({ type: [MilestoneNodeDto] }) nodes: MilestoneNodeDto[];
}

export class MilestoneChartDto {
  @ApiProperty({ type: [MilestoneChartRowDto] }) items: MilestoneChartRowDto[];
  @ApiProperty({ example: 12 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
  @ApiProperty({
    type: [String],
    example: ['2026-09', '2026-10', '2026-11'],
    description: '图的列：本页节点涉及的月份',
  })
  months: string[];
  @ApiProperty({ example: '2026-11-26' }) today: string;
  @ApiProperty({ example: 15 }) redDays: number;
}

export type MilestoneChartStatus = 'red' | 'yellow' | 'overdue' | 'normal';

export class MilestoneChartQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '招商局编码', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ description: '月份（计划或实际日期在该月的节点所属项目）', example: '2026-11' })
  @IsOptional()
  @IsMonth()
  month?: string;

  @ApiPropertyOptional({
    enum: ['red', 'yellow', 'overdue', 'normal'],
    description: '状态：red 有红灯 / yellow 最重为黄灯 / overdue 有红灯或黄灯 / normal 无逾期节点',
    example: 'overdue',
  })
  @IsOptional()
  @IsIn(['red', 'yellow', 'overdue', 'normal'])
  status?: MilestoneChartStatus;
}

export class ProjectAlertViewDto {
  @ApiProperty({ enum: ['red', 'yellow'], example: 'red' }) level: 'red' | 'yellow';
  @ApiProperty({ example: 'milestone_overdue' }) kind: string;
  @ApiProperty({ example: '节点逾期' }) kindLabel: string;
  @ApiProperty({ example: '2026-10-31' }) since: string;
  @ApiProperty({ example: 26 }) overdue: number;
  @ApiProperty({ example: '年产2万吨电子级氢氟酸项目（用地）：计划 2026-10-31 完成，已逾期 26 天' }) message: string;
}

export class ProjectOrderViewDto {
  @ApiProperty({ format: 'uuid', example: '5b0e3c8a-1f2d-4e6a-9b7c-8d9e0f1a2b3c' }) id: string;
  @ApiProperty({ example: '加快办理用地手续' }) matter: string;
  @ApiProperty({ example: '2026-12-10' }) dueDate: string;
  @ApiProperty({ example: 'open' }) status: string;
}

export class LeaderProjectDto extends MilestoneChartRowDto {
  @ApiProperty({ example: true }) isKeyProject: boolean;
  @ApiProperty({ type: [ProjectAlertViewDto], description: '该项目当前的红黄灯预警（每日计算）' })
  alerts: ProjectAlertViewDto[];
  @ApiProperty({ type: [ProjectOrderViewDto], description: '未办结的督办单' }) openOrders: ProjectOrderViewDto[];
}

export class LeaderProjectsDto {
  @ApiProperty({ type: [LeaderProjectDto] }) items: LeaderProjectDto[];
  @ApiProperty({ example: '2026-11-26' }) today: string;
  @ApiProperty({ example: 15 }) redDays: number;
}

export class ProcedureKindDto {
  @ApiProperty({ format: 'uuid', example: '9d3c1b2a-4e5f-4a6b-8c7d-0e1f2a3b4c5d' }) id: string;
  @ApiProperty({ example: 'land', description: '编码（节点标识为 procedure:<编码>）' }) code: string;
  @ApiProperty({ example: '用地' }) name: string;
  @ApiProperty({ example: 20 }) sortOrder: number;
  @ApiProperty({ example: true }) active: boolean;
}

export class CreateProcedureKindDto {
  @ApiProperty({
    description: '编码（小写字母开头，字母数字下划线，2–30 位，创建后不可修改）',
    example: 'env_assessment',
  })
  @IsString()
  @Matches(PROCEDURE_CODE, { message: '{label}应为小写字母开头的 2–30 位字母、数字或下划线' })
  code: string;

  @ApiProperty({ description: '名称', example: '环评批复' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ description: '排序（升序）', example: 25 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  sortOrder?: number;
}

export class UpdateProcedureKindDto {
  @ApiPropertyOptional({ description: '名称', example: '环评批复' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ description: '排序（升序）', example: 25 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  sortOrder?: number;

  @ApiPropertyOptional({ description: '是否启用（停用后不再出现在未填日期的计划中）', example: false })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
