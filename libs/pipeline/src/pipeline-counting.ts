import { amountChange, BureauStatsRecorder, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { Stage } from './stage';
import { StageState, StageStep } from './stage-machine';

const FIRST_ENTRY_FIGURE: Partial<
  Record<Stage, 'negotiating' | 'registeredCount' | 'startedCount' | 'operatingCount'>
> = {
  [Stage.Negotiating]: 'negotiating',
  [Stage.Registered]: 'registeredCount',
  [Stage.Started]: 'startedCount',
  [Stage.Operating]: 'operatingCount',
};

/**
 * How the pipeline's records count in the rankings, told to the rankings' rollup through its one seam
 * (BureauStatsRecorder), inside the transaction of the change:
 * a project counts for a stage on the day it first entered it; a signing counts once, on the first signing
 * day, at the current contract amount; funds in place count on the first day of their month.
 */
@Injectable()
export class PipelineCounting {
  constructor(private readonly stats: BureauStatsRecorder) {}

  async stageChange(
    tx: Transaction,
    bureauId: string,
    before: StageState,
    after: StageState,
    steps: readonly StageStep[],
    enteredBefore: ReadonlySet<Stage>,
  ): Promise<void> {
    const entered = new Set(enteredBefore);
    for (const step of steps) {
      const figure = FIRST_ENTRY_FIGURE[step.to];
      if (figure && !entered.has(step.to)) await this.stats.record(tx, bureauId, step.businessDate, { [figure]: 1 });
      entered.add(step.to);
      if (step.countsAsSigning) {
        await this.stats.record(tx, bureauId, step.businessDate, {
          signedCount: 1,
          signedAmount: amountChange(null, after.signedAmount),
        });
      }
    }
    if (before.signedAt !== null && before.signedAmount !== after.signedAmount) {
      await this.stats.record(tx, bureauId, before.signedAt, {
        signedAmount: amountChange(before.signedAmount, after.signedAmount),
      });
    }
  }

  async funds(tx: Transaction, bureauId: string, month: string, before: string | null, after: string): Promise<void> {
    await this.stats.record(tx, bureauId, `${month}-01`, { fundsInPlace: amountChange(before, after) });
  }
}
