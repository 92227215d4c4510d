import { PageQueryDto, Role } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { BureauRefDto } from './reference.dto';
import { IsBoolean, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class UserDto {
  @ApiProperty({ example: '4480fd20-67cb-415e-9615-d2ba14b9b1d4', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'staff03a' }) username: string;
  @ApiProperty({ example: '王建国' }) displayName: string;
  @ApiProperty({ type: String, nullable: true, example: '招商专员' }) title: string | null;
  @ApiProperty({ enum: Role, example: Role.Staff }) role: Role;
  @ApiProperty({ type: BureauRefDto, nullable: true }) bureau: BureauRefDto | null;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ type: String, description: '锁定到（连续登录失败后）', nullable: true, example: null }) lockedUntil:
    string | null;
  @ApiProperty({ description: '演示数据账号', example: false }) isDemo: boolean;
  @ApiProperty({
    description: '须先修改密码（管理员设置或重置的密码）：此前只能修改密码和查看本人信息',
    example: false,
  })
  mustChangePassword: boolean;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ example: 12 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) pageSize: number;
}

const BUREAU_CODE = /^B\d{2,4}$/;

export class CreateUserDto {
  @ApiProperty({ description: '用户名（字母、数字、下划线、点、短横线，3–50 位）', example: 'zhangwei' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,50}$/, { message: '{label}应为 3–50 位字母、数字或 _ . -' })
  username: string;

  @ApiProperty({ description: '姓名', example: '张伟' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  displayName: string;

  @ApiPropertyOptional({ description: '职务', example: '招商专员' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  title?: string;

  @ApiProperty({
    description: '初始密码（≥8 位，含大写、小写、数字、符号中至少三类；不能是常见密码）。用户首次登录后须修改',
    example: '请输入初始密码',
  })
  @IsString()
  @MaxLength(128)
  password: string;

  @ApiProperty({ enum: Role, example: Role.Staff })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ description: '所属招商局编码（staff、bureau_head 必填）', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureauCode?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: '姓名', example: '张伟' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  displayName?: string;

  @ApiPropertyOptional({ description: '职务', example: '副局长' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  title?: string;

  @ApiPropertyOptional({ description: '重置密码（用户下次登录后须修改）', example: '请输入新密码' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  password?: string;

  @ApiPropertyOptional({ example: 'staff', enum: Role, description: '角色（仅管理员）' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ description: '所属招商局（仅管理员）', example: 'B05' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureauCode?: string;

  @ApiPropertyOptional({ description: '启用/停用', example: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: '解除登录锁定', example: true })
  @IsOptional()
  @IsBoolean()
  unlock?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '招商局编码', example: 'B03' })
  @IsOptional()
  @IsString()
  @Matches(BUREAU_CODE, { message: '{label}应为招商局编码，如 B01' })
  bureau?: string;

  @ApiPropertyOptional({ example: 'staff', enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ description: '是否启用', example: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: '用户名或姓名片段', example: '王' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}
