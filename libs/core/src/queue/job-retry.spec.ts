import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { Job, JobHandler } from './job.decorator';
import { QueueName } from './queue.constants';
import { JobQueue, QueueModule } from './queue.module';

let runs = 0;
let succeeded: (runs: number) => void = () => undefined;

@Injectable()
@Job({ queue: QueueName.Maintenance, attempts: 2, backoff: { type: 'fixed', delayMs: 50 } })
class FailsOnceJob implements JobHandler {
  async handle(): Promise<void> {
    runs += 1;
    if (runs === 1) throw new Error('first run fails');
    succeeded(runs);
  }
}

/** A @Job class's attempts and backoff reach the driver that runs it, in-process and on Bull. */
describe('@Job({ attempts, backoff })', () => {
  const drivers: [string, Record<string, string>][] = [['in-process', {}]];
  if (process.env.REDIS_URL) {
    drivers.push(['Bull (REDIS_URL)', { REDIS_URL: process.env.REDIS_URL, RUN_JOBS_IN_API: 'true' }]);
  }

  it.each(drivers)('retries a job that failed once, and it succeeds (%s)', async (_name, env) => {
    runs = 0;
    const done = new Promise<number>((resolve) => (succeeded = resolve));
    const config = loadConfig({
      ...env,
      SCHEDULES_ENABLED: 'false',
      QUEUE_PREFIX: `r${randomBytes(4).toString('hex')}`,
    });
    const module = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), QueueModule.forRoot({ worker: false })],
      providers: [FailsOnceJob],
    }).compile();
    // the first run's failure is provoked: its logged stack is not the test's output (the assertions are)
    module.useLogger(false);
    const app = await module.init();
    try {
      await expect(app.get(JobQueue).enqueue(FailsOnceJob, {})).resolves.toBe(true);
      await expect(done).resolves.toBe(2);
    } finally {
      await app.close();
    }
  });
});
