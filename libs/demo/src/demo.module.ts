import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoMarkerEntity } from './entities/demo-marker.entity';
import { AlertsModule } from '@app/alerts';
import { IdentityModule } from '@app/identity';
import { InvestorsModule } from '@app/investors';
import { PipelineModule } from '@app/pipeline';
import { RankingsModule } from '@app/rankings';
import { ReportsModule } from '@app/reports';
import { RequestsModule } from '@app/requests';
import { Module } from '@nestjs/common';
import { DemoInvestorsSeeder } from './demo-investors-seeder.service';
import { DemoProjectsSeeder } from './demo-projects-seeder.service';
import { DemoRankingsSeeder } from './demo-rankings-seeder.service';
import { DemoRequestsSeeder } from './demo-requests-seeder.service';
import { DemoSeeder } from './demo-seeder.service';
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
    RequestsModule,
  ],
  providers: [
    DemoSeeder,
    DemoInvestorsSeeder,
    DemoProjectsSeeder,
    DemoRequestsSeeder,
    DemoRankingsSeeder,
    DemoRepository,
  ],
  exports: [DemoSeeder],
})
export class DemoModule {}
