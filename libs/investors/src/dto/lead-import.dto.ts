import { BureauRefDto, UserRefDto } from '@app/identity';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ImportJobStatus } from '../entities/lead-import-job.entity';
import { DuplicateCandidateDto } from './investor.dto';

export const IMPORT_MODES = ['dry-run', 'commit'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export class ImportQueryDto {
  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    default: 'dry-run',
    description:
      'dry-run 只检查不写入；commit 没有格式错误时一次性写入（撞单和疑似重复的行不导入，本局已有的线索按台账更新或跳过）',
  })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;
}

export class ImportProblemDto {
  @ApiProperty({ description: '行号（与 Excel 一致，表头为第 1 行）', example: 5 }) row: number;
  @ApiProperty({ description: '列', example: '统一社会信用代码' }) column: string;
  @ApiProperty({ example: '统一社会信用代码校验位错误：第 18 位应为“3”，实际为“4”' }) reason: string;
}

export class ImportDuplicateDto {
  @ApiProperty({ example: 7 }) row: number;
  @ApiProperty({ example: '阜新华氟新材料有限公司' }) name: string;
  @ApiProperty({
    example: 'open_lead',
    enum: ['open_lead', 'claimed', 'near_duplicate', 'conflicting_uscc'],
    description:
      'open_lead 撞单（已有跟进中的线索）；claimed 撞单（其他招商局有在推进的项目）；near_duplicate 与已登记企业名称相近；conflicting_uscc 同名企业代码不同',
  })
  kind: 'open_lead' | 'claimed' | 'near_duplicate' | 'conflicting_uscc';
  @ApiProperty({ example: '撞单：该企业已由 B03 海州区第三招商局 于 2026-11-20 登记跟进' }) reason: string;
  @ApiPropertyOptional({ type: BureauRefDto }) ownerBureau?: BureauRefDto;
  @ApiPropertyOptional({ type: UserRefDto }) ownerOfficer?: UserRefDto;
  @ApiPropertyOptional({ example: '2026-11-20' }) since?: string;
  @ApiPropertyOptional({ type: [DuplicateCandidateDto] }) candidates?: DuplicateCandidateDto[];
}

export const IMPORT_ROW_OUTCOMES = ['new', 'updated', 'unchanged'] as const;
export type ImportRowOutcome = (typeof IMPORT_ROW_OUTCOMES)[number];
export const IMPORT_ROW_OUTCOME_LABELS: Record<ImportRowOutcome, string> = {
  new: '新增',
  updated: '已更新',
  unchanged: '已存在',
};

export class ImportedRowDto {
  @ApiProperty({ example: 2 }) row: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '已登记企业；试导入时新企业为空',
    example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  })
  investorId: string | null;
  @ApiProperty({ description: '是否新登记的企业', example: true }) newInvestor: boolean;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: '线索：新增的在正式导入后才有；本局已有的线索始终给出',
    example: null,
  })
  leadId: string | null;
  @ApiProperty({
    enum: IMPORT_ROW_OUTCOMES,
    description:
      'new 新增线索；updated 本局已有线索，按台账更新了 changes 所列各列；unchanged 本局已有线索，内容无变化，跳过',
    example: 'updated',
  })
  outcome: ImportRowOutcome;
  @ApiProperty({ enum: Object.values(IMPORT_ROW_OUTCOME_LABELS), example: '已更新' }) outcomeLabel: string;
  @ApiProperty({ type: [String], description: '更新的列（outcome 为 updated 时）', example: ['意向投资额（万元）'] })
  changes: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: '已存在或已更新的原因',
    example: '本局已于 2026-03-05 登记该企业的线索，已更新：意向投资额（万元）',
  })
  reason: string | null;
}

export class ImportConversionDto {
  @ApiProperty({ example: 4 }) row: number;
  @ApiProperty({ example: '意向投资额（万元）' }) column: string;
  @ApiProperty({ description: '台账中的原文', example: '1.2亿' }) original: string;
  @ApiProperty({ description: '换算后的万元数', example: '12000.00' }) value: string;
  @ApiProperty({ example: '1.2亿 → 12000.00 万元' }) text: string;
}

export class ImportReportDto {
  @ApiProperty({ example: 'dry-run', enum: IMPORT_MODES }) mode: ImportMode;
  @ApiProperty({ description: '数据行数', example: 120 }) totalRows: number;
  @ApiProperty({ description: '可导入的行数（新增、更新和已存在的行）', example: 118 }) validRows: number;
  @ApiProperty({ description: '新增线索的行数', example: 100 }) newRows: number;
  @ApiProperty({ description: '更新本局已有线索的行数', example: 8 }) updatedRows: number;
  @ApiProperty({ description: '本局已有、内容无变化而跳过的行数', example: 10 }) unchangedRows: number;
  @ApiProperty({ type: [ImportProblemDto] }) errors: ImportProblemDto[];
  @ApiProperty({
    type: [ImportDuplicateDto],
    description: '撞单（其他招商局已登记）和疑似重复：这些行不导入，其余行照常导入',
  })
  duplicates: ImportDuplicateDto[];
  @ApiProperty({ type: [ImportConversionDto], description: '金额单位换算（万、亿、元、千分位 → 万元）' })
  conversions: ImportConversionDto[];
  @ApiProperty({ description: '是否已写入', example: false }) committed: boolean;
  @ApiProperty({ type: [ImportedRowDto] }) rows: ImportedRowDto[];
}

export class ImportJobDto {
  @ApiProperty({ example: '932423b3-bb75-42e2-909b-e74219e4216b', format: 'uuid' }) id: string;
  @ApiProperty({
    enum: ['queued', 'running', 'done', 'failed'],
    description: 'queued 排队；running 检查或写入中；done 完成（见 report）；failed 失败（见 error，未写入任何数据）',
    example: 'running',
  })
  status: ImportJobStatus;
  @ApiProperty({ enum: IMPORT_MODES, example: 'commit' }) mode: ImportMode;
  @ApiProperty({ description: '数据行数', example: 12000 }) totalRows: number;
  @ApiProperty({ description: '已检查的行数，每 500 行更新一次', example: 6500 }) processedRows: number;
  @ApiPropertyOptional({
    type: ImportReportDto,
    description: '完成后的检查报告，与同步导入的结果相同；正式导入有格式错误时 committed 为 false，未写入任何数据',
  })
  report?: ImportReportDto;
  @ApiPropertyOptional({ description: '失败原因', example: '服务停止，导入已中断，未写入任何数据，请重新上传' })
  error?: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z' }) createdAt: string;
  @ApiPropertyOptional({ example: '2026-11-26T09:31:12.000Z' }) finishedAt?: string;
}
