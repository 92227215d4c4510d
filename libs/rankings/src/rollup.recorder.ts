import { BureauStatDelta, BureauStatsRecorder, Writer } from '@app/core';
import { Injectable } from '@nestjs/common';
import { RollupRepository } from './rollup.repository';

@Injectable()
export class RollupRecorder extends BureauStatsRecorder {
  constructor(private readonly rollups: RollupRepository) {
    super();
  }

  record(tx: Writer, bureauId: string, day: string, delta: BureauStatDelta): Promise<void> {
    return this.rollups.appendDelta(tx, bureauId, day, delta);
  }
}
