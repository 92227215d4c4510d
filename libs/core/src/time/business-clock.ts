import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { businessDateOf } from './business-calendar';

/** Today and the business day of an instant, in the configured time zone: one place for every service to ask. */
@Injectable()
export class BusinessClock {
  constructor(private readonly config: AppConfig) {}

  today(): string {
    return businessDateOf(new Date(), this.config.APP_TIME_ZONE);
  }

  dayOf(instant: Date): string {
    return businessDateOf(instant, this.config.APP_TIME_ZONE);
  }
}
