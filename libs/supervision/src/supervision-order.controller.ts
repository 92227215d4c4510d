import { Actor, Allow, AnySignedIn, CurrentActor, Idempotent, Page, ParseIdPipe, Role } from '@app/core';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import {
  AssignOrderDto,
  CloseOrderDto,
  CreateSupervisionOrderDto,
  OrderExtensionDto,
  OrderReplyDto,
  ReturnOrderDto,
  SupervisionOrderDetailDto,
  SupervisionOrderDto,
  SupervisionOrderPageDto,
  SupervisionOrderQueryDto,
} from './dto/supervision-order.dto';
import { SupervisionOrderService } from './supervision-order.service';

const NOT_FOUND = '督办单不存在，或属于其他招商局（招商局用户只能看到本局的督办单）';
const STALE = 'STALE_VERSION：督办单已被他人处理；INVALID_TRANSITION：当前状态不能进行此操作';

@ApiTags('督办单 supervision orders')
@ApiBearerAuth()
@Controller('supervision-orders')
export class SupervisionOrderController {
  constructor(private readonly orders: SupervisionOrderService) {}

  @Post()
  @Allow(Role.Supervisor, Role.Leader)
  @Idempotent()
  @ApiOperation({
    summary: '下达督办单（督查室或县级领导）：可关联项目、线索，或由一条预警一键生成（事项和承办局取自预警）',
  })
  @ApiCreatedResponse({ type: SupervisionOrderDetailDto })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED：字段不合规（如办理期限早于今天）；UNKNOWN_BUREAU、UNKNOWN_SOURCE：招商局、项目、线索或预警不存在；SOURCE_BUREAU_MISMATCH：关联记录不属于承办招商局',
  })
  issue(@CurrentActor() actor: Actor, @Body() body: CreateSupervisionOrderDto): Promise<SupervisionOrderDetailDto> {
    return this.orders.issue(actor, body);
  }

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '督办单列表（招商局用户只看到本局）：按招商局、状态、是否逾期筛选，未办结的按期限排在前' })
  @ApiOkResponse({ type: SupervisionOrderPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: SupervisionOrderQueryDto): Promise<Page<SupervisionOrderDto>> {
    return this.orders.list(actor, query);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看督办单及全部办理记录' })
  @ApiOkResponse({ type: SupervisionOrderDetailDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<SupervisionOrderDetailDto> {
    return this.orders.get(actor, id);
  }

  @Post(':id/assign')
  @Allow(Role.BureauHead)
  @HttpCode(200)
  @ApiOperation({ summary: '交办：承办招商局局长指定本局承办人' })
  @ApiOkResponse({ type: SupervisionOrderDetailDto })
  @ApiBadRequestResponse({ description: 'INVALID_HANDLER：承办人不是本局在职人员' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: STALE })
  assign(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: AssignOrderDto,
  ): Promise<SupervisionOrderDetailDto> {
    return this.orders.assign(actor, id, body);
  }

  @Post(':id/replies')
  @Allow(Role.Staff, Role.BureauHead)
  @HttpCode(200)
  @ApiOperation({ summary: '办理反馈（承办招商局）：进展情况；final=true 为办结报告，交下达人办结或退回' })
  @ApiOkResponse({ type: SupervisionOrderDetailDto })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: STALE })
  reply(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: OrderReplyDto,
  ): Promise<SupervisionOrderDetailDto> {
    return this.orders.reply(actor, id, body);
  }

  @Post(':id/extension')
  @Allow(Role.Staff, Role.BureauHead, Role.Supervisor, Role.Leader)
  @HttpCode(200)
  @ApiOperation({
    summary: '延期：承办招商局以 {reason, dueDate} 申请（每单一次）；下达人或县级领导以 {decision: grant|refuse} 审批',
  })
  @ApiOkResponse({ type: SupervisionOrderDetailDto })
  @ApiForbiddenResponse({
    description: 'NOT_ISSUER：只有下达人或县级领导可以审批；NOT_ORDER_BUREAU：只有承办局可以申请',
  })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: `${STALE}；EXTENSION_ALREADY_REQUESTED：已申请过延期` })
  @ApiUnprocessableEntityResponse({ description: 'DUE_DATE_NOT_LATER：延期日期须晚于原期限' })
  extension(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: OrderExtensionDto,
  ): Promise<SupervisionOrderDetailDto> {
    return this.orders.extension(actor, id, body);
  }

  @Post(':id/close')
  @Allow(Role.Supervisor, Role.Leader)
  @HttpCode(200)
  @ApiOperation({ summary: '办结（下达人或县级领导）' })
  @ApiOkResponse({ type: SupervisionOrderDetailDto })
  @ApiForbiddenResponse({ description: 'NOT_ISSUER：只有下达人或县级领导可以办结' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: STALE })
  close(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CloseOrderDto,
  ): Promise<SupervisionOrderDetailDto> {
    return this.orders.close(actor, id, body);
  }

  @Post(':id/return')
  @Allow(Role.Supervisor, Role.Leader)
  @HttpCode(200)
  @ApiOperation({ summary: '退回（下达人或县级领导）：办结报告不合格，退回承办局继续办理' })
  @ApiOkResponse({ type: SupervisionOrderDetailDto })
  @ApiForbiddenResponse({ description: 'NOT_ISSUER：只有下达人或县级领导可以退回' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  @ApiConflictResponse({ description: STALE })
  sendBack(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReturnOrderDto,
  ): Promise<SupervisionOrderDetailDto> {
    return this.orders.return(actor, id, body);
  }
}
