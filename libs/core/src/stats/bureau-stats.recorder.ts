import { Writer } from '../database/write-batch';
import { BureauStatDelta } from './figures';

/** One change of one bureau's figures on one business day. */
export interface BureauStatChange {
  bureauId: string;
  day: string;
  delta: BureauStatDelta;
}

/**
 * The seam between the domains that write records and the rankings that count them: a service that logs a
 * visit, registers a lead or moves a project calls this inside its own transaction (or write batch), so the
 * rollups change exactly when the records do. The rankings library provides the implementation.
 */
export abstract class BureauStatsRecorder {
  record(tx: Writer, bureauId: string, day: string, delta: BureauStatDelta): Promise<void> {
    return this.recordAll(tx, [{ bureauId, day, delta }]);
  }

  /** Many changes in one write (the visits of one batch). */
  abstract recordAll(tx: Writer, changes: BureauStatChange[]): Promise<void>;
}
