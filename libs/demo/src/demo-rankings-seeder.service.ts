import { AlertService } from '@app/alerts';
import { addDays, isoWeekLabel, mondayOf, PageQueryDto, TransactionRunner } from '@app/core';
import { actorOfUser, BureauRepository, UserRepository } from '@app/identity';
import { TargetsRepository } from '@app/rankings';
import { WeeklyReportService } from '@app/reports';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_BUREAUS } from './demo-catalog';
import { DemoRepository } from './demo.repository';

const DATASET = 'rankings-v1';
const REPORT_WEEKS = 4;

/**
 * Gives the demo something to rank and read: this year's targets of every bureau (the ones its history runs
 * against, some bureaus ahead of them and some behind), today's alerts, and the weekly reports of the last
 * four weeks.
 */
@Injectable()
export class DemoRankingsSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly demo: DemoRepository,
    private readonly bureaus: BureauRepository,
    private readonly users: UserRepository,
    private readonly targets: TargetsRepository,
    private readonly alerts: AlertService,
    private readonly reports: WeeklyReportService,
    private readonly transactions: TransactionRunner,
  ) {}

  async load(today: string): Promise<boolean> {
    if (await this.demo.isLoaded(DATASET)) return false;
    const year = Number(today.slice(0, 4));
    const bureaus = await this.bureaus.list();
    await this.transactions.run(async (tx) => {
      for (const bureau of bureaus) {
        const plan = DEMO_BUREAUS.find((b) => b.code === bureau.code);
        if (!plan) continue;
        const { targets } = plan;
        await this.targets.upsert(
          bureau.id,
          year,
          {
            visits: targets.visits,
            newLeads: targets.newLeads,
            signedCount: targets.signedCount,
            signedAmount: targets.signedAmount.toFixed(2),
            startedCount: targets.startedCount,
            fundsInPlace: targets.fundsInPlace.toFixed(2),
          },
          tx,
        );
      }
    });
    await this.alerts.compute(today);
    await this.publishReports(today);
    await this.demo.markLoaded(DATASET);
    this.logger.log(`Loaded demo data set ${DATASET}`);
    return true;
  }

  /**
   * The reports of the last four weeks, oldest first. The api's catch-up at start may have published the week
   * just ended while the demo was loading, without its records: that week gets a new version (by the
   * administrator) that holds them, and older weeks are not published after it, so the chain stays in order.
   */
  private async publishReports(today: string): Promise<void> {
    const lastMonday = mondayOf(today);
    const { items } = await this.reports.list(Object.assign(new PageQueryDto(), { pageSize: 1 }));
    const latest = items[0]?.week ?? null;
    const admin = await this.users.findByUsername('admin');
    for (let back = REPORT_WEEKS; back >= 1; back--) {
      const week = isoWeekLabel(addDays(lastMonday, -7 * back));
      if (latest === null || week > latest) await this.reports.publish(week, null);
      else if (week === latest && admin) {
        await this.reports.publish(week, actorOfUser(admin, { sessionId: 'demo', requestId: `demo-${DATASET}` }));
      }
    }
  }
}
