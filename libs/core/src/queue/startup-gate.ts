import { Injectable } from '@nestjs/common';

/**
 * Holds the jobs that run at start (`runAtStart`) until the process's own first-start work is done: the
 * weekly report's catch-up must not publish a report before the demo data it is meant to show is loaded.
 * Whoever has such work calls `hold()` in `onModuleInit` (which every provider finishes before any
 * `onApplicationBootstrap` runs) and calls the returned release when the work has finished or failed.
 */
@Injectable()
export class StartupGate {
  private readonly holds: Promise<void>[] = [];

  hold(): () => void {
    let release: () => void = () => undefined;
    this.holds.push(new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  /** Resolves once every hold taken so far is released. */
  async opened(): Promise<void> {
    await Promise.all(this.holds);
  }
}
