import { Job, JobHandler, QueueName } from '@app/core';
import { Injectable } from '@nestjs/common';
import { AlertService } from '../alert.service';

/** Every morning at 06:30 Asia/Shanghai, before the office opens. */
@Injectable()
@Job({ queue: QueueName.Maintenance, cron: '30 6 * * *' })
export class AlertsJob implements JobHandler {
  constructor(private readonly alerts: AlertService) {}

  async handle(): Promise<void> {
    await this.alerts.compute();
  }
}
