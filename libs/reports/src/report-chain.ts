/**
 * The hash chain of one kind of report (weekly now; monthly and quarterly follow the same rules).
 *
 * A kind's reports form one linear chain in publication order: each report's `prevSha256` is the hash of
 * the report published just before it (null for the first). Publication happens under a lock that is taken
 * before the head is read, so no two reports ever link to the same predecessor. Scheduled reports (version 1)
 * are published in period order without gaps: publishing a period first publishes every missing period
 * before it, oldest first. A regenerated version (version n ≥ 2 of a period that already has a report) is
 * appended at the head like any other report: its "previous" is the chain's head when it was published,
 * whatever its period, and it must come after version n − 1 of its own period.
 */
export interface ChainLink {
  id: string;
  /** The period's label, e.g. 2026-W48. */
  period: string;
  version: number;
  sha256: string;
  prevSha256: string | null;
}

export type ChainProblem = 'content_hash' | 'prev_link' | 'period_order' | 'missing_period' | 'version_order';

export interface ChainBreak {
  period: string;
  version: number;
  problem: ChainProblem;
  message: string;
}

export interface ChainSource {
  /** `weekly`, later `monthly`, `quarterly`. */
  kind: string;
  /** Every report of the kind, without content, in publication order. */
  links(): Promise<ChainLink[]>;
  /** The hash of the report's stored content, computed now (null if the row is gone). */
  recompute(link: ChainLink): Promise<string | null>;
  /** The label of the period after `period`. */
  nextPeriod(period: string): string;
}

export interface ChainReport {
  kind: string;
  intact: boolean;
  reports: number;
  first: string | null;
  head: { period: string; version: number; sha256: string } | null;
  breaks: ChainBreak[];
}

/** Walks a kind's whole chain once, recomputing each report's hash, and names every break. */
export async function verifyChain(source: ChainSource): Promise<ChainReport> {
  const links = await source.links();
  const breaks: ChainBreak[] = [];
  const add = (link: ChainLink, problem: ChainProblem, message: string) =>
    breaks.push({ period: link.period, version: link.version, problem, message });
  const versions = new Map<string, number>();
  let previous: ChainLink | null = null;
  let lastScheduled: string | null = null;
  for (const link of links) {
    const label = `${link.period} 第 ${link.version} 版`;
    const hash = await source.recompute(link);
    if (hash !== link.sha256) add(link, 'content_hash', `${label}：内容与发布时的哈希不一致`);
    const expectedPrev = previous?.sha256 ?? null;
    if (link.prevSha256 !== expectedPrev) {
      add(
        link,
        'prev_link',
        previous
          ? `${label}：上一份哈希应为 ${previous.period} 第 ${previous.version} 版的哈希`
          : `${label}：链上第一份报告不应指向上一份`,
      );
    }
    if (link.version === 1) {
      if (lastScheduled !== null) {
        const expected = source.nextPeriod(lastScheduled);
        if (link.period <= lastScheduled) {
          add(link, 'period_order', `${label}：发布在 ${lastScheduled} 之后，周期顺序颠倒`);
        } else if (link.period !== expected) {
          add(link, 'missing_period', `${label}：与上一期 ${lastScheduled} 之间缺少 ${expected} 起的报告`);
        }
      }
      if (lastScheduled === null || link.period > lastScheduled) lastScheduled = link.period;
    } else if ((versions.get(link.period) ?? 0) !== link.version - 1) {
      add(link, 'version_order', `${label}：不在第 ${link.version - 1} 版之后`);
    }
    versions.set(link.period, Math.max(versions.get(link.period) ?? 0, link.version));
    previous = link;
  }
  const head = links.at(-1);
  return {
    kind: source.kind,
    intact: breaks.length === 0,
    reports: links.length,
    first: links[0]?.period ?? null,
    head: head ? { period: head.period, version: head.version, sha256: head.sha256 } : null,
    breaks,
  };
}
