import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ServiceDepartmentDto {
  @ApiProperty({ example: '5b0f3c9e-0d4e-4f7e-9a39-4a8d0c2b7e11', format: 'uuid' }) id: string;
  @ApiProperty({ example: '区自然资源局' }) name: string;
  @ApiProperty({ description: '停用的部门保留历史，不再接受交办', example: true }) isActive: boolean;
  @ApiProperty({ description: '排序（小的在前）', example: 10 }) sortOrder: number;
}

export class ServiceDepartmentListDto {
  @ApiProperty({ type: [ServiceDepartmentDto] }) items: ServiceDepartmentDto[];
}

export class CreateServiceDepartmentDto {
  @ApiProperty({ description: '部门名称', example: '区市场监管局' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: '排序（小的在前）', example: 70 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  sortOrder?: number;
}

export class UpdateServiceDepartmentDto {
  @ApiPropertyOptional({ description: '部门名称', example: '区市场监督管理局' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: '是否启用', example: false })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({ description: '排序（小的在前）', example: 70 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  sortOrder?: number;
}
