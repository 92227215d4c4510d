import { Job, JobHandler, QueueName } from '@app/core';
import { Injectable } from '@nestjs/common';
import { RollupRepository } from '../rollup.repository';

/** Folds the deltas written with each record into the daily rollup, every minute. */
@Injectable()
@Job({ queue: QueueName.Maintenance, cron: '* * * * *' })
export class RollupCompactionJob implements JobHandler {
  constructor(private readonly rollups: RollupRepository) {}

  async handle(): Promise<void> {
    await this.rollups.compact();
  }
}
