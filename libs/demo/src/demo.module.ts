import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoMarkerEntity } from './entities/demo-marker.entity';
import { AlertsModule } from '@app/alerts';
import { ChainsModule } from '@app/chains';
import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { RankingsModule } from '@app/rankings';
import { ReportsModule } from '@app/reports';
import { RequestsModule } from '@app/requests';
import { SupervisionModule } from '@app/supervision';
import { Module } from '@nestjs/common';
import { DemoChainsSeeder } from './demo-chains-seeder.service';
import { DemoInvestorsSeeder } from './demo-investors-seeder.service';
import { DemoMilestonesSeeder } from './demo-milestones-seeder.service';
import { DemoProjectsSeeder } from './demo-projects-seeder.service';
import { DemoRankingsSeeder } from './demo-rankings-seeder.service';
import { DemoRequestsSeeder } from './demo-requests-seeder.service';
import { DemoSeeder } from './demo-seeder.service';
import { DemoSupervisionSeeder } from './demo-supervision-seeder.service';
import { DemoRepository } from './demo.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([DemoMarkerEntity]),
    IdentityModule,
    InvestorsModule,
    PipelineModule,
    RankingsModule,
    ReportsModule,
    AlertsModule,
    ChainsModule,
    RequestsModule,
    SupervisionModule,
  ],
  providers: [
    DemoSeeder,
    DemoInvestorsSeeder,
    DemoChainsSeeder,
    DemoProjectsSeeder,
    DemoMilestonesSeeder,
    DemoRequestsSeeder,
    DemoRankingsSeeder,
    DemoSupervisionSeeder,
    DemoRepository,
  ],
  exports: [DemoSeeder],
})
export class DemoModule {}
