import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export const TARGET_IMPORT_MODES = ['dry-run', 'commit'] as const;
export type TargetImportMode = (typeof TARGET_IMPORT_MODES)[number];

export class TargetImportQueryDto {
  @ApiProperty({
    description: '产业链（表中“环节”列按该产业链的环节名称匹配）',
    format: 'uuid',
    example: 'b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e',
  })
  @IsUUID('all')
  chainId: string;

  @ApiPropertyOptional({
    enum: TARGET_IMPORT_MODES,
    default: 'dry-run',
    description: 'dry-run 只检查不写入；commit 全部行无错误时一次性写入（已在库中的企业跳过）',
  })
  @IsOptional()
  @IsIn(TARGET_IMPORT_MODES)
  mode?: TargetImportMode;
}

export class TargetImportRowDto {
  @ApiProperty({ description: '表中行号（表头为第 1 行）', example: 2 }) row: number;
  @ApiProperty({ example: '江苏氟源电子材料股份有限公司' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '电子化学品' }) link: string | null;
  @ApiProperty({
    enum: ['new', 'exists', 'error'],
    description: 'new 新增、exists 库中已有（跳过）、error 有错误',
    example: 'new',
  })
  status: 'new' | 'exists' | 'error';
  @ApiProperty({ type: [String], description: '本行的问题', example: [] }) problems: string[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: '导入后的目标企业编号', example: null })
  targetId: string | null;
}

export class TargetImportReportDto {
  @ApiProperty({ example: false }) committed: boolean;
  @ApiProperty({ example: 3 }) totalRows: number;
  @ApiProperty({ example: 2 }) newRows: number;
  @ApiProperty({ example: 1 }) existingRows: number;
  @ApiProperty({ example: 0 }) errorRows: number;
  @ApiProperty({ type: [TargetImportRowDto] }) rows: TargetImportRowDto[];
}
