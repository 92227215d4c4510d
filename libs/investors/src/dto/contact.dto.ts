import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PHONE_PATTERN } from '../contact-phone';

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) investorId: string;
  @ApiProperty({ example: '李经理' }) name: string;
  @ApiProperty({ nullable: true, example: '投资发展部总监' }) title: string | null;
  @ApiProperty({ nullable: true, description: '本局以外的用户看到脱敏号码', example: '138****5678' })
  phone: string | null;
  @ApiProperty({ description: '号码是否已脱敏', example: true }) phoneMasked: boolean;
  @ApiProperty({ nullable: true, example: 'li.jingli@example.com' }) email: string | null;
  @ApiProperty({ nullable: true, example: 'lijingli_1988' }) wechat: string | null;
  @ApiProperty() createdAt: string;
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

  @ApiPropertyOptional({ description: '手机（1 开头 11 位）或座机（如 0418-1234567）', example: '13812345678' })
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: '{label}应为手机号（1 开头 11 位）或座机号（如 0418-1234567）' })
  phone?: string;

  @ApiPropertyOptional({ example: 'li.jingli@example.com' })
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

  @ApiPropertyOptional({ description: '职务；null 为清空', nullable: true, example: '副总经理' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  title?: string | null;

  @ApiPropertyOptional({
    description: '手机（1 开头 11 位）或座机（如 0418-1234567）；null 为清空',
    nullable: true,
    example: '13987654321',
  })
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: '{label}应为手机号（1 开头 11 位）或座机号（如 0418-1234567）' })
  phone?: string | null;

  @ApiPropertyOptional({ description: '电子邮箱；null 为清空', nullable: true, example: 'li.jianhua@example.com' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ description: '微信号；null 为清空', nullable: true, example: 'lijianhua_1985' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  wechat?: string | null;
}
