import { Actor, Allow, AnySignedIn, CurrentActor, Role } from '@app/core';
import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PutWeightsDto, RankingDto, RankingQueryDto, WeightsOverviewDto } from './dto/ranking.dto';
import { BureauTargetDto, PutTargetsDto, TargetYearQueryDto } from './dto/targets.dto';
import { RankingService } from './ranking.service';
import { TargetsService } from './targets.service';

@ApiTags('排名与目标 rankings')
@ApiBearerAuth()
@Controller()
export class RankingsController {
  constructor(
    private readonly rankings: RankingService,
    private readonly targets: TargetsService,
  ) {}

  @Get('rankings')
  @AnySignedIn()
  @ApiOperation({ summary: '各招商局排名（本周/本月/本季度/年度累计），含名次变化与时序进度' })
  @ApiOkResponse({ type: RankingDto })
  ranking(@Query() query: RankingQueryDto): Promise<RankingDto> {
    return this.rankings.ranking(query.period, query.date);
  }

  @Get('targets')
  @AnySignedIn()
  @ApiOperation({ summary: '各招商局年度目标' })
  @ApiOkResponse({ type: [BureauTargetDto] })
  listTargets(@Query() query: TargetYearQueryDto): Promise<BureauTargetDto[]> {
    return this.targets.list(query.year);
  }

  @Put('targets')
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
  weights(): Promise<WeightsOverviewDto> {
    return this.targets.weights();
  }

  @Put('ranking-weights')
  @Allow(Role.Admin)
  @ApiOperation({ summary: '调整排名权重，自指定日期起生效（管理员）' })
  @ApiOkResponse({ type: WeightsOverviewDto })
  putWeights(@CurrentActor() actor: Actor, @Body() body: PutWeightsDto): Promise<WeightsOverviewDto> {
    return this.targets.putWeights(actor, body.effectiveFrom, body.weights);
  }
}
