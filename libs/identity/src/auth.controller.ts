import { Actor, AnySignedIn, CurrentActor, CurrentRequest, Public, RequestMeta } from '@app/core';
import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthService } from './auth.service';
import { OpenBeforePasswordChange } from './access.guard';
import { ChangePasswordDto, LoginDto, RefreshDto, TokensDto } from './dto/auth.dto';
import { UserDto } from './dto/user.dto';
import { UserService } from './user.service';

@ApiTags('登录 auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UserService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({
    summary:
      '登录：未知用户名、停用账号和错误密码的回答相同；从新地址连续失败 5 次锁定 30 分钟（曾成功登录的地址另行计数）；按来源地址限流',
  })
  @ApiOkResponse({ type: TokensDto })
  @ApiUnauthorizedResponse({
    description: 'INVALID_CREDENTIALS：用户名或密码不正确（未知用户名、停用账号与错误密码的回答相同）',
  })
  @ApiResponse({ status: 423, description: 'ACCOUNT_LOCKED：连续登录失败次数过多，暂时锁定；details 给出解锁时间' })
  @ApiResponse({
    status: 503,
    description:
      'SIGN_IN_BUSY：同时登录的人过多，密码校验排队超时（不计入失败次数）；响应头 Retry-After 给出建议等待秒数',
  })
  login(@Body() body: LoginDto, @CurrentRequest() meta: RequestMeta): Promise<TokensDto> {
    return this.auth.login(body.username, body.password, meta);
  }

  @Post('refresh')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: '用刷新令牌换取新令牌（旧刷新令牌随即失效）' })
  @ApiOkResponse({ type: TokensDto })
  @ApiUnauthorizedResponse({
    description: 'INVALID_REFRESH_TOKEN、SESSION_EXPIRED、SESSION_IDLE：刷新令牌无效或会话已失效，请重新登录',
  })
  refresh(@Body() body: RefreshDto, @CurrentRequest() meta: RequestMeta): Promise<TokensDto> {
    return this.auth.refresh(body.refreshToken, meta);
  }

  @Post('password')
  @AnySignedIn()
  @OpenBeforePasswordChange()
  @UseGuards(ThrottlerGuard)
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: '修改本人密码：须提供原密码；本人的其他会话随即注销，当前会话保留' })
  @ApiNoContentResponse()
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(actor, body.oldPassword, body.newPassword);
  }

  @Post('logout')
  @AnySignedIn()
  @OpenBeforePasswordChange()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录，注销当前会话' })
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @Post('logout-all')
  @AnySignedIn()
  @OpenBeforePasswordChange()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: '在所有设备上退出：注销本人的全部会话（含当前会话）' })
  @ApiNoContentResponse()
  logoutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logoutEverywhere(actor);
  }

  @Get('me')
  @AnySignedIn()
  @OpenBeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前登录用户' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.me(actor);
  }
}
