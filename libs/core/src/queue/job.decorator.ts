import { SetMetadata } from '@nestjs/common';
import { JobOptions } from './queue.constants';

export const JOB_METADATA = 'crm:job';

/** A queue job; the class name is the job name, and `handle` does the work. */
export interface JobHandler<T = unknown> {
  handle(data: T): Promise<void>;
}

/** Marks a provider as a job handler; QueueModule finds it and registers it with the driver. */
export const Job = (options: JobOptions) => SetMetadata(JOB_METADATA, options);
