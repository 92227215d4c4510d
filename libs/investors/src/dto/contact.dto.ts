import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { normalizePhone, PHONE_PATTERN } from '../contact-phone';

const PHONE_MESSAGE = '电话号码格式不正确：请填写 11 位手机号，或带区号的座机号（如 0418-1234567，分机可写“转8001”）';

/** A phone as typed (spaces, dashes, +86, 转8001, full-width digits) becomes the registry's form; the rest stays as sent. */
const toPhone = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (normalizePhone(value) ?? value) : value;
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class ContactDto {
  @ApiProperty({ example: '659b8a59-671e-4f7c-9227-ff88cd92b12d', format: 'uuid' }) id: string;
  @ApiProperty({ example: '8b037b75-d077-4f3f-9fe7-51fe53957089', format: 'uuid' }) investorId: string;
  @ApiProperty({ example: '李经理' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '投资发展部总监' }) title: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '跟进该企业的招商局以外的招商局人员看到脱敏号码；县级领导、督查、管理员看到完整号码',
    example: '138****5678',
  })
  phone: string | null;
  @ApiProperty({ description: '号码是否已脱敏', example: true }) phoneMasked: boolean;
  @ApiProperty({ type: String, nullable: true, description: '同上脱敏', example: 'l***@example.com' }) email:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: '同上脱敏', example: 'li****88' }) wechat: string | null;
  @ApiProperty({ description: '电话、邮箱、微信是否已脱敏', example: true }) masked: boolean;
  @ApiProperty({ example: '2026-11-24T09:30:00.000Z' }) createdAt: string;
}

export class CreateContactDto {
  @ApiProperty({ description: '姓名', example: '李经理' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ description: '职务', example: '投资发展部总监' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  title?: string;

  @ApiPropertyOptional({
    description:
      '手机（1 开头 11 位）或座机（如 0418-1234567）；空格、横线、+86、全角数字和“转8001”分机均可，按规范格式保存',
    example: '138 1234 5678',
  })
  @Transform(toPhone)
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string;

  @ApiPropertyOptional({ example: 'li.jingli@example.com' })
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ description: '微信号', example: 'lijingli_1988' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  wechat?: string;
}

/** The fields to correct, checked as on creation; null clears an optional field. */
export class UpdateContactDto {
  @ApiPropertyOptional({ description: '姓名（不能清空）', example: '李建华' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ type: String, description: '职务；null 为清空', nullable: true, example: '副总经理' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  title?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: '手机（1 开头 11 位）或座机（如 0418-1234567，分机“转8001”）；null 为清空',
    nullable: true,
    example: '+86 139-8765-4321',
  })
  @Transform(toPhone)
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: '电子邮箱；null 为清空',
    nullable: true,
    example: 'li.jianhua@example.com',
  })
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ type: String, description: '微信号；null 为清空', nullable: true, example: 'lijianhua_1985' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  wechat?: string | null;
}
