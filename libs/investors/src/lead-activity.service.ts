import { AppConfig } from '@app/core';
import { Injectable } from '@nestjs/common';
import { LeadActivity, LeadActivityRepository } from './lead-activity.repository';

/** The open leads' contact records, for the 督查 alerts: what other libraries read instead of the lead tables. */
@Injectable()
export class LeadActivityService {
  constructor(
    private readonly activity: LeadActivityRepository,
    private readonly config: AppConfig,
  ) {}

  /** The leads open now, with their last contact and follow-up date. */
  current(): Promise<LeadActivity[]> {
    return this.activity.openLeads(null, this.config.APP_TIME_ZONE);
  }

  /**
   * The leads open at the end of a past day, as they stood then: visits, follow-ups and closings dated after
   * it are not seen.
   */
  asOf(day: string): Promise<LeadActivity[]> {
    return this.activity.openLeads(day, this.config.APP_TIME_ZONE);
  }
}
