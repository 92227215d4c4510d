import { Actor, Allow, AnySignedIn, CurrentActor, Idempotent, Page, ParseIdPipe, Role } from '@app/core';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateVisitDto, UpdateVisitDto, VisitDto, VisitPageDto, VisitQueryDto } from './dto/visit.dto';
import { VisitService } from './visit.service';

@ApiTags('走访 visits')
@ApiBearerAuth()
@Controller('visits')
export class VisitController {
  constructor(private readonly visits: VisitService) {}

  @Get()
  @AnySignedIn()
  @ApiOperation({ summary: '走访/接洽记录（招商局用户只看到本局）' })
  @ApiOkResponse({ type: VisitPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: VisitQueryDto): Promise<Page<VisitDto>> {
    return this.visits.list(actor, query);
  }

  @Get(':id')
  @AnySignedIn()
  @ApiOperation({ summary: '查看走访记录' })
  @ApiOkResponse({ type: VisitDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<VisitDto> {
    return this.visits.get(actor, id);
  }

  @Post()
  @Allow(Role.Staff, Role.BureauHead)
  @Idempotent('visit')
  @ApiOperation({ summary: '记录走访/接洽；同时更新线索的最近接洽日期和下次跟进日期' })
  @ApiCreatedResponse({ type: VisitDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateVisitDto): Promise<VisitDto> {
    return this.visits.create(actor, body);
  }

  @Patch(':id')
  @Allow(Role.Staff, Role.BureauHead)
  @ApiOperation({ summary: '修改走访记录（本局）' })
  @ApiOkResponse({ type: VisitDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateVisitDto,
  ): Promise<VisitDto> {
    return this.visits.update(actor, id, body);
  }
}
