import { Actor, Allow, AnySignedIn, CurrentActor, Page, ParseIdPipe, Role } from '@app/core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { RequestFiguresDto, RequestFiguresQueryDto } from './dto/request-figures.dto';
import {
  CreateServiceDepartmentDto,
  ServiceDepartmentDto,
  ServiceDepartmentListDto,
  UpdateServiceDepartmentDto,
} from './dto/service-department.dto';
import {
  CreateServiceRequestDto,
  FeedbackServiceRequestDto,
  ReplyServiceRequestDto,
  ResolveServiceRequestDto,
  RouteServiceRequestDto,
  ServiceRequestDetailDto,
  ServiceRequestDto,
  ServiceRequestPageDto,
  ServiceRequestQueryDto,
} from './dto/service-request.dto';
import { ServiceDepartmentService } from './service-department.service';
import { ServiceRequestService } from './service-request.service';

/** Who receives a request: a bureau's people (首办责任制 gives it their bureau). */
const RECEIVERS = [Role.Staff, Role.BureauHead];
/** Who takes its steps: the owning bureau's people, and the admin. */
const HANDLERS = [Role.Staff, Role.BureauHead, Role.Admin];

const NOT_FOUND = '诉求不存在，或属于其他招商局';
const STALE = 'STALE_VERSION：诉求已被他人更新，请刷新后重试';
const STEP_REFUSED =
  'INVALID_TRANSITION：诉求当前状态不能进行此步骤；DATE_OUT_OF_ORDER：日期早于上一步；DATE_IN_FUTURE：日期晚于今天';

