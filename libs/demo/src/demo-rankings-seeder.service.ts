import { AlertService } from '@app/alerts';
import { addDays, PageQueryDto, periodOf, TransactionRunner } from '@app/core';
import { actorOfUser, BureauRepository, UserRepository } from '@app/identity';
import { TargetsRepository } from '@app/rankings';
import {
  labelOfDay,
  MonthlyReportService,
  previousLabel,
  QuarterlyReportService,
  ReportPublisher,
  WeeklyReportService,
} from '@app/reports';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_BUREAUS } from './demo-catalog';
import { DemoRepository } from './demo.repository';

const DATASET = 'rankings-v1';
/** How many of the latest periods of each kind the demo publishes: four weeks, three months, one quarter. */
const REPORT_PERIODS = { weekly: 4, monthly: 3, quarterly: 1 };

/**
 * Gives the demo something to rank and read: this year's targets of every bureau (the ones its history runs
 * against, some bureaus ahead of them and some behind), today's alerts, and the reports of the last four weeks,
 * three months and the last quarter.
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
    private readonly weekly: WeeklyReportService,
    private readonly monthly: MonthlyReportService,
    private readonly quarterly: QuarterlyReportService,
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
   * The reports of the latest periods of each kind, oldest first. The api's catch-up at start may have published
   * the period just ended while the demo was loading, without its records: that period gets a new version (by the
   * administrator) that holds them, and older periods are not published after it, so each chain stays in order.
   */
  private async publishReports(today: string): Promise<void> {
    const admin = await this.users.findByUsername('admin');
    const actor = admin ? actorOfUser(admin, { sessionId: 'demo', requestId: `demo-${DATASET}` }) : null;
    for (const publisher of [this.weekly, this.monthly, this.quarterly]) {
      const { items } = await publisher.list(Object.assign(new PageQueryDto(), { pageSize: 1 }));
      const latest = items[0]?.period ?? null;
      for (const label of this.latestPeriods(publisher, today)) {
        if (latest === null || label > latest) await publisher.publish(label, null);
        else if (label === latest && actor) await publisher.publish(label, actor);
      }
    }
  }

  /** The kind's periods before the one `today` is in, oldest first, those already due only. */
  private latestPeriods(publisher: ReportPublisher, today: string): string[] {
    const due = publisher.lastDue();
    const labels: string[] = [];
    let label = labelOfDay(publisher.kind, addDays(periodOf(publisher.kind.period, today).from, -1));
    for (let n = 0; n < REPORT_PERIODS[publisher.kind.name]; n++) {
      if (label <= due) labels.unshift(label);
      label = previousLabel(publisher.kind, label);
    }
    return labels;
  }
}
