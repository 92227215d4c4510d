import { PageQueryDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { AlertKind } from '../entities/alert.entity';

export class AlertQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '招商局编码', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(/^B\d{2,4}$/, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ enum: ['red', 'yellow'], description: '红灯 / 黄灯', example: 'red' })
  @IsOptional()
  @IsIn(['red', 'yellow'])
  level?: 'red' | 'yellow';

  @ApiPropertyOptional({ example: 'lead_idle', enum: AlertKind })
  @IsOptional()
  @IsEnum(AlertKind)
  kind?: AlertKind;
}

export class AlertDto {
  @ApiProperty({ example: '29d4d9e1-fbe8-4c02-955f-58c43d72cba6', format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['red', 'yellow'], example: 'red' }) level: 'red' | 'yellow';
  @ApiProperty({ enum: AlertKind, example: AlertKind.LeadIdle }) kind: AlertKind;
  @ApiProperty({ example: '线索久未走访' }) kindLabel: string;
  @ApiProperty({ example: { code: 'B03', name: '海州区第三招商局' } }) bureau: { code: string; name: string };
  @ApiProperty({
    example: 'lead',
    enum: ['lead', 'project', 'order', 'request'],
    description: '线索、项目、督办单或企业诉求',
  })
  entity: 'lead' | 'project' | 'order' | 'request';
  @ApiProperty({ example: 'b1b26d9d-2456-45a2-9f84-22f066203b2a', format: 'uuid' }) entityId: string;
  @ApiProperty({ example: '/api/v1/leads/3f1c…', description: '关联记录' }) link: string;
  @ApiProperty({ example: '阜新金山氟化工有限公司' }) subject: string;
  @ApiProperty({ example: 64, description: '超出天数（计划开工月份为月数）' }) overdue: number;
  @ApiProperty({ example: '2026-09-23' }) since: string;
  @ApiProperty({ example: '阜新金山氟化工有限公司：64 天未走访' }) message: string;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertDto] }) items: AlertDto[];
  @ApiProperty({ example: 7 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-26', description: '计算日期' }) computedOn:
    string | null;
  @ApiProperty({ example: { red: 2, yellow: 5 } }) counts: { red: number; yellow: number };
}
