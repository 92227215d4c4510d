import { Actor, Allow, AnySignedIn, CurrentActor, Role } from '@app/core';
import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { PutWeightsDto, RankingDto, RankingQueryDto, WeightsOverviewDto } from './dto/ranking.dto';
import { BureauTargetDto, PutTargetsDto, TargetYearQueryDto } from './dto/targets.dto';
import {
  ConsistencyDto,
  DrilldownDto,
  DrilldownQueryDto,
  FunnelDto,
  FunnelQueryDto,
  RangeQueryDto,
} from './dto/drilldown.dto';
import { InsightsService } from './insights.service';
import { RankingService } from './ranking.service';
import { TargetsService } from './targets.service';

@ApiTags('排名与目标 rankings')
@ApiBearerAuth()
@Controller()
export class RankingsController {
  constructor(
    private readonly rankings: RankingService,
    private readonly targets: TargetsService,
    private readonly insights: InsightsService,
  ) {}

  @Get('rankings')
  @AnySignedIn()
  @ApiOperation({ summary: '各招商局排名（本周/本月/本季度/年度累计），含名次变化与时序进度' })
  @ApiOkResponse({ type: RankingDto })
  @ApiConflictResponse({ description: 'NO_WEIGHTS：尚未设置排名权重' })
  ranking(@Query() query: RankingQueryDto): Promise<RankingDto> {
    return this.rankings.ranking(query.period, query.date, { mayLag: true });
  }

  @Get('rankings/drilldown')
  @AnySignedIn()
  @ApiOperation({
    summary: '排名指标明细：构成某招商局某项数值的全部记录，合计等于排名中的数值',
    description: '招商局用户只能查看本局的明细，查看其他局返回 403 FORBIDDEN_BUREAU（各局排名数值本身对所有人公开）',
  })
  @ApiOkResponse({ type: DrilldownDto })
  drilldown(@CurrentActor() actor: Actor, @Query() query: DrilldownQueryDto): Promise<DrilldownDto> {
    return this.insights.drilldown(actor, query);
  }

  @Get('rankings/consistency')
  @Allow(Role.Supervisor, Role.Admin)
  @ApiOperation({ summary: '核对：按日汇总表与原始记录重新统计的结果是否一致' })
  @ApiOkResponse({ type: ConsistencyDto })
  consistency(@Query() query: RangeQueryDto): Promise<ConsistencyDto> {
    return this.insights.consistency(query.from, query.to);
  }

  @Get('funnel')
  @AnySignedIn()
  @ApiOperation({
    summary: '转化漏斗：各阶段首次进入的项目数、阶段转化率、停留天数中位数',
    description: '招商局用户只看本局漏斗（不填 bureau 也是本局），查看其他局返回 403 FORBIDDEN_BUREAU',
  })
  @ApiOkResponse({ type: FunnelDto })
  funnel(@CurrentActor() actor: Actor, @Query() query: FunnelQueryDto): Promise<FunnelDto> {
    return this.insights.funnel(actor, query);
  }

  @Get('targets')
  @AnySignedIn()
  @ApiOperation({ summary: '各招商局年度目标' })
  @ApiOkResponse({ type: [BureauTargetDto] })
  listTargets(@Query() query: TargetYearQueryDto): Promise<BureauTargetDto[]> {
    return this.targets.list(query.year);
  }

  @Put('targets')
  // a year's targets for up to 2,000 bureaus are more than the default 256 KB of JSON
  @RouteConfig({ bodyLimit: 1024 * 1024 })
  @Allow(Role.Admin)
  @ApiOperation({ summary: '下达年度目标（管理员）' })
  @ApiOkResponse({ type: [BureauTargetDto] })
  putTargets(
    @CurrentActor() actor: Actor,
    @Query() query: TargetYearQueryDto,
    @Body() body: PutTargetsDto,
  ): Promise<BureauTargetDto[]> {
    return this.targets.put(actor, query.year, body.items);
  }

  @Get('ranking-weights')
  @AnySignedIn()
  @ApiOperation({ summary: '排名权重：当前生效与历次调整' })
  @ApiOkResponse({ type: WeightsOverviewDto })
  @ApiConflictResponse({ description: 'NO_WEIGHTS：尚未设置排名权重' })
  weights(): Promise<WeightsOverviewDto> {
    return this.targets.weights();
  }

  @Put('ranking-weights')
  @Allow(Role.Admin)
  @ApiOperation({ summary: '调整排名权重，自指定日期起生效（管理员）' })
  @ApiOkResponse({ type: WeightsOverviewDto })
  @ApiConflictResponse({ description: 'NO_WEIGHTS：权重不能全部为 0' })
  @ApiUnprocessableEntityResponse({ description: 'WEIGHTS_IN_THE_PAST：生效日期早于今天' })
  putWeights(@CurrentActor() actor: Actor, @Body() body: PutWeightsDto): Promise<WeightsOverviewDto> {
    return this.targets.putWeights(actor, body.effectiveFrom, body.weights);
  }
}
