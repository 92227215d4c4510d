import { Logger } from '@nestjs/common';
import { BullQueueDriver } from './bull.driver';
import { InProcessQueueDriver } from './in-process.driver';
import { backoffDelayMs, QueueName, retryPolicyOf, RetryPolicy } from './queue.constants';

// the jobs' failures and the unreachable Redis below are provoked: the drivers' log lines are not the tests' output
beforeAll(() => Logger.overrideLogger(false));
afterAll(() => Logger.overrideLogger(true));

const RETRY_ONCE_QUICKLY: RetryPolicy = { attempts: 2, backoff: { type: 'fixed', delayMs: 50 } };

/** A job that fails on its first run and succeeds on the next; resolves with the runs it took. */
function failsOnce(): { processor: (data: unknown) => Promise<void>; succeeded: Promise<number> } {
  let runs = 0;
  let resolve: (runs: number) => void = () => undefined;
  const succeeded = new Promise<number>((done) => (resolve = done));
  return {
    processor: async () => {
      runs += 1;
      if (runs === 1) throw new Error('first run fails');
      resolve(runs);
    },
    succeeded,
  };
}

describe(retryPolicyOf.name, () => {
  it('gives a job three runs with exponential backoff unless its @Job says otherwise', () => {
    expect(retryPolicyOf({})).toEqual({ attempts: 3, backoff: { type: 'exponential', delayMs: 5000 } });
    expect(retryPolicyOf({ attempts: 5, backoff: { type: 'fixed', delayMs: 100 } })).toEqual({
      attempts: 5,
      backoff: { type: 'fixed', delayMs: 100 },
    });
    expect([1, 2, 3].map((n) => backoffDelayMs({ type: 'exponential', delayMs: 5000 }, n))).toEqual([
      5000, 10000, 20000,
    ]);
  });
});

describe(InProcessQueueDriver.name, () => {
  it('runs an enqueued job once per job id while it is pending', async () => {
    const driver = new InProcessQueueDriver();
    const seen: unknown[] = [];
    driver.process(QueueName.Maintenance, 'Probe', async (data) => void seen.push(data));
    await driver.enqueue(QueueName.Maintenance, 'Probe', { n: 1 }, { jobId: 'same' });
    await driver.enqueue(QueueName.Maintenance, 'Probe', { n: 2 }, { jobId: 'same' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await driver.close();
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('keeps going after a failing job', async () => {
    const driver = new InProcessQueueDriver();
    const seen: number[] = [];
    driver.process(QueueName.Maintenance, 'Flaky', async (data) => {
      if ((data as { n: number }).n === 1) throw new Error('boom');
      seen.push((data as { n: number }).n);
    });
    await driver.enqueue(QueueName.Maintenance, 'Flaky', { n: 1 });
    await driver.enqueue(QueueName.Maintenance, 'Flaky', { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await driver.close();
    expect(seen).toEqual([2]);
  });

  it('runs a failed job again after its backoff, and it succeeds on the retry', async () => {
    const driver = new InProcessQueueDriver();
    const job = failsOnce();
    driver.process(QueueName.Maintenance, 'FailsOnce', job.processor);
    await driver.enqueue(QueueName.Maintenance, 'FailsOnce', {}, { retry: RETRY_ONCE_QUICKLY });
    await expect(job.succeeded).resolves.toBe(2);
    await driver.close();
  });

  it('gives a job up when its attempts are spent', async () => {
    const driver = new InProcessQueueDriver();
    let runs = 0;
    driver.process(QueueName.Maintenance, 'AlwaysFails', async () => {
      runs += 1;
      throw new Error('fails');
    });
    await driver.enqueue(QueueName.Maintenance, 'AlwaysFails', {}, { retry: RETRY_ONCE_QUICKLY });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await driver.close();
    expect(runs).toBe(2);
  });

  it('fires a cron schedule in the configured time zone', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T23:59:59.000+08:00') }); // Sunday, one second before Monday 00:00
    const driver = new InProcessQueueDriver();
    const runs: number[] = [];
    driver.process(QueueName.Reports, 'Weekly', async () => void runs.push(Date.now()));
    await driver.schedule(QueueName.Reports, 'Weekly', '0 0 * * 1', 'Asia/Shanghai');
    jest.advanceTimersByTime(500);
    expect(runs).toHaveLength(0);
    jest.advanceTimersByTime(600);
    expect(runs).toEqual([new Date('2026-11-30T00:00:00.000+08:00').getTime()]);
    await driver.close();
    jest.useRealTimers();
  });
});

describe(BullQueueDriver.name, () => {
  it('never blocks a caller when Redis is unreachable', async () => {
    const driver = new BullQueueDriver('redis://127.0.0.1:1');
    const started = Date.now();
    await expect(driver.enqueue(QueueName.Maintenance, 'Probe', {})).resolves.toBe(false);
    await expect(driver.ping()).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(6000);
    await driver.close();
  });

  const redisUrl = process.env.REDIS_URL;
  (redisUrl ? it : it.skip)('runs a job through Redis (REDIS_URL)', async () => {
    const driver = new BullQueueDriver(redisUrl as string);
    const name = `Probe${Date.now()}`;
    const done = new Promise<unknown>((resolve) =>
      driver.process(QueueName.Maintenance, name, async (data) => resolve(data)),
    );
    await expect(driver.enqueue(QueueName.Maintenance, name, { hello: '海州' })).resolves.toBe(true);
    await expect(done).resolves.toEqual({ hello: '海州' });
    await expect(driver.ping()).resolves.toBe(true);
    await driver.close();
  });

  (redisUrl ? it : it.skip)(
    'hands the retry policy to Bull: a job that fails once succeeds on retry (REDIS_URL)',
    async () => {
      const driver = new BullQueueDriver(redisUrl as string, `retry${Date.now()}`);
      const job = failsOnce();
      driver.process(QueueName.Maintenance, 'FailsOnce', job.processor);
      await expect(
        driver.enqueue(QueueName.Maintenance, 'FailsOnce', { n: 1 }, { retry: RETRY_ONCE_QUICKLY }),
      ).resolves.toBe(true);
      await expect(job.succeeded).resolves.toBe(2);
      await driver.close();
    },
  );
});
