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
    const users = await this.loadAccounts();
    const records = await this.loadRecords();
    return users || records;
  }

  /** The demo accounts alone (the first data set): a start that prints their sign-ins loads them before it listens. */
  loadAccounts(): Promise<boolean> {
    return this.loadUsers();
  }

  /**
   * Every data set after the accounts, in their order. `stopping` is asked between two data sets: a process that
   * stops during the load finishes the data set under way (a data set is marked loaded once it is whole) and loads
   * no further one; a later load takes up the next.
   * Returns whether anything was loaded now.
   */
  async loadRecords(stopping: () => boolean = () => false): Promise<boolean> {
    // one day for the whole load: the history is worked out from it
    const today = this.clock.today();
    const history = demoHistory(today);
    const steps: (() => Promise<boolean>)[] = [
      () => this.investors.load(history),
      () => this.projects.load(history),
      () => this.milestones.load(),
      () => this.requests.load(today),
      // before the rankings' data set: today's alerts and the past reports see the orders and the requests
      () => this.supervision.load(today),
      () => this.rankings.load(today),
      () => this.chains.load(),
    ];
    let loaded = false;
    for (const step of steps) {
      if (stopping()) break;
      if (await step()) loaded = true;
    }
    return loaded;
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
