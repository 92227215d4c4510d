import { TimeoutError, withinTime } from './within-time';

describe(withinTime.name, () => {
  it('answers with the work when it settles in time, value or error', async () => {
    await expect(withinTime(Promise.resolve(7), 1000, 'sum')).resolves.toBe(7);
    await expect(withinTime(Promise.reject(new Error('refused')), 1000, 'sum')).rejects.toThrow('refused');
  });

  it('fails with a TimeoutError naming the work when it does not', async () => {
    const never = new Promise<never>(() => undefined);
    const outcome = withinTime(never, 5, 'replica connection');
    await expect(outcome).rejects.toBeInstanceOf(TimeoutError);
    await expect(outcome).rejects.toThrow('replica connection did not finish within 5 ms');
  });
});
