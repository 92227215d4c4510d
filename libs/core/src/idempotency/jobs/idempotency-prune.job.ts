import { Injectable } from '@nestjs/common';
import { Job, JobHandler } from '../../queue/job.decorator';
import { QueueName } from '../../queue/queue.constants';
import { IdempotencyRepository } from '../idempotency.repository';

/** How long a key is remembered: long enough for any client retry, short enough to keep the table small. */
export const IDEMPOTENCY_RETENTION_HOURS = 48;

/** Forgets idempotency keys older than the retention period, nightly. */
@Injectable()
@Job({ queue: QueueName.Maintenance, cron: '30 3 * * *' })
export class IdempotencyPruneJob implements JobHandler {
  constructor(private readonly records: IdempotencyRepository) {}

  async handle(): Promise<void> {
    await this.records.deleteOlderThan(new Date(Date.now() - IDEMPOTENCY_RETENTION_HOURS * 3600_000));
  }
}
