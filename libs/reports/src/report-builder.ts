import { Period, REPORT_SECTION_METADATA, ReportSectionMetadata, ReportSectionProvider, ReportTable } from '@app/core';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';

/** A published report's content: what its hash covers. */
export interface ReportContent {
  /** A weekly report's ISO week (2026-W48); monthly and quarterly reports name theirs in `period`. */
  week?: string;
  /** A monthly or quarterly report's kind; absent in a weekly report. */
  kind?: 'monthly' | 'quarterly';
  /** A monthly or quarterly report's period: 2026-11, 2026-Q4. */
  period?: string;
  /** The report's version (1 scheduled, then each regeneration); absent in reports published before it was added. */
  version?: number;
  from: string;
  to: string;
  generatedAt: string;
  tables: ReportTable[];
  /** The audit chain's head at the period's end (its last sealed row written before then): an anchor outside the audit table. */
  auditChainHead?: { seq: string; hash: string } | null;
}

/** The weekly report's content (its `week` is always there). */
export type WeeklyReportContent = ReportContent & { week: string };

/** The label of the period a report covers. */
export const reportLabel = (content: ReportContent): string => content.week ?? content.period ?? '';

interface Section {
  provider: ReportSectionProvider;
  meta: ReportSectionMetadata;
}

/** Collects every @ReportSection provider once at start, and asks those of a report's kind for their tables. */
@Injectable()
export class ReportBuilder implements OnApplicationBootstrap {
  private sections: Section[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.sections = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.instance && wrapper.metatype)
      .map((wrapper) => ({
        provider: wrapper.instance as ReportSectionProvider,
        meta: this.reflector.get<ReportSectionMetadata | undefined>(REPORT_SECTION_METADATA, wrapper.metatype!),
      }))
      .filter((found): found is Section => found.meta !== undefined)
      .sort((a, b) => a.meta.order - b.meta.order);
  }

  /** The first business date of any section's data (null when there is none). */
  async earliestDate(): Promise<string | null> {
    let first: string | null = null;
    for (const { provider } of this.sections) {
      const day = provider.earliestDate ? await provider.earliestDate() : null;
      if (day && (first === null || day < first)) first = day;
    }
    return first;
  }

  async build(period: Period, now: Date): Promise<ReportContent> {
    const tables: ReportTable[] = [];
    // one after another: sections read the database, and the embedded one serves one query at a time anyway
    for (const { provider, meta } of this.sections) {
      if (meta.periods && !meta.periods.some((kind) => kind === period.kind)) continue;
      tables.push(await provider.build(period));
    }
    const common = { from: period.from, to: period.to, generatedAt: now.toISOString(), tables };
    switch (period.kind) {
      case 'week':
        return { week: period.label, ...common };
      case 'month':
        return { kind: 'monthly', period: period.label, ...common };
      default:
        return { kind: 'quarterly', period: period.label, ...common };
    }
  }
}
