import { TypeOrmModule } from '@nestjs/typeorm';
import { BureauDailyStatEntity, BureauStatDeltaEntity } from './entities/bureau-daily-stat.entity';
import { BureauTargetEntity } from './entities/bureau-target.entity';
import { RankingWeightsEntity } from './entities/ranking-weights.entity';
import { RollupChangeEntity, RollupGenerationEntity } from './entities/rollup-generation.entity';
import { BureauStatsRecorder } from '@app/core';
import { IdentityModule } from '@app/identity';
import { Global, Module } from '@nestjs/common';
import { RollupCompactionJob } from './jobs/rollup-compaction.job';
import { RankingReportSection, ScoreReportSection, VisitActivityReportSection } from './ranking.sections';
import { InsightsService } from './insights.service';
import { RankingService } from './ranking.service';
import { SourcesRepository } from './sources/sources.repository';
import { RankingsController } from './rankings.controller';
import { RollupRecorder } from './rollup.recorder';
import { RollupRepository } from './rollup.repository';
import { TargetsRepository } from './targets.repository';
import { TargetsService } from './targets.service';

/** Global so that every domain that writes counted records can inject BureauStatsRecorder. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      BureauTargetEntity,
      RankingWeightsEntity,
      BureauDailyStatEntity,
      BureauStatDeltaEntity,
      RollupGenerationEntity,
      RollupChangeEntity,
    ]),
    IdentityModule,
  ],
  controllers: [RankingsController],
  providers: [
    RankingService,
    InsightsService,
    SourcesRepository,
    TargetsService,
    RollupRepository,
    TargetsRepository,
    RollupCompactionJob,
    RankingReportSection,
    ScoreReportSection,
    VisitActivityReportSection,
    { provide: BureauStatsRecorder, useClass: RollupRecorder },
  ],
  exports: [BureauStatsRecorder, RankingService, RollupRepository, SourcesRepository, TargetsRepository],
})
export class RankingsModule {}
