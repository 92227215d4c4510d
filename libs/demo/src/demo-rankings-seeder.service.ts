import { AlertService } from '@app/alerts';
import { addDays, BusinessClock, isoWeekLabel, mondayOf, TransactionRunner } from '@app/core';
import { BureauRepository } from '@app/identity';
import { TargetsRepository } from '@app/rankings';
import { WeeklyReportService } from '@app/reports';
import { Injectable, Logger } from '@nestjs/common';
import { DemoRepository } from './demo.repository';

const DATASET = 'rankings-v1';
const REPORT_WEEKS = 4;

/**
 * Gives the demo something to rank and read: this year's targets for every bureau (sized to the demo's few
 * dozen records, so that some bureaus are ahead and some behind), today's alerts, and the weekly reports of
 * the last four weeks.
 */
@Injectable()
export class DemoRankingsSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly clock: BusinessClock,
    private readonly demo: DemoRepository,
    private readonly bureaus: BureauRepository,
    private readonly targets: TargetsRepository,
    private readonly alerts: AlertService,
    private readonly reports: WeeklyReportService,
    private readonly transactions: TransactionRunner,
  ) {}

  async load(): Promise<boolean> {
    if (await this.demo.isLoaded(DATASET)) return false;
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    const bureaus = await this.bureaus.list();
    await this.transactions.run(async (tx) => {
      for (const [index, bureau] of bureaus.entries()) {
        const scale = 1 + (index % 4) * 0.5; // 1, 1.5, 2, 2.5: the same data set reads as ahead or behind
        await this.targets.upsert(
          bureau.id,
          year,
          {
            visits: Math.round(6 * scale),
            newLeads: Math.round(3 * scale),
            signedCount: Math.round(2 * scale),
            signedAmount: (20_000 * scale).toFixed(2),
            startedCount: Math.round(1 * scale),
            fundsInPlace: (4_000 * scale).toFixed(2),
          },
          tx,
        );
      }
    });
    await this.alerts.compute(today);
    const lastMonday = mondayOf(today);
    for (let back = REPORT_WEEKS; back >= 1; back--) {
      await this.reports.publish(isoWeekLabel(addDays(lastMonday, -7 * back)), null);
    }
    await this.demo.markLoaded(DATASET);
    this.logger.log(`Loaded demo data set ${DATASET}`);
    return true;
  }
}
