import { WriteCoalescer } from './write-coalescer';

/** A write whose batches stay out until the test lets them go, and which refuses any batch holding 'bad'. */
function gatedWrite() {
  const batches: string[][] = [];
  const gates: (() => void)[] = [];
  const write = (items: string[]): Promise<string[]> => {
    batches.push(items);
    return new Promise((resolve, reject) => {
      gates.push(() =>
        items.includes('bad') ? reject(new Error('refused')) : resolve(items.map((item) => item.toUpperCase())),
      );
    });
  };
  /** Lets every batch out so far come back, and waits until the coalescer has reacted. */
  const release = async () => {
    while (gates.length > 0) {
      gates.splice(0).forEach((open) => open());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { batches, write, release };
}

describe('WriteCoalescer', () => {
  it('sends a lone item at once, alone', async () => {
    const { batches, write, release } = gatedWrite();
    const coalescer = new WriteCoalescer(write, { inFlight: 2, batchSize: 10 });
    const result = coalescer.submit('a');
    expect(batches).toEqual([['a']]);
    await release();
    await expect(result).resolves.toBe('A');
  });

  it('sends the items that waited while the batches were out together, each caller getting its own result', async () => {
    const { batches, write, release } = gatedWrite();
    const coalescer = new WriteCoalescer(write, { inFlight: 1, batchSize: 10 });
    const results = ['a', 'b', 'c', 'd'].map((item) => coalescer.submit(item));
    expect(batches).toEqual([['a']]);
    await release();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    await expect(Promise.all(results)).resolves.toEqual(['A', 'B', 'C', 'D']);
  });

  it('keeps batches to their size and no more than the limit out at once', async () => {
    const { batches, write, release } = gatedWrite();
    const coalescer = new WriteCoalescer(write, { inFlight: 2, batchSize: 2 });
    const results = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((item) => coalescer.submit(item));
    expect(batches).toEqual([['a'], ['b']]);
    await release();
    expect(batches).toEqual([['a'], ['b'], ['c', 'd'], ['e', 'f'], ['g']]);
    await expect(Promise.all(results)).resolves.toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('tries each item of a failed batch again alone, so only the bad one fails', async () => {
    const { batches, write, release } = gatedWrite();
    const coalescer = new WriteCoalescer(write, { inFlight: 1, batchSize: 10 });
    const results = ['a', 'b', 'bad', 'c'].map((item) => coalescer.submit(item).catch((error: Error) => error.message));
    await release();
    expect(batches).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
    await expect(Promise.all(results)).resolves.toEqual(['A', 'B', 'refused', 'C']);
  });
});
