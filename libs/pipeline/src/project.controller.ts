import { Actor, Allow, AnySignedIn, CurrentActor, Idempotent, Page, ParseIdPipe, Role } from '@app/core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { FundDto, FundListDto, RecordFundDto } from './dto/fund.dto';
import {
  ConvertLeadDto,
  CreateProjectDto,
  ProjectDto,
  ProjectPageDto,
  ProjectQueryDto,
  UpdateProjectDto,
} from './dto/project.dto';
import { DealUpgradeDto, ProjectTimelineDto, StageChangeDto } from './dto/stage.dto';
import { FundService } from './fund.service';
import { ProjectService } from './project.service';
import { StageService } from './stage.service';

/** Bureau roles write their own bureau's projects; admin writes everything. */
const WRITERS = [Role.Staff, Role.BureauHead, Role.Admin];
/** Stage moves: leaders too, who alone (with admin) may correct backwards. */
const STAGE_MOVERS = [Role.Staff, Role.BureauHead, Role.Leader, Role.Admin];

@ApiTags('项目 projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectController {
  constructor(
    private readonly projects: ProjectService,
    private readonly stages: StageService,
    private readonly funds: FundService,
  ) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '项目列表（招商局用户只看到本局）：按阶段、招商局、包保领导、重点项目、行业、日期筛选' })
  @ApiOkResponse({ type: ProjectPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ProjectQueryDto): Promise<Page<ProjectDto>> {
    return this.projects.list(actor, query);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看项目' })
  @ApiOkResponse({ type: ProjectDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ProjectDto> {
    return this.projects.get(actor, id);
  }

  @Post()
  @Allow(Role.Staff, Role.BureauHead, Role.Leader, Role.Admin)
  @Idempotent('project')
  @ApiOperation({ summary: '新建储备/谋划项目（县级领导、管理员须指定具办人，项目归其所在招商局）' })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiConflictResponse({ description: 'DUPLICATE_LEAD：该企业已由其他招商局跟进（撞单），details 给出招商局和日期' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateProjectDto): Promise<ProjectDto> {
    return this.projects.create(actor, body);
  }

  @Patch(':id')
  @Allow(...WRITERS)
  @ApiOperation({ summary: '修改项目基本信息（不含阶段），须提交 expectedVersion' })
  @ApiOkResponse({ type: ProjectDto })
  @ApiConflictResponse({ description: 'STALE_VERSION：项目已被他人修改' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateProjectDto,
  ): Promise<ProjectDto> {
    return this.projects.update(actor, id, body);
  }

  @Post(':id/stage')
  @Allow(...STAGE_MOVERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      '变更项目阶段：进入签约/注册落地/开工/竣工投产须提供对应资料，跳级须提供所跳过各阶段资料；回退和重新启动属更正，仅县级领导或管理员且须填写原因',
  })
  @ApiOkResponse({ type: ProjectDto })
  @ApiConflictResponse({
    description: 'STALE_VERSION：项目已被他人修改；DUPLICATE_LEAD：重新启动时该企业已由其他招商局跟进',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'INVALID_TRANSITION、GATE_DATA_REQUIRED、UNEXPECTED_GATE_DATA、GATE_DATE_IN_FUTURE、GATE_DATE_OUT_OF_ORDER、INVALID_USCC、REASON_REQUIRED：阶段变更或所附资料不符合规则，details 指出字段',
  })
  changeStage(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: StageChangeDto,
  ): Promise<ProjectDto> {
    return this.stages.change(actor, id, body);
  }

  @Post(':id/deal')
  @Allow(...STAGE_MOVERS)
  @HttpCode(200)
  @ApiOperation({ summary: '框架协议升级为正式合同：仍计一次签约，更新签约金额' })
  @ApiOkResponse({ type: ProjectDto })
  @ApiConflictResponse({
    description: 'DEAL_NOT_UPGRADABLE：只有已签约、未终止且为框架协议的项目可以升级；STALE_VERSION：项目已被他人修改',
  })
  @ApiUnprocessableEntityResponse({
    description: 'GATE_DATE_IN_FUTURE 或 GATE_DATE_OUT_OF_ORDER：签约日期晚于今天或早于首次签约日期',
  })
  upgradeDeal(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DealUpgradeDto,
  ): Promise<ProjectDto> {
    return this.stages.upgradeDeal(actor, id, body);
  }

  @Get(':id/events')
  @AnySignedIn()
  @ApiOperation({ summary: '项目时间线：阶段事件与走访按日期排列，附各阶段停留天数' })
  @ApiOkResponse({ type: ProjectTimelineDto })
  timeline(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ProjectTimelineDto> {
    return this.stages.timeline(actor, id);
  }

  @Get(':id/funds')
  @AnySignedIn()
  @ApiOperation({ summary: '到位资金（按月）及累计' })
  @ApiOkResponse({ type: FundListDto })
  listFunds(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<FundListDto> {
    return this.funds.list(actor, id);
  }

  @Post(':id/funds')
  @Allow(...WRITERS)
  @Idempotent()
  @ApiOperation({ summary: '填报当月到位资金（注册落地后）；同一月份再次提交即更正' })
  @ApiCreatedResponse({ type: FundDto })
  @ApiConflictResponse({ description: 'FUNDS_STAGE_TOO_EARLY：项目尚未注册落地或已终止' })
  @ApiUnprocessableEntityResponse({ description: 'FUND_MONTH_OUT_OF_RANGE：月份不在可填报的范围内' })
  recordFunds(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: RecordFundDto,
  ): Promise<FundDto> {
    return this.funds.record(actor, id, body);
  }
}

@ApiTags('线索 leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadConversionController {
  constructor(private readonly projects: ProjectService) {}

  @Post(':id/convert')
  @Allow(Role.Staff, Role.BureauHead, Role.Leader, Role.Admin)
  @Idempotent('project')
  @ApiOperation({ summary: '线索转化为项目（在谈阶段），线索状态变为已转化；已转化或已放弃的线索返回 409' })
  @ApiCreatedResponse({ type: ProjectDto })
  @ApiConflictResponse({
    description: 'LEAD_NOT_OPEN、LEAD_TRANSFER_PENDING，或 DUPLICATE_LEAD（企业已由其他招商局跟进）',
  })
  convert(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ConvertLeadDto,
  ): Promise<ProjectDto> {
    return this.projects.convert(actor, id, body);
  }
}
