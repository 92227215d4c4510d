import { IdentityModule } from '@app/identity';
import { InvestorsModule, LEDGER_UPLOAD } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { FileBodyModule } from '@app/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainCoverageRepository } from './chain-coverage.repository';
import { ChainCoverageService } from './chain-coverage.service';
import { ChainTargetImportController } from './chain-target-import.controller';
import { ChainTargetImportService } from './chain-target-import.service';
import { ChainTargetController } from './chain-target.controller';
import { ChainTargetRepository } from './chain-target.repository';
import { ChainTargetService } from './chain-target.service';
import { ChainController } from './chain.controller';
import { ChainRepository } from './chain.repository';
import { ChainService } from './chain.service';
import { ChainsReportSection } from './chains.section';
import { ChainLinkEntity } from './entities/chain-link.entity';
import { ChainTagEntity } from './entities/chain-tag.entity';
import { ChainTargetEntity } from './entities/chain-target.entity';
import { IndustryChainEntity } from './entities/industry-chain.entity';

/** Industry chains (产业链), their links, the records tagged with them, target companies and the chain map's figures. */
@Module({
  imports: [
    TypeOrmModule.forFeature([IndustryChainEntity, ChainLinkEntity, ChainTagEntity, ChainTargetEntity]),
    IdentityModule,
    InvestorsModule,
    PipelineModule,
    FileBodyModule.register(LEDGER_UPLOAD),
  ],
  controllers: [ChainController, ChainTargetController, ChainTargetImportController],
  providers: [
    ChainRepository,
    ChainTargetRepository,
    ChainCoverageRepository,
    ChainService,
    ChainTargetService,
    ChainCoverageService,
    ChainTargetImportService,
    ChainsReportSection,
  ],
  exports: [ChainRepository, ChainTargetRepository, ChainService, ChainTargetService, ChainCoverageService],
})
export class ChainsModule {}
