/** Small measuring tools for the benchmark: percentiles, a progress bar, RSS sampling. */

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

/** A one-line progress bar on stderr, redrawn in place. */
export class Progress {
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {}

  update(done: number): void {
    const width = 30;
    const share = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const filled = Math.round(share * width);
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    process.stderr.write(
      `\r  ${this.label.padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done.toLocaleString('en')}/${this.total.toLocaleString('en')} ${seconds}s`,
    );
    if (done >= this.total) process.stderr.write('\n');
  }
}

/** Samples the resident set size while `work` runs; returns the peak in MiB. */
export async function peakRss<T>(work: () => Promise<T>): Promise<[T, number]> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return [result, peak / 1024 / 1024];
  } finally {
    clearInterval(timer);
  }
}
