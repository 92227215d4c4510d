import { Actor, Allow, AnySignedIn, CurrentActor, ParseIdPipe, Role, ValidationException } from '@app/core';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseEnumPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { TaggedKind } from './chain';
import { ChainCoverageService } from './chain-coverage.service';
import { ChainService } from './chain.service';
import {
  ChainCoverageDto,
  ChainDetailDto,
  ChainListDto,
  CoverageQueryDto,
  CreateChainDto,
  CreateLinkDto,
  LinkDto,
  TagDto,
  TagResultDto,
  UpdateChainDto,
  UpdateLinkDto,
} from './dto/chain.dto';

/** The chain map is the district's: leaders and admins draw it. */
const MAP_WRITERS = [Role.Leader, Role.Admin];
/** Tagging a record: whoever works it, and the district roles that correct. */
const TAGGERS = [Role.Staff, Role.BureauHead, Role.Leader, Role.Admin];

@ApiTags('产业链 industry chains')
@ApiBearerAuth()
@Controller('industry-chains')
export class ChainController {
  constructor(
    private readonly chains: ChainService,
    private readonly coverage: ChainCoverageService,
  ) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '产业链列表（全区共享）' })
  @ApiOkResponse({ type: ChainListDto })
  async list(): Promise<ChainListDto> {
    return { items: await this.chains.list() };
  }

  @Post()
  @Allow(...MAP_WRITERS)
  @ApiOperation({ summary: '新建产业链（县级领导、管理员）' })
  @ApiCreatedResponse({ type: ChainDetailDto })
  @ApiConflictResponse({ description: 'CHAIN_NAME_TAKEN：已有同名产业链' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateChainDto): Promise<ChainDetailDto> {
    return this.chains.create(actor, body);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看产业链及其环节树（上游/中游/下游，环节状态）' })
  @ApiOkResponse({ type: ChainDetailDto })
  get(@Param('id', ParseIdPipe) id: string): Promise<ChainDetailDto> {
    return this.chains.get(id);
  }

  @Patch(':id')
  @Allow(...MAP_WRITERS)
  @ApiOperation({ summary: '修改产业链名称、说明、排序（县级领导、管理员）' })
  @ApiOkResponse({ type: ChainDetailDto })
  @ApiConflictResponse({ description: 'CHAIN_NAME_TAKEN：已有同名产业链' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateChainDto,
  ): Promise<ChainDetailDto> {
    return this.chains.update(actor, id, body);
  }

  @Get(':id/coverage')
  @AnySignedIn()
  @ApiOperation({
    summary:
      '产业链图谱：各环节目标企业、已走访、长期未走访、线索、各阶段项目、签约金额、到位资金及缺口（全区统计数据，对所有人公开）',
  })
  @ApiOkResponse({ type: ChainCoverageDto })
  coverageOf(@Param('id', ParseIdPipe) id: string, @Query() query: CoverageQueryDto): Promise<ChainCoverageDto> {
    return this.coverage.of(id, query.date);
  }

  @Post(':id/links')
  @Allow(...MAP_WRITERS)
  @ApiOperation({ summary: '新增环节（可指定同一产业链内的上级环节）' })
  @ApiCreatedResponse({ type: LinkDto })
  @ApiConflictResponse({ description: 'LINK_NAME_TAKEN：该产业链已有同名环节' })
  @ApiUnprocessableEntityResponse({ description: 'PARENT_IN_OTHER_CHAIN：上级环节属于另一条产业链' })
  addLink(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateLinkDto,
  ): Promise<LinkDto> {
    return this.chains.addLink(actor, id, body);
  }

  @Patch(':id/links/:linkId')
  @Allow(...MAP_WRITERS)
  @ApiOperation({ summary: '修改环节：名称、位置、状态（已有/薄弱/缺失/延伸）、重点产品、上级环节' })
  @ApiOkResponse({ type: LinkDto })
  @ApiConflictResponse({ description: 'LINK_NAME_TAKEN：该产业链已有同名环节' })
  @ApiUnprocessableEntityResponse({
    description: 'PARENT_IN_OTHER_CHAIN：上级环节属于另一条产业链；LINK_CYCLE：不能移到自身或下级环节之下',
  })
  updateLink(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('linkId', ParseIdPipe) linkId: string,
    @Body() body: UpdateLinkDto,
  ): Promise<LinkDto> {
    return this.chains.updateLink(actor, id, linkId, body);
  }

  @Post(':id/links/:linkId/tags')
  @Allow(...TAGGERS)
  @ApiOperation({ summary: '给企业、线索或项目标注环节（招商局人员只能标注本局的线索和项目）' })
  @ApiCreatedResponse({ type: TagResultDto })
  tag(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('linkId', ParseIdPipe) linkId: string,
    @Body() body: TagDto,
  ): Promise<TagResultDto> {
    return this.chains.tag(actor, id, linkId, body);
  }

  @Delete(':id/links/:linkId/tags/:recordKind/:recordId')
  @Allow(...TAGGERS)
  @HttpCode(204)
  @ApiOperation({ summary: '取消环节标注' })
  @ApiParam({
    name: 'recordKind',
    enum: TaggedKind,
    description: '标注对象类型：investor 企业、lead 线索、project 项目',
  })
  @ApiNoContentResponse({ description: '已取消' })
  async untag(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('linkId', ParseIdPipe) linkId: string,
    @Param('recordKind', new ParseEnumPipe(TaggedKind, { exceptionFactory: () => badKind() })) recordKind: TaggedKind,
    @Param('recordId', ParseIdPipe) recordId: string,
  ): Promise<void> {
    await this.chains.untag(actor, id, linkId, recordKind, recordId);
  }
}

function badKind(): Error {
  return new ValidationException('标注对象类型应为 investor、lead 或 project');
}
