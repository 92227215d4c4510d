import { Actor, Allow, AnySignedIn, CurrentActor, ParseIdPipe, Role } from '@app/core';
import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CreateProcedureKindDto,
  LeaderProjectsDto,
  MilestoneChartDto,
  MilestoneChartQueryDto,
  MilestonePlanDto,
  ProcedureKindDto,
  PutMilestonePlanDto,
  UpdateProcedureKindDto,
} from './dto/milestone.dto';
import { MilestoneService } from './milestone.service';
import { ProcedureKindService } from './procedure-kind.service';

@ApiTags('挂图作战 milestones')
@ApiBearerAuth()
@Controller()
export class MilestoneController {
  constructor(private readonly milestones: MilestoneService) {}

  @Get('projects/:id/milestones')
  @AnySignedIn()
  @ApiOperation({
    summary: '项目节点计划：签约、注册落地、前期手续、开工、竣工投产的计划与实际日期，按期/提前/滞后及红黄灯',
    description: '阶段节点的实际日期取自项目阶段变更；招商局用户只能查看本局项目，其他局项目返回 404',
  })
  @ApiOkResponse({ type: MilestonePlanDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND：项目不存在或无权访问' })
  plan(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<MilestonePlanDto> {
    return this.milestones.plan(actor, id);
  }

  @Put('projects/:id/milestones')
  @Allow(Role.Staff, Role.BureauHead, Role.Admin)
  @ApiOperation({
    summary: '制定或调整重点项目节点计划：设置计划日期，填报前期手续完成日期（本局），须提交 expectedVersion',
    description: '只修改列出的节点；签约、注册落地、开工、竣工投产的实际日期由阶段变更填写',
  })
  @ApiOkResponse({ type: MilestonePlanDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND：项目不存在或无权访问' })
  @ApiConflictResponse({ description: 'STALE_VERSION：计划已被他人修改；NOT_KEY_PROJECT：项目不是重点项目' })
  @ApiUnprocessableEntityResponse({
    description:
      'UNKNOWN_PROCEDURE、DUPLICATE_MILESTONE_NODE、ACTUAL_DATE_FROM_STAGE：节点不存在、重复或实际日期应由阶段变更填写',
  })
  put(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: PutMilestonePlanDto,
  ): Promise<MilestonePlanDto> {
    return this.milestones.put(actor, id, body);
  }

  @Get('milestones')
  @AnySignedIn()
  @ApiOperation({
    summary: '挂图作战总图：重点项目 × 月份，各节点计划与完成情况（招商局用户只看到本局）',
    description: 'month 只列计划或实际日期在该月的项目；status 按最重的灯号筛选',
  })
  @ApiOkResponse({ type: MilestoneChartDto })
  chart(@CurrentActor() actor: Actor, @Query() query: MilestoneChartQueryDto): Promise<MilestoneChartDto> {
    return this.milestones.chart(actor, query);
  }

  @Get('me/projects')
  @Allow(Role.Leader)
  @ApiOperation({ summary: '我包保的项目（县级领导）：各项目节点、红黄灯预警和未办结督办单' })
  @ApiOkResponse({ type: LeaderProjectsDto })
  @ApiForbiddenResponse({ description: 'FORBIDDEN：仅县级领导可用' })
  mine(@CurrentActor() actor: Actor): Promise<LeaderProjectsDto> {
    return this.milestones.leaderProjects(actor);
  }
}

@ApiTags('挂图作战 milestones')
@ApiBearerAuth()
@Controller('admin/milestone-procedures')
export class ProcedureKindController {
  constructor(private readonly kinds: ProcedureKindService) {}

  @Get()
  @Allow(Role.Admin)
  @ApiOperation({ summary: '前期手续类别（管理员）：节点计划中的前期手续节点' })
  @ApiOkResponse({ type: [ProcedureKindDto] })
  list(): Promise<ProcedureKindDto[]> {
    return this.kinds.list();
  }

  @Post()
  @Allow(Role.Admin)
  @ApiOperation({ summary: '新增前期手续类别（管理员）' })
  @ApiCreatedResponse({ type: ProcedureKindDto })
  @ApiConflictResponse({ description: 'DUPLICATE_PROCEDURE_KIND：编码或名称已存在' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateProcedureKindDto): Promise<ProcedureKindDto> {
    return this.kinds.create(actor, body);
  }

  @Patch(':id')
  @Allow(Role.Admin)
  @ApiOperation({ summary: '修改前期手续类别名称、排序或停用（管理员；编码不可修改）' })
  @ApiOkResponse({ type: ProcedureKindDto })
  @ApiNotFoundResponse({ description: 'NOT_FOUND：类别不存在' })
  @ApiConflictResponse({ description: 'DUPLICATE_PROCEDURE_KIND：名称已存在' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateProcedureKindDto,
  ): Promise<ProcedureKindDto> {
    return this.kinds.update(actor, id, body);
  }
}
