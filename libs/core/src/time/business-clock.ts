import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { businessDateOf } from './business-calendar';

/** Today and the business day of an instant, in the configured time zone: one place for every service to ask. */
@Injectable()
export class BusinessClock {
  private readonly pinned = new AsyncLocalStorage<string>();

  constructor(private readonly config: AppConfig) {}

  today(): string {
    return this.pinned.getStore() ?? businessDateOf(new Date(), this.config.APP_TIME_ZONE);
  }

  dayOf(instant: Date): string {
    return businessDateOf(instant, this.config.APP_TIME_ZONE);
  }

  /**
   * Runs `work` as if today were `day` (a past business day): the demo data set records a year's history
   * through the services themselves, each step on the day it happened. Never later than the real today.
   */
  asOf<T>(day: string, work: () => Promise<T>): Promise<T> {
    const real = businessDateOf(new Date(), this.config.APP_TIME_ZONE);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day > real) throw new Error(`asOf(${day}): not a past business day`);
    return this.pinned.run(day, work);
  }
}
