import { Injectable } from '@nestjs/common';
import { Job, JobHandler } from '../../queue/job.decorator';
import { QueueName } from '../../queue/queue.constants';
import { AuditService } from '../audit.service';

/** Seals new audit rows into the hash chain and prunes rows past the retention period. */
@Injectable()
@Job({ queue: QueueName.Maintenance, cron: (config) => config.AUDIT_SEAL_CRON })
export class AuditSealJob implements JobHandler {
  constructor(private readonly audit: AuditService) {}

  async handle(): Promise<void> {
    await this.audit.seal();
    await this.audit.prune();
  }
}
