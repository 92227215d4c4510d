import { Actor, Allow, AnySignedIn, CurrentActor, Page, ParseIdPipe, Role } from '@app/core';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { UserService } from './user.service';

@ApiTags('用户 users')
@ApiBearerAuth()
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '用户列表（招商局用户只看到本局）' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: UserQueryDto): Promise<Page<UserDto>> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看用户' })
  @ApiOkResponse({ type: UserDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @Post()
  @Allow(Role.Admin, Role.BureauHead)
  @ApiOperation({ summary: '新建用户（管理员；局长可添加本局工作人员）' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'USERNAME_TAKEN：用户名已被使用' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @Allow(Role.Admin, Role.BureauHead)
  @ApiOperation({ summary: '修改用户：姓名、职务、重置密码、停用、解锁（局长限本局工作人员）' })
  @ApiOkResponse({ type: UserDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }
}
