import { BureauRefDto, UserRefDto } from '@app/identity';
import { IsPastBusinessDate, PageQueryDto } from '@app/core';
import { InvestorRefDto } from '@app/investors';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { RequestChannel, RequestEventType, RequestKind, RequestStatus, Satisfaction } from '../request-kind';

const BUREAU_CODE = /^B\d{2,4}$/;
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DepartmentRefDto {
  @ApiProperty({ example: '5b0f3c9e-0d4e-4f7e-9a39-4a8d0c2b7e11', format: 'uuid' }) id: string;
  @ApiProperty({ example: '区自然资源局' }) name: string;
}

export class ServiceRequestEventDto {
  @ApiProperty({ example: 2 }) seq: number;
  @ApiProperty({ enum: RequestEventType, example: RequestEventType.Routed }) type: RequestEventType;
  @ApiProperty({ example: '交办' }) typeLabel: string;
  @ApiProperty({ description: '发生日期', example: '2026-11-03' }) businessDate: string;
  @ApiProperty({ example: '2026-11-03T02:15:00.000Z' }) recordedAt: string;
  @ApiProperty({ type: UserRefDto }) actor: UserRefDto;
  @ApiProperty({ type: String, nullable: true, example: '已协调区自然资源局现场踏勘' }) note: string | null;
  @ApiProperty({ type: DepartmentRefDto, nullable: true }) department: DepartmentRefDto | null;
  @ApiProperty({ enum: Satisfaction, nullable: true, example: null }) satisfaction: Satisfaction | null;
}

export class ServiceRequestDto {
  @ApiProperty({ example: '0b7d7f0e-9a54-4c2e-8a63-6d1c1c8f1a20', format: 'uuid' }) id: string;
  @ApiProperty({ type: InvestorRefDto }) investor: InvestorRefDto;
  @ApiProperty({ type: BureauRefDto, description: '首办招商局：受理人所在局，负责到回访关闭' }) bureau: BureauRefDto;
  @ApiProperty({ type: UserRefDto, description: '首办人' }) receivedBy: UserRefDto;
  @ApiProperty({ enum: RequestKind, example: RequestKind.Land }) kind: RequestKind;
  @ApiProperty({ example: '用地' }) kindLabel: string;
  @ApiProperty({ enum: RequestChannel, example: RequestChannel.Hotline }) channel: RequestChannel;
  @ApiProperty({ example: '12345 热线' }) channelLabel: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null }) visitId: string | null;
  @ApiProperty({ example: '二期厂房用地指标尚未落实，希望协调年内供地' }) content: string;
  @ApiProperty({ description: '受理日期', example: '2026-11-02' }) receivedOn: string;
  @ApiProperty({ description: '办理期限（受理日期加该类诉求的天数，自然日）', example: '2026-12-02' }) dueOn: string;
  @ApiProperty({ enum: RequestStatus, example: RequestStatus.Routed }) status: RequestStatus;
  @ApiProperty({ example: '办理中' }) statusLabel: string;
  @ApiProperty({ description: '未办结且已过办理期限', example: false }) overdue: boolean;
  @ApiProperty({ type: DepartmentRefDto, nullable: true, description: '当前办理部门' })
  department: DepartmentRefDto | null;
  @ApiProperty({ type: String, nullable: true, example: null }) resolvedOn: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) resolution: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) closedOn: string | null;
  @ApiProperty({ enum: Satisfaction, nullable: true, example: null }) satisfaction: Satisfaction | null;
  @ApiProperty({ description: '办结是否未超期（未办结为 null）', type: Boolean, nullable: true, example: null })
  resolvedOnTime: boolean | null;
  @ApiProperty({ example: 2 }) version: number;
}

export class ServiceRequestDetailDto extends ServiceRequestDto {
  @ApiProperty({ type: [ServiceRequestEventDto], description: '受理、交办、办理进展、办结、回访，按记录顺序' })
  events: ServiceRequestEventDto[];
}

export class ServiceRequestPageDto {
  @ApiProperty({ type: [ServiceRequestDto] }) items: ServiceRequestDto[];
  @ApiProperty({ example: 1 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

export class ServiceRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '状态', enum: RequestStatus, example: RequestStatus.Routed })
  @IsOptional()
  @IsEnum(RequestStatus)
  status?: RequestStatus;

  @ApiPropertyOptional({ description: '诉求类别', enum: RequestKind, example: RequestKind.Land })
  @IsOptional()
  @IsEnum(RequestKind)
  kind?: RequestKind;

  @ApiPropertyOptional({ description: '招商局编码', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ description: '只看超期未办结（true）或未超期（false）', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
}

export class CreateServiceRequestDto {
  @ApiProperty({
    description: '企业（须有注册落地及以后阶段的项目）',
    format: 'uuid',
    example: '82b12776-aefd-47a4-9107-8a5527a09433',
  })
  @IsUUID()
  investorId: string;

  @ApiProperty({
    description: '诉求类别：用地、审批、水电气暖、融资、用工、政策兑现、其他',
    enum: RequestKind,
    example: RequestKind.Land,
  })
  @IsEnum(RequestKind)
  kind: RequestKind;

  @ApiProperty({
    description: '受理渠道：走访、12345 热线、阜政通、来电来访、其他',
    enum: RequestChannel,
    example: RequestChannel.Visit,
  })
  @IsEnum(RequestChannel)
  channel: RequestChannel;

  @ApiPropertyOptional({
    description: '走访记录（渠道为走访时可填，须为本局对该企业的走访）',
    format: 'uuid',
    example: '1f0c1e55-7f1a-4f2b-9a52-2c9b0a5b3c11',
  })
  @IsOptional()
  @IsUUID()
  visitId?: string;

  @ApiProperty({ description: '诉求内容', example: '二期厂房用地指标尚未落实，希望协调年内供地' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  content: string;

  @ApiPropertyOptional({ description: '受理日期（默认今天，不晚于今天）', example: '2026-11-02' })
  @IsOptional()
  @IsPastBusinessDate()
  receivedOn?: string;
}

/** Every step is taken against the version the client read. */
class StepDto {
  @ApiProperty({ description: '读取时的版本号', example: 1 })
  @IsInt()
  expectedVersion: number;

  @ApiPropertyOptional({ description: '发生日期（默认今天，不晚于今天，不早于上一步）', example: '2026-11-03' })
  @IsOptional()
  @IsPastBusinessDate()
  date?: string;
}

export class RouteServiceRequestDto extends StepDto {
  @ApiProperty({ description: '办理部门', format: 'uuid', example: '5b0f3c9e-0d4e-4f7e-9a39-4a8d0c2b7e11' })
  @IsUUID()
  departmentId: string;

  @ApiPropertyOptional({ description: '交办说明', example: '请区自然资源局牵头研究供地方案' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReplyServiceRequestDto extends StepDto {
  @ApiProperty({ description: '办理进展', example: '已现场踏勘，拟纳入下批次供地计划' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;
}

export class ResolveServiceRequestDto extends StepDto {
  @ApiProperty({ description: '办理结果', example: '地块已挂牌出让，企业于 11 月 20 日摘牌' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  resolution: string;
}

export class FeedbackServiceRequestDto extends StepDto {
  @ApiProperty({ description: '满意度：满意、基本满意、不满意', enum: Satisfaction, example: Satisfaction.Satisfied })
  @IsEnum(Satisfaction)
  satisfaction: Satisfaction;

  @ApiPropertyOptional({ description: '回访记录', example: '企业负责人表示问题已解决，对办理速度满意' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  note?: string;
}
