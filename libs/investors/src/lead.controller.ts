import { Actor, Allow, AnySignedIn, CurrentActor, Idempotent, Page, ParseIdPipe, Role } from '@app/core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateLeadDto,
  CreateTransferDto,
  DecideTransferDto,
  DropLeadDto,
  LeadDto,
  LeadPageDto,
  LeadQueryDto,
  TransferDto,
  TransferPageDto,
  TransferQueryDto,
  UpdateLeadDto,
} from './dto/lead.dto';
import { LeadTransferService } from './lead-transfer.service';
import { LeadService } from './lead.service';

@ApiTags('线索 leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadController {
  constructor(
    private readonly leads: LeadService,
    private readonly transfers: LeadTransferService,
  ) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '线索列表（招商局用户只看到本局）' })
  @ApiOkResponse({ type: LeadPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: LeadQueryDto): Promise<Page<LeadDto>> {
    return this.leads.list(actor, query);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看线索' })
  @ApiOkResponse({ type: LeadDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<LeadDto> {
    return this.leads.get(actor, id);
  }

  @Post()
  @Allow(Role.Staff, Role.BureauHead, Role.Leader)
  @Idempotent('lead')
  @ApiOperation({ summary: '登记线索：一家企业全区只能有一条跟进中的线索（撞单返回 409 DUPLICATE_LEAD）' })
  @ApiCreatedResponse({ type: LeadDto })
  @ApiConflictResponse({ description: 'DUPLICATE_LEAD：details 给出已登记的招商局、具办人和日期' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateLeadDto): Promise<LeadDto> {
    return this.leads.create(actor, body);
  }

  @Patch(':id')
  @Allow(Role.Staff, Role.BureauHead, Role.Leader, Role.Admin)
  @ApiOperation({
    summary: '修改跟进中的线索（本局）；局长可改派具办人；登记日期由局长、县级领导或管理员更正（工作人员 403）',
  })
  @ApiOkResponse({ type: LeadDto })
  @ApiConflictResponse({ description: 'LEAD_NOT_OPEN：线索已转化、放弃或转交' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateLeadDto,
  ): Promise<LeadDto> {
    return this.leads.update(actor, id, body);
  }

  @Post(':id/drop')
  @Allow(Role.Staff, Role.BureauHead)
  @HttpCode(200)
  @ApiOperation({ summary: '放弃线索（须填写原因）' })
  @ApiOkResponse({ type: LeadDto })
  @ApiConflictResponse({ description: 'LEAD_NOT_OPEN：线索已转化或已放弃' })
  drop(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DropLeadDto,
  ): Promise<LeadDto> {
    return this.leads.drop(actor, id, body);
  }

  @Post(':id/transfers')
  @Allow(Role.Staff, Role.BureauHead)
  @Idempotent()
  @ApiOperation({ summary: '申请把其他招商局的线索转交本局，由线索所属局局长或县级领导审批' })
  @ApiCreatedResponse({ type: TransferDto })
  @ApiConflictResponse({
    description: 'LEAD_NOT_OPEN：只有跟进中的线索可以转交；TRANSFER_PENDING：该线索已有待审批的转交申请',
  })
  requestTransfer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateTransferDto,
  ): Promise<TransferDto> {
    return this.transfers.request(actor, id, body);
  }
}

@ApiTags('线索 leads')
@ApiBearerAuth()
@Controller('lead-transfers')
export class LeadTransferController {
  constructor(private readonly transfers: LeadTransferService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '转交申请（招商局用户看到转出和转入本局的）' })
  @ApiOkResponse({ type: TransferPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: TransferQueryDto): Promise<Page<TransferDto>> {
    return this.transfers.list(actor, query);
  }

  @Post(':id/approve')
  @Allow(Role.BureauHead, Role.Leader)
  @HttpCode(200)
  @ApiOperation({ summary: '批准转交：线索及具办人转到申请人' })
  @ApiOkResponse({ type: TransferDto })
  @ApiConflictResponse({
    description:
      'TRANSFER_NOT_PENDING：申请已处理，或线索已变化、原招商局仍有该企业在推进的项目；DUPLICATE_LEAD：企业已由其他招商局跟进',
  })
  approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DecideTransferDto,
  ): Promise<TransferDto> {
    return this.transfers.approve(actor, id, body);
  }

  @Post(':id/reject')
  @Allow(Role.BureauHead, Role.Leader)
  @HttpCode(200)
  @ApiOperation({ summary: '驳回转交' })
  @ApiOkResponse({ type: TransferDto })
  @ApiConflictResponse({ description: 'TRANSFER_NOT_PENDING：该转交申请已处理' })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DecideTransferDto,
  ): Promise<TransferDto> {
    return this.transfers.reject(actor, id, body);
  }
}
