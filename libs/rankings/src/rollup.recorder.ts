import { BureauStatChange, BureauStatsRecorder, Writer } from '@app/core';
import { Injectable } from '@nestjs/common';
import { RollupRepository } from './rollup.repository';

@Injectable()
export class RollupRecorder extends BureauStatsRecorder {
  constructor(private readonly rollups: RollupRepository) {
    super();
  }

  recordAll(tx: Writer, changes: BureauStatChange[]): Promise<void> {
    return this.rollups.appendDeltas(tx, changes);
  }
}
