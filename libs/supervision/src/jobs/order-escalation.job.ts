import { Job, JobHandler, QueueName } from '@app/core';
import { Injectable } from '@nestjs/common';
import { OrderEscalationService } from '../order-escalation.service';

/** Every morning at 06:40 Asia/Shanghai, after the 督查 lights: overdue orders go up to the 分管领导. */
@Injectable()
@Job({ queue: QueueName.Maintenance, cron: '40 6 * * *' })
export class OrderEscalationJob implements JobHandler {
  constructor(private readonly escalation: OrderEscalationService) {}

  async handle(): Promise<void> {
    await this.escalation.escalate();
  }
}
