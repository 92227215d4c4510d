import { UserRefDto } from '@app/identity';
import { IsCalendarDate, IsFollowUpDate, PageQueryDto } from '@app/core';
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
import { OrderAction, OrderStatus } from '../order-status';

const BUREAU_CODE = /^B\d{2,4}$/;

export class CreateSupervisionOrderDto {
  @ApiPropertyOptional({
    description: '督办事项（由预警生成时可省略，取预警内容）',
    example: '阜新金山氟化工项目签约后 200 天未注册落地',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  matter?: string;

  @ApiPropertyOptional({
    description: '督办要求（由预警生成时可省略）',
    example: '请于期限内查明原因，推动企业完成工商注册，并书面反馈办理情况',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  requirement?: string;

  @ApiProperty({ description: '办理期限（不早于今天）', example: '2026-12-31' })
  @IsFollowUpDate({ notBefore: 'today' })
  dueDate: string;

  @ApiPropertyOptional({
    description: '承办招商局编码（指定项目、线索或预警时可省略，取其所属招商局）',
    example: 'B03',
  })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ description: '关联项目', format: 'uuid', example: '0b7d4c1e-2a55-4f0e-9d8b-3c6a1f2e4d5a' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ description: '关联线索', format: 'uuid', example: '3f1c2b4a-6d7e-4f80-9a1b-2c3d4e5f6a7b' })
  @IsOptional()
  @IsUUID()
  leadId?: string;

  @ApiPropertyOptional({
    description: '由哪条预警生成（一键转督办：事项、承办局和关联记录取自预警）',
    format: 'uuid',
    example: '29d4d9e1-fbe8-4c02-955f-58c43d72cba6',
  })
  @IsOptional()
  @IsUUID()
  alertId?: string;
}

class VersionedDto {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409 STALE_VERSION', example: 1 })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  expectedVersion: number;
}

export class AssignOrderDto extends VersionedDto {
  @ApiProperty({
    description: '承办人（本局在职工作人员或局长）',
    format: 'uuid',
    example: '6a1f0c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9',
  })
  @IsUUID()
  handlerId: string;

  @ApiPropertyOptional({ description: '交办说明', example: '请李科长牵头办理' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class OrderReplyDto extends VersionedDto {
  @ApiProperty({ description: '办理情况', example: '已约谈企业负责人，企业承诺本月底前完成工商注册' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({ description: '是否为办结报告（报告后由下达人办结或退回）', example: false })
  @IsOptional()
  @IsBoolean()
  final?: boolean;
}

export enum ExtensionDecision {
  Grant = 'grant',
  Refuse = 'refuse',
}

/**
 * One route, two forms: the bureau asks with `{reason, dueDate}`; the issuer answers with `{decision}`.
 * Giving both, or neither, is a 400.
 */
export class OrderExtensionDto extends VersionedDto {
  @ApiPropertyOptional({ description: '延期理由（承办局申请时必填）', example: '企业负责人出国，需延至月底' })
  @ValidateIf((o: OrderExtensionDto) => o.decision === undefined || o.reason !== undefined)
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: '申请延至（承办局申请时必填，须晚于原期限）', example: '2027-01-15' })
  @ValidateIf((o: OrderExtensionDto) => o.decision === undefined || o.dueDate !== undefined)
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({
    enum: ExtensionDecision,
    description: '审批（下达人或县级领导）：grant 同意 / refuse 不同意；不可与 reason、dueDate 同时提交',
    example: 'grant',
  })
  @ValidateIf((o: OrderExtensionDto) => o.decision !== undefined || (o.reason === undefined && o.dueDate === undefined))
  @IsEnum(ExtensionDecision, { message: '{label}应为 grant（同意）或 refuse（不同意）' })
  decision?: ExtensionDecision;

  @ApiPropertyOptional({ description: '审批意见', example: '同意延期至 1 月 15 日' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CloseOrderDto extends VersionedDto {
  @ApiPropertyOptional({ description: '办结意见', example: '企业已完成注册，予以办结' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReturnOrderDto extends VersionedDto {
  @ApiProperty({ description: '退回理由', example: '未附工商登记材料，请补充后再报' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason: string;
}

export class SupervisionOrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '承办招商局编码', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ enum: OrderStatus, description: '状态', example: 'in_progress' })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @ApiPropertyOptional({ description: '关联项目', format: 'uuid', example: '0b7d4c1e-2a55-4f0e-9d8b-3c6a1f2e4d5a' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ description: '只看逾期（true）或未逾期（false）的', example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: '{label}应为 true 或 false' })
  overdue?: boolean;
}

export class OrderBureauDto {
  @ApiProperty({ example: 'B03' }) code: string;
  @ApiProperty({ example: '海州区第三招商局' }) name: string;
}

export class SupervisionOrderDto {
  @ApiProperty({ format: 'uuid', example: '0b7d4c1e-2a55-4f0e-9d8b-3c6a1f2e4d5a' }) id: string;
  @ApiProperty({ example: '阜新金山氟化工项目签约后 200 天未注册落地' }) matter: string;
  @ApiProperty({ example: '请于期限内推动企业完成工商注册，并书面反馈' }) requirement: string;
  @ApiProperty({ example: '2026-12-31', description: '办理期限（同意延期后为新期限）' }) dueDate: string;
  @ApiProperty({ example: '2026-12-15', description: '原定期限' }) originalDueDate: string;
  @ApiProperty({ type: OrderBureauDto, description: '承办招商局' }) bureau: OrderBureauDto;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) projectId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) leadId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) alertId: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: '生成督办单时预警的内容' })
  alertMessage: string | null;
  @ApiProperty({ type: UserRefDto, description: '下达人' }) issuer: UserRefDto;
  @ApiProperty({ type: UserRefDto, nullable: true, description: '承办人' }) handler: UserRefDto | null;
  @ApiProperty({ enum: OrderStatus, example: OrderStatus.InProgress }) status: OrderStatus;
  @ApiProperty({ example: '办理中' }) statusLabel: string;
  @ApiProperty({ example: false, description: '是否逾期（未办结且已过期限）' }) overdue: boolean;
  @ApiProperty({ example: 0, description: '逾期天数（按北京时间计）' }) overdueDays: number;
  @ApiProperty({ example: false, description: '是否已申请过延期（每单限一次）' }) extensionRequested: boolean;
  @ApiProperty({ type: String, nullable: true, example: null, description: '待审批的延期日期' })
  requestedDueDate: string | null;
  @ApiProperty({ example: '2026-12-01' }) issuedOn: string;
  @ApiProperty({ type: String, nullable: true, example: null }) closedOn: string | null;
  @ApiProperty({ example: false, description: '是否逾期办结' }) closedLate: boolean;
  @ApiProperty({ type: String, nullable: true, example: null, description: '逾期升级日期' })
  escalatedOn: string | null;
  @ApiProperty({ type: UserRefDto, nullable: true, description: '升级至（分管领导）' })
  escalatedTo: UserRefDto | null;
  @ApiProperty({ example: 1, description: '版本号：操作时作为 expectedVersion 提交' }) version: number;
}

export class SupervisionOrderEventDto {
  @ApiProperty({ example: 2 }) seq: number;
  @ApiProperty({ enum: OrderAction, example: OrderAction.Assign }) action: OrderAction;
  @ApiProperty({ example: '交办' }) actionLabel: string;
  @ApiProperty({ enum: OrderStatus, nullable: true, example: OrderStatus.Issued }) fromStatus: OrderStatus | null;
  @ApiProperty({ enum: OrderStatus, example: OrderStatus.InProgress }) toStatus: OrderStatus;
  @ApiProperty({ example: '2026-12-02' }) businessDate: string;
  @ApiProperty({ example: '2026-12-02T01:30:00.000Z' }) recordedAt: string;
  @ApiProperty({ type: UserRefDto, nullable: true, description: '操作人（逾期升级为系统）' })
  actor: UserRefDto | null;
  @ApiProperty({ type: String, nullable: true, example: '请李科长牵头办理' }) note: string | null;
  @ApiProperty({
    type: Object,
    nullable: true,
    example: { handlerId: '6a1f0c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9' },
    description: '附带数据：承办人、申请或批准的期限、是否逾期办结、升级对象',
  })
  data: Record<string, unknown> | null;
}

export class SupervisionOrderDetailDto extends SupervisionOrderDto {
  @ApiProperty({ type: [SupervisionOrderEventDto], description: '全部办理记录（不可更改）' })
  events: SupervisionOrderEventDto[];
}

export class SupervisionOrderPageDto {
  @ApiProperty({ type: [SupervisionOrderDto] }) items: SupervisionOrderDto[];
  @ApiProperty({ example: 12 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}
