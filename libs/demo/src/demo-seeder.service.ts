import { BusinessClock } from '@app/core';
import { BureauRepository, hashPassword, UserRepository } from '@app/identity';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_PASSWORD, demoUsers } from './demo-data';
import { demoHistory } from './demo-history';
import { DemoChainsSeeder } from './demo-chains-seeder.service';
import { DemoInvestorsSeeder } from './demo-investors-seeder.service';
import { DemoMilestonesSeeder } from './demo-milestones-seeder.service';
import { DemoProjectsSeeder } from './demo-projects-seeder.service';
import { DemoRankingsSeeder } from './demo-rankings-seeder.service';
import { DemoSupervisionSeeder } from './demo-supervision-seeder.service';
import { DemoRequestsSeeder } from './demo-requests-seeder.service';
import { DemoRepository } from './demo.repository';

const DATASET = 'users-v1';

/** Loads the demo data sets once each: accounts of every role (marked as demo), then investors and their leads, then projects and their milestone plans, then 企业诉求, then supervision orders, then targets, alerts and past weekly reports, then the industry chains. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly users: UserRepository,
    private readonly bureaus: BureauRepository,
    private readonly investors: DemoInvestorsSeeder,
    private readonly projects: DemoProjectsSeeder,
    private readonly milestones: DemoMilestonesSeeder,
    private readonly requests: DemoRequestsSeeder,
    private readonly rankings: DemoRankingsSeeder,
    private readonly supervision: DemoSupervisionSeeder,
    private readonly chains: DemoChainsSeeder,
    private readonly clock: BusinessClock,
  ) {}

  /** Returns whether anything was loaded now. */
  async load(): Promise<boolean> {
    const users = await this.loadUsers();
    // one day for the whole load: the history is worked out from it
    const today = this.clock.today();
    const history = demoHistory(today);
    const investors = await this.investors.load(history);
    const projects = await this.projects.load(history);
    const milestones = await this.milestones.load();
    const requests = await this.requests.load(today);
    // before the rankings' data set: today's alerts and the past reports see the orders and the requests
    const supervision = await this.supervision.load(today);
    const rankings = await this.rankings.load(today);
    const chains = await this.chains.load();
    return users || investors || projects || milestones || requests || supervision || rankings || chains;
  }

  private async loadUsers(): Promise<boolean> {
    if (await this.demo.isLoaded(DATASET)) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const bureauIds = new Map((await this.bureaus.list()).map((b) => [b.code, b.id]));
    for (const user of demoUsers()) {
      await this.users.insertIfAbsent({
        username: user.username,
        displayName: user.displayName,
        title: user.title,
        role: user.role,
        bureauId: user.bureauCode ? (bureauIds.get(user.bureauCode) ?? null) : null,
        passwordHash,
        isDemo: true,
      });
    }
    await this.demo.markLoaded(DATASET);
    this.logger.log(`Loaded demo data set ${DATASET}`);
    return true;
  }
}
