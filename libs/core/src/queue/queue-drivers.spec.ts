import { BullQueueDriver } from './bull.driver';
import { InProcessQueueDriver } from './in-process.driver';
import { QueueName } from './queue.constants';

describe(InProcessQueueDriver.name, () => {
  it('runs an enqueued job once per job id while it is pending', async () => {
    const driver = new InProcessQueueDriver();
    const seen: unknown[] = [];
    driver.process(QueueName.Maintenance, 'Probe', async (data) => void seen.push(data), 1);
    await driver.enqueue(QueueName.Maintenance, 'Probe', { n: 1 }, { jobId: 'same' });
    await driver.enqueue(QueueName.Maintenance, 'Probe', { n: 2 }, { jobId: 'same' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await driver.close();
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('keeps going after a failing job', async () => {
    const driver = new InProcessQueueDriver();
    const seen: number[] = [];
    driver.process(
      QueueName.Maintenance,
      'Flaky',
      async (data) => {
        if ((data as { n: number }).n === 1) throw new Error('boom');
        seen.push((data as { n: number }).n);
      },
      1,
    );
    await driver.enqueue(QueueName.Maintenance, 'Flaky', { n: 1 });
    await driver.enqueue(QueueName.Maintenance, 'Flaky', { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await driver.close();
    expect(seen).toEqual([2]);
  });

  it('fires a cron schedule in the configured time zone', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T23:59:59.000+08:00') }); // Sunday, one second before Monday 00:00
    const driver = new InProcessQueueDriver();
    const runs: number[] = [];
    driver.process(QueueName.Reports, 'Weekly', async () => void runs.push(Date.now()), 1);
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
      driver.process(QueueName.Maintenance, name, async (data) => resolve(data), 1),
    );
    await expect(driver.enqueue(QueueName.Maintenance, name, { hello: '海州' })).resolves.toBe(true);
    await expect(done).resolves.toEqual({ hello: '海州' });
    await expect(driver.ping()).resolves.toBe(true);
    await driver.close();
  });
});