@ApiTags('企业诉求 service-requests')
@ApiBearerAuth()
@Controller('service-requests')
export class ServiceRequestController {
  constructor(private readonly requests: ServiceRequestService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '企业诉求列表（招商局用户只看到本局受理的）：按状态、类别、招商局、是否超期筛选' })
  @ApiOkResponse({ type: ServiceRequestPageDto })
  @ApiBadRequestResponse({ description: '筛选条件不合法，details 指出字段' })
  list(@CurrentActor() actor: Actor, @Query() query: ServiceRequestQueryDto): Promise<Page<ServiceRequestDto>> {
    return this.requests.list(actor, query);
  }

  @Get('figures')
  @AnySignedIn()
  @ApiOperation({ summary: '各招商局企业诉求指标（全区公开，同排名）：受理数、按期办结数、满意率' })
  @ApiOkResponse({ type: RequestFiguresDto })
  @ApiBadRequestResponse({ description: '期间或日期不合法' })
  figures(@Query() query: RequestFiguresQueryDto): Promise<RequestFiguresDto> {
    return this.requests.figures(query);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看企业诉求及其办理过程（受理、交办、进展、办结、回访）' })
  @ApiOkResponse({ type: ServiceRequestDetailDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ServiceRequestDetailDto> {
    return this.requests.get(actor, id);
  }

  @Post()
  @Allow(...RECEIVERS)
  @ApiOperation({
    summary: '受理企业诉求（首办责任制：受理人所在局负责到回访关闭）；企业须有注册落地及以后阶段的项目',
  })
  @ApiCreatedResponse({ type: ServiceRequestDetailDto })
  @ApiBadRequestResponse({
    description: '字段不合法；UNKNOWN_VISIT：走访记录不存在或不是对该企业的走访；VISIT_REQUIRED',
  })
  @ApiUnprocessableEntityResponse({
    description: 'INVESTOR_NOT_LANDED：企业没有注册落地及以后阶段的项目；DATE_IN_FUTURE：受理日期晚于今天',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateServiceRequestDto): Promise<ServiceRequestDetailDto> {
    return this.requests.create(actor, body);
  }

  @Post(':id/route')
  @Allow(...HANDLERS)
  @HttpCode(200)
  @ApiOperation({ summary: '交办（或改派）办理部门，须提交 expectedVersion' })
  @ApiOkResponse({ type: ServiceRequestDetailDto })
  @ApiBadRequestResponse({ description: '字段不合法；UNKNOWN_DEPARTMENT：办理部门不存在或已停用' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: STALE })
  @ApiUnprocessableEntityResponse({ description: STEP_REFUSED })
  route(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: RouteServiceRequestDto,
  ): Promise<ServiceRequestDetailDto> {
    return this.requests.route(actor, id, body);
  }

  @Post(':id/replies')
  @Allow(...HANDLERS)
  @HttpCode(200)
  @ApiOperation({ summary: '填写办理进展，须提交 expectedVersion' })
  @ApiOkResponse({ type: ServiceRequestDetailDto })
  @ApiBadRequestResponse({ description: '字段不合法' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: STALE })
  @ApiUnprocessableEntityResponse({ description: STEP_REFUSED })
  reply(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReplyServiceRequestDto,
  ): Promise<ServiceRequestDetailDto> {
    return this.requests.reply(actor, id, body);
  }

  @Post(':id/resolve')
  @Allow(...HANDLERS)
  @HttpCode(200)
  @ApiOperation({ summary: '办结（填写办理结果），须先交办；须提交 expectedVersion' })
  @ApiOkResponse({ type: ServiceRequestDetailDto })
  @ApiBadRequestResponse({ description: '字段不合法' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: STALE })
  @ApiUnprocessableEntityResponse({ description: STEP_REFUSED })
  resolve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ResolveServiceRequestDto,
  ): Promise<ServiceRequestDetailDto> {
    return this.requests.resolve(actor, id, body);
  }

  @Post(':id/feedback')
  @Allow(...HANDLERS)
  @HttpCode(200)
  @ApiOperation({ summary: '回访：记录企业满意度（满意/基本满意/不满意），诉求随之关闭；须提交 expectedVersion' })
  @ApiOkResponse({ type: ServiceRequestDetailDto })
  @ApiBadRequestResponse({ description: '字段不合法' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: STALE })
  @ApiUnprocessableEntityResponse({ description: STEP_REFUSED })
  feedback(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: FeedbackServiceRequestDto,
  ): Promise<ServiceRequestDetailDto> {
    return this.requests.feedback(actor, id, body);
  }
}

@ApiTags('企业诉求 service-requests')
@ApiBearerAuth()
@Controller('service-departments')
export class ServiceDepartmentController {
  constructor(private readonly departments: ServiceDepartmentService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '办理部门列表（交办诉求时选择）' })
  @ApiOkResponse({ type: ServiceDepartmentListDto })
  list(): Promise<ServiceDepartmentListDto> {
    return this.departments.list();
  }

  @Post()
  @Allow(Role.Admin)
  @ApiOperation({ summary: '新增办理部门（管理员）' })
  @ApiCreatedResponse({ type: ServiceDepartmentDto })
  @ApiBadRequestResponse({ description: '字段不合法' })
  @ApiForbiddenResponse({ description: '只有管理员可以维护办理部门' })
  @ApiConflictResponse({ description: 'DUPLICATE_DEPARTMENT：已有同名办理部门' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateServiceDepartmentDto): Promise<ServiceDepartmentDto> {
    return this.departments.create(actor, body);
  }

  @Patch(':id')
  @Allow(Role.Admin)
  @ApiOperation({ summary: '修改办理部门：改名、停用/启用、排序（管理员）' })
  @ApiOkResponse({ type: ServiceDepartmentDto })
  @ApiBadRequestResponse({ description: '字段不合法' })
  @ApiForbiddenResponse({ description: '只有管理员可以维护办理部门' })
  @ApiNotFoundResponse({ description: '办理部门不存在' })
  @ApiConflictResponse({ description: 'DUPLICATE_DEPARTMENT：已有同名办理部门' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateServiceDepartmentDto,
  ): Promise<ServiceDepartmentDto> {
    return this.departments.update(actor, id, body);
  }
}
