import { Injectable } from '@nestjs/common';
import { OverdueRequest, ServiceRequestRepository } from './service-request.repository';

/** The open requests past their due date, for the 督查 alerts: what other libraries read instead of the tables. */
@Injectable()
export class RequestActivityService {
  constructor(private readonly requests: ServiceRequestRepository) {}

  /** Open at the end of `day` (received by then, not resolved by then) and past the due date. */
  overdueAt(day: string): Promise<OverdueRequest[]> {
    return this.requests.overdueAt(day);
  }
}
