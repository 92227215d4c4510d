import { Actor, Allow, AnySignedIn, CurrentActor, Idempotent, Page, ParseIdPipe, Role } from '@app/core';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ContactService } from './contact.service';
import { ContactDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto';
import {
  CreateInvestorDto,
  InvestorDto,
  InvestorPageDto,
  InvestorQueryDto,
  UpdateInvestorDto,
} from './dto/investor.dto';
import { InvestorService } from './investor.service';

@ApiTags('客商 investors')
@ApiBearerAuth()
@Controller('investors')
export class InvestorController {
  constructor(
    private readonly investors: InvestorService,
    private readonly contacts: ContactService,
  ) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '全区客商库：按企业名称片段或统一社会信用代码查询' })
  @ApiOkResponse({ type: InvestorPageDto })
  list(@Query() query: InvestorQueryDto): Promise<Page<InvestorDto>> {
    return this.investors.list(query);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看企业（含正在跟进的招商局）' })
  @ApiOkResponse({ type: InvestorDto })
  get(@Param('id', ParseIdPipe) id: string): Promise<InvestorDto> {
    return this.investors.get(id);
  }

  @Post()
  @Allow(Role.Staff, Role.BureauHead, Role.Admin)
  @Idempotent('investor')
  @ApiOperation({
    summary: '登记企业：统一社会信用代码相同一律 409；名称相近 409 并列出疑似重复企业，核实后可加 confirmNotDuplicate',
  })
  @ApiCreatedResponse({ type: InvestorDto })
  @ApiConflictResponse({
    description:
      'USCC_TAKEN、INVESTOR_REGISTERED（同名企业已登记），或 DUPLICATE_INVESTOR（名称相近，details.candidates）',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateInvestorDto): Promise<InvestorDto> {
    return this.investors.create(actor, body);
  }

  @Patch(':id')
  @Allow(Role.Staff, Role.BureauHead, Role.Leader, Role.Admin)
  @ApiOperation({ summary: '修改企业信息（登记该企业的招商局、县级领导、管理员）' })
  @ApiOkResponse({ type: InvestorDto })
  @ApiConflictResponse({
    description: 'USCC_TAKEN 或 INVESTOR_REGISTERED：统一社会信用代码或名称与已登记的另一家企业相同',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateInvestorDto,
  ): Promise<InvestorDto> {
    return this.investors.update(actor, id, body);
  }

  @Get(':id/contacts')
  @AnySignedIn()
  @ApiOperation({ summary: '企业联系人；非跟进本企业的招商局看到脱敏电话（138****5678）' })
  @ApiOkResponse({ type: [ContactDto] })
  contactsOf(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ContactDto[]> {
    return this.contacts.list(actor, id);
  }

  @Post(':id/contacts')
  @Allow(Role.Staff, Role.BureauHead)
  @Idempotent()
  @ApiOperation({ summary: '新增联系人（正在跟进该企业的招商局）' })
  @ApiCreatedResponse({ type: ContactDto })
  addContact(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateContactDto,
  ): Promise<ContactDto> {
    return this.contacts.create(actor, id, body);
  }

  @Patch(':id/contacts/:contactId')
  @Allow(Role.Staff, Role.BureauHead)
  @ApiOperation({ summary: '修改联系人（正在跟进该企业的招商局）；未传的字段不变，可选字段传 null 为清空' })
  @ApiOkResponse({ type: ContactDto })
  @ApiForbiddenResponse({ description: 'NOT_OWN_BUREAU：不是正在跟进该企业的招商局' })
  @ApiNotFoundResponse({ description: '企业或联系人不存在' })
  updateContact(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('contactId', ParseIdPipe) contactId: string,
    @Body() body: UpdateContactDto,
  ): Promise<ContactDto> {
    return this.contacts.update(actor, id, contactId, body);
  }
}
