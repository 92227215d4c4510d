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
import { ChainTargetService } from './chain-target.service';
import {
  CreateTargetDto,
  TargetDto,
  TargetPageDto,
  TargetQueryDto,
  TargetToLeadDto,
  UpdateTargetDto,
} from './dto/target.dto';

@ApiTags('产业链 industry chains')
@ApiBearerAuth()
@Controller('chain-targets')
export class ChainTargetController {
  constructor(private readonly targets: ChainTargetService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({
    summary: '招商目标企业库（招商局用户看到分工给本局的和尚未分工的）：按产业链、环节、招商局、类型筛选',
  })
  @ApiOkResponse({ type: TargetPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: TargetQueryDto): Promise<Page<TargetDto>> {
    return this.targets.list(actor, query);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看目标企业' })
  @ApiOkResponse({ type: TargetDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<TargetDto> {
    return this.targets.get(actor, id);
  }

  @Post()
  @Allow(Role.Staff, Role.BureauHead, Role.Leader, Role.Admin)
  @ApiOperation({ summary: '新增目标企业（分工招商局仅县级领导、管理员可指定）' })
  @ApiCreatedResponse({ type: TargetDto })
  @ApiConflictResponse({ description: 'TARGET_TAKEN：该环节已有同名目标企业' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTargetDto): Promise<TargetDto> {
    return this.targets.create(actor, body);
  }

  @Patch(':id')
  @Allow(Role.Staff, Role.BureauHead, Role.Leader, Role.Admin)
  @ApiOperation({ summary: '修改目标企业；调整分工（bureau）仅县级领导、管理员' })
  @ApiOkResponse({ type: TargetDto })
  @ApiConflictResponse({ description: 'TARGET_TAKEN：该环节已有同名目标企业' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateTargetDto,
  ): Promise<TargetDto> {
    return this.targets.update(actor, id, body);
  }

  @Post(':id/lead')
  @Allow(Role.Staff, Role.BureauHead)
  @ApiOperation({
    summary: '目标企业转为本局线索：企业库中已有则沿用，没有则登记；按一企一局（撞单）规则登记线索',
  })
  @ApiCreatedResponse({ type: TargetDto })
  @ApiConflictResponse({
    description:
      'TARGET_ASSIGNED_ELSEWHERE：已分工给其他招商局（须县级领导调整分工）；TARGET_CONVERTED：已转为线索；DUPLICATE_LEAD：该企业已由其他招商局跟进（撞单）',
  })
  toLead(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: TargetToLeadDto,
  ): Promise<TargetDto> {
    return this.targets.toLead(actor, id, body);
  }
}
