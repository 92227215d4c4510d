import { Period, REPORT_SECTION_METADATA, ReportSectionProvider, ReportTable } from '@app/core';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';

export interface WeeklyReportContent {
  week: string;
  /** The report's version (1 scheduled, then each regeneration); absent in reports published before it was added. */
  version?: number;
  from: string;
  to: string;
  generatedAt: string;
  tables: ReportTable[];
  /** The audit chain's head at the week's end (its last sealed row written before then): an anchor outside the audit table. */
  auditChainHead?: { seq: string; hash: string } | null;
}

/** Collects every @ReportSection provider once at start, and asks each for its table of a week. */
@Injectable()
export class ReportBuilder implements OnApplicationBootstrap {
  private sections: ReportSectionProvider[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.sections = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.instance && wrapper.metatype)
      .map((wrapper) => ({
        wrapper,
        meta: this.reflector.get<{ order: number } | undefined>(REPORT_SECTION_METADATA, wrapper.metatype!),
      }))
      .filter((found): found is typeof found & { meta: { order: number } } => found.meta !== undefined)
      .sort((a, b) => a.meta.order - b.meta.order)
      .map(({ wrapper }) => wrapper.instance as ReportSectionProvider);
  }

  /** The first business date of any section's data (null when there is none). */
  async earliestDate(): Promise<string | null> {
    let first: string | null = null;
    for (const section of this.sections) {
      const day = section.earliestDate ? await section.earliestDate() : null;
      if (day && (first === null || day < first)) first = day;
    }
    return first;
  }

  async build(week: Period, now: Date): Promise<WeeklyReportContent> {
    const tables: ReportTable[] = [];
    // one after another: sections read the database, and the embedded one serves one query at a time anyway
    for (const section of this.sections) tables.push(await section.build(week));
    return { week: week.label, from: week.from, to: week.to, generatedAt: now.toISOString(), tables };
  }
}
