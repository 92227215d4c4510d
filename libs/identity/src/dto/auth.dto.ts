import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { UserDto } from './user.dto';

export class LoginDto {
  @ApiProperty({ description: '用户名', example: 'staff01a' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  username: string;

  @ApiProperty({ description: '密码', example: '请输入密码' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: '原密码', example: '请输入原密码' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  oldPassword: string;

  @ApiProperty({
    description: '新密码：≥8 位，含大写、小写、数字、符号中至少三类；不含用户名；不能是常见或泄露的密码、键盘连续字符',
    example: '请输入新密码',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  newPassword: string;
}

export class RefreshDto {
  @ApiProperty({ description: '刷新令牌（每次使用后更换）', example: '0b7c…e1.Q2h…' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  refreshToken: string;
}

export class TokensDto {
  @ApiProperty({
    example:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1YjBlNmYyYSIsInJvbGUiOiJzdGFmZiJ9.Qm9vdHN0cmFwU2lnbmF0dXJl',
    description: '访问令牌（Bearer）',
  })
  accessToken: string;
  @ApiProperty({ example: 'Z3k4Yy1yZWZyZXNoLXRva2VuLTIwMjYxMTI0LWV4YW1wbGU', description: '刷新令牌' })
  refreshToken: string;
  @ApiProperty({ description: '访问令牌有效期（秒）', example: 900 }) expiresIn: number;
  @ApiProperty({ type: () => UserDto }) user: UserDto;
}

export class MeDto extends UserDto {
  @ApiProperty({ description: '会话空闲超时（秒）', example: 1800 }) idleTimeoutSeconds: number;
  @ApiProperty({ description: '角色名称', example: '招商局工作人员' }) roleLabel: string;
}
