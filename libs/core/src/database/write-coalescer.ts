interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export interface CoalescerLimits {
  /** Batches sent and not yet answered; a new item waits while this many are out. */
  inFlight: number;
  /** Items in one batch at most. */
  batchSize: number;
}

/**
 * Group commit for a write that many requests make at the same moment (staff logging visits). An item goes
 * out at once while fewer than `inFlight` batches are out; otherwise it waits, and the items that waited go
 * out together as one batch when a batch comes back: one statement and one commit for many requests, so the
 * database's cost per item falls as the load rises, and a lone request never waits.
 *
 * A batch is all or nothing. When one fails, each of its items is tried again alone, so an item that the
 * database refuses fails by itself and the others still land. Each caller gets its own item's result.
 */
export class WriteCoalescer<Item, Result> {
  private readonly waiting: Pending<Item, Result>[] = [];
  private out = 0;

  constructor(
    private readonly write: (items: Item[]) => Promise<Result[]>,
    private readonly limits: CoalescerLimits,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.out < this.limits.inFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.limits.batchSize);
      this.out++;
      void this.send(batch).finally(() => {
        this.out--;
        this.next();
      });
    }
  }

  private async send(batch: Pending<Item, Result>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((pending) => pending.item));
      batch.forEach((pending, i) => pending.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const pending of batch) {
        try {
          pending.resolve((await this.write([pending.item]))[0]);
        } catch (alone) {
          pending.reject(alone);
        }
      }
    }
  }
}
