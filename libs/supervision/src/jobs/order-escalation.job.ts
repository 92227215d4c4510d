import { Job, JobHandler, QueueName } from '@app/core';
import { Injectable } from '@nestjs/common';
import { OrderEscalationService } from '../order-escalation.service';

/**
 * Every morning at 06:40 Asia/Shanghai: orders newly overdue are counted in their bureau's figures, and those
 * overdue long enough go up to the 分管领导.
 */
@Injectable()
@Job({ queue: QueueName.Maintenance, cron: '40 6 * * *' })
export class OrderEscalationJob implements JobHandler {
  constructor(private readonly escalation: OrderEscalationService) {}

  async handle(): Promise<void> {
    await this.escalation.markOverdue();
    await this.escalation.escalate();
  }
}
