import {
  Actor,
  addDays,
  AppConfig,
  AuditService,
  BusinessClock,
  lastRunAt,
  Page,
  PageQueryDto,
  pageOf,
  Period,
  ReadSource,
  startOfBusinessDate,
  TransactionRunner,
} from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { ChainSource } from './report-chain';
import { labelOfDay, nextLabel, periodOfLabel, previousLabel, ReportKind } from './report-kinds';
import { ReportBuilder, ReportContent } from './report-builder';
import { visibleReport } from './report-scope';
import { ReportsException, ReportsExceptionCode as Code } from './reports.exception';
import { contentHash, hashOf } from './store/content-hash';
import { ReportStore, StoredReport, StoredReportSummary } from './store/report-store';

/**
 * The report this process read last, whatever its kind: a report can run to tens of megabytes, so one is kept for
 * all three kinds, not one each. Reads of contents go one at a time; a read under way is shared.
 */
@Injectable()
export class LastReadReport {
  private kept?: { key: string; report: StoredReport };
  private readonly reading = new Map<string, Promise<StoredReport | null>>();
  private oneRead: Promise<void> = Promise.resolve();

  /** The report under `key` (kind, row id and row version), read by `load` unless it is the one kept. */
  get(key: string, load: () => Promise<StoredReport | null>): Promise<StoredReport | null> {
    if (this.kept?.key === key) return Promise.resolve(this.kept.report);
    const pending = this.reading.get(key);
    if (pending) return pending;
    const reading = this.oneRead.then(async () => {
      try {
        const report = await load();
        if (report) this.kept = { key, report };
        return report;
      } finally {
        this.reading.delete(key);
      }
    });
    this.reading.set(key, reading);
    // the next read waits for this one, whether it succeeds or not
    this.oneRead = reading.then(
      () => undefined,
      () => undefined,
    );
    return reading;
  }
}

/** The services every kind of report publishes with, injected once for all three. */
@Injectable()
export class PublisherServices {
  constructor(
    readonly clock: BusinessClock,
    readonly builder: ReportBuilder,
    readonly transactions: TransactionRunner,
    readonly audit: AuditService,
    readonly config: AppConfig,
    readonly reads: ReadSource,
    readonly lastRead: LastReadReport,
  ) {}
}

/** The error codes of a kind: the weekly report keeps the codes it was published with. */
const CODES = {
  weekly: { invalid: Code.InvalidWeek, notOver: Code.WeekNotOver, outOfOrder: Code.WeekOutOfOrder },
  period: { invalid: Code.InvalidPeriod, notOver: Code.PeriodNotOver, outOfOrder: Code.PeriodOutOfOrder },
};

/**
 * Publishes one kind of report (周报, 月报 or 季报) into its own hash chain: frozen snapshots, version 1 on the
 * kind's schedule and exactly once, every missed period caught up in order, regenerated periods as new versions.
 */
export abstract class ReportPublisher {
  private readonly logger: Logger;
  private readonly codes: (typeof CODES)['weekly'];
  /** Whether a content read hashes to its report's hash, checked once per content. */
  private readonly checked = new WeakMap<object, { sha256: string; intact: boolean }>();

  protected constructor(
    readonly kind: ReportKind,
    private readonly store: ReportStore,
    private readonly services: PublisherServices,
  ) {
    this.logger = new Logger(`${kind.name[0].toUpperCase()}${kind.name.slice(1)}Report`);
    this.codes = kind.name === 'weekly' ? CODES.weekly : CODES.period;
  }

  /** A period's tables, with the audit chain's head at the period's end (an anchor of the chain outside its table). */
  private async contentOf(period: Period, now: Date): Promise<ReportContent> {
    const content = await this.services.builder.build(period, now);
    content.auditChainHead = await this.services.audit.chainHeadAt(
      startOfBusinessDate(addDays(period.to, 1), this.services.config.APP_TIME_ZONE),
    );
    return content;
  }

  /** The newest period whose report is due at `now`: the period ended by the schedule's latest run. */
  lastDue(now = new Date()): string {
    const run = lastRunAt(this.kind.cron, this.services.config.APP_TIME_ZONE, now);
    return labelOfDay(this.kind, addDays(this.services.clock.dayOf(run), -1));
  }

  /**
   * Publishes every due period that has no report yet, oldest first: the scheduled job, and the catch-up after
   * Redis was down at 08:00 or a worker died mid-job. It continues the chain from its newest period; on an
   * installation without any report of the kind it starts at the period of the data's first record (or, with no
   * data at all, at the period just ended). However many workers run this at once, the publish lock and the
   * unique (period, version 1) key let exactly one report per period exist, in period order.
   */
  async publishDue(now = new Date()): Promise<string[]> {
    const due = this.lastDue(now);
    const firstDay = await this.services.builder.earliestDate();
    const first = firstDay ? labelOfDay(this.kind, firstDay) : due;
    const published = await this.fillThrough(due, first < due ? first : due, now);
    if (published.length > 0) this.logger.log(`Published ${this.kind.name} report ${published.join(', ')}`);
    return published;
  }

  /**
   * Publishes a period: the scheduled version 1 (`actor` null, once only) or, on demand, a new version. Either way
   * every missing period between the chain's newest one and this one is published first (as scheduled reports,
   * oldest first), so the chain stays in period order. A missing period older than the chain's newest one cannot
   * be added without breaking that order and is refused.
   */
  async publish(label: string, actor: Actor | null, now = new Date()): Promise<StoredReportSummary | null> {
    const period = this.duePeriod(label, now);
    if (!actor) {
      const published = await this.fillThrough(label, label, now);
      return published.includes(label) ? this.store.findSummary(label, 1) : null;
    }
    await this.fillThrough(previousLabel(this.kind, label), label, now);
    const content = await this.contentOf(period, now);
    const version = await this.services.transactions.run(async (tx) => {
      // the lock comes first: the head, the version and the publication time are all read after it
      await this.store.lock(tx);
      const existing = await this.store.versions(label, tx);
      const latest = await this.store.latestPeriod(tx);
      if (existing === 0 && latest !== null && latest > label) {
        throw new ReportsException(
          this.codes.outOfOrder,
          `${label} 早于已发布的 ${latest} 且从未发布，补发会打乱${this.kind.title}哈希链的${this.kind.labelName}顺序`,
        );
      }
      const head = await this.store.head(tx);
      // the version is part of what is hashed: two versions of a period never share a hash, even when equal
      const versioned = { ...content, version: existing + 1 };
      const sha256 = hashOf(versioned);
      await this.store.insertIfAbsent(
        {
          period: label,
          version: existing + 1,
          content: versioned as unknown as Record<string, unknown>,
          sha256,
          prevSha256: head?.sha256 ?? null,
          generatedBy: actor.userId,
        },
        tx,
      );
      await this.services.audit.record(
        actor,
        {
          action: `${this.kind.name}_report.generate`,
          entity: `${this.kind.name}_report`,
          entityId: label,
          after: { version: existing + 1, sha256 },
        },
        tx,
      );
      return existing + 1;
    });
    return this.store.findSummary(label, version);
  }

  /**
   * Publishes, as scheduled version-1 reports and oldest first, every period after the chain's newest one up to
   * `last`; a chain without any report starts at `start`. Returns the periods this call published.
   */
  private async fillThrough(last: string, start: string, now: Date): Promise<string[]> {
    const published: string[] = [];
    // each round either publishes a period or finds it published by someone else: the newest period only grows
    for (let round = 0; round < this.kind.maxCatchUp; round++) {
      const latest = await this.store.latestPeriod();
      const label = latest ? nextLabel(this.kind, latest) : start;
      if (label > last) break;
      if (await this.publishScheduled(label, now)) published.push(label);
    }
    return published;
  }

  /** Version 1 of a period, linked to the chain's head, unless the period has a report or the chain is past it. */
  private async publishScheduled(label: string, now: Date): Promise<boolean> {
    const content = { ...(await this.contentOf(this.duePeriod(label, now), now)), version: 1 };
    const sha256 = hashOf(content);
    return this.services.transactions.run(async (tx) => {
      await this.store.lock(tx);
      const latest = await this.store.latestPeriod(tx);
      if (latest !== null && latest >= label) return false;
      const head = await this.store.head(tx);
      return this.store.insertIfAbsent(
        {
          period: label,
          version: 1,
          content: content as unknown as Record<string, unknown>,
          sha256,
          prevSha256: head?.sha256 ?? null,
          generatedBy: null,
        },
        tx,
      );
    });
  }

  /** The export's report: refused when its stored content no longer hashes to what was published. */
  async exportable(label: string, version?: number): Promise<StoredReport> {
    const report = await this.get(label, version);
    if (!this.verify(report)) {
      throw new ReportsException(
        Code.ReportTampered,
        `${label} 第 ${report.version} 版${this.kind.title}的内容与发布时的哈希不一致，已拒绝导出`,
        { [this.kind.name === 'weekly' ? 'week' : 'period']: label, version: report.version, sha256: report.sha256 },
      );
    }
    return report;
  }

  /** The kind's chain, as `GET /reports/verify` walks it. */
  chainSource(): ChainSource {
    return {
      kind: this.kind.name,
      links: async () =>
        (await this.store.chain()).map((row) => ({
          id: row.id,
          period: row.period,
          version: row.version,
          sha256: row.sha256,
          prevSha256: row.prevSha256,
        })),
      recompute: async (link) => {
        const content = await this.store.contentOf(link.id);
        return content ? contentHash(content) : null;
      },
      nextPeriod: (label) => nextLabel(this.kind, label),
    };
  }

  /**
   * An exportable report as a 通报 (.docx) for `actor`: written from the part of it they may see, compared with the
   * same part of the period before's newest report, signed by REPORT_ISSUER.
   */
  async bulletin(report: StoredReport, actor: Actor): Promise<Buffer> {
    const previous = await this.store.find(previousLabel(this.kind, report.period));
    const visible = (content: unknown) => visibleReport(content as ReportContent, actor).content;
    // the .docx library is loaded by the first bulletin, not at every start
    const { bulletinDocx } = await import('./bulletin-docx');
    return bulletinDocx(
      visible(report.content),
      previous ? visible(previous.content) : null,
      this.services.config.REPORT_ISSUER,
    );
  }

  /**
   * A period's report with its content. A report can run to tens of megabytes (every alert of the district), so
   * this process keeps the one it read last (of any kind: LastReadReport) and gives it again while its row is unchanged (the same row version:
   * an edit of the content or of its hash gives another, and the report is read and checked again), and reads
   * others one at a time; requests for a report being read wait for that read instead of reading it again.
   */
  async get(label: string, version?: number): Promise<StoredReport> {
    this.parse(label);
    const stamp = await this.store.stampOf(label, version);
    const report = stamp ? await this.read(`${stamp.id} ${stamp.stamp}`, stamp.id) : null;
    if (!report) throw new ReportsException(Code.ReportNotFound, `${label} ${this.kind.title}尚未生成`);
    return { ...report };
  }

  private read(key: string, id: string): Promise<StoredReport | null> {
    return this.services.lastRead.get(`${this.kind.name} ${key}`, () => this.store.findById(id));
  }

  /** `mayLag` reads from the replica, when there is one (the listing page); the publishing steps read the primary. */
  async list(query: PageQueryDto, options: { mayLag?: boolean } = {}): Promise<Page<StoredReportSummary>> {
    const [rows, total] = options.mayLag
      ? await this.services.reads.lagging((replica) => this.store.list(query.skip, query.pageSize, replica))
      : await this.store.list(query.skip, query.pageSize);
    return pageOf(rows, total, query);
  }

  /** Checks that a stored report still hashes to what was published (once per content read). */
  verify(report: Pick<StoredReport, 'content' | 'sha256'>): boolean {
    const known = this.checked.get(report.content);
    if (known?.sha256 === report.sha256) return known.intact;
    const intact = contentHash(report.content) === report.sha256;
    this.checked.set(report.content, { sha256: report.sha256, intact });
    return intact;
  }

  private parse(label: string): string {
    const first = this.kind.startOf(label);
    if (!first) {
      throw new ReportsException(
        this.codes.invalid,
        `${this.kind.labelName}格式应为 ${this.kind.example}：${label.slice(0, 20)}`,
      );
    }
    return first;
  }

  private duePeriod(label: string, now: Date): Period {
    this.parse(label);
    if (label > this.lastDue(now)) {
      throw new ReportsException(this.codes.notOver, `${label} 尚未结束（${this.kind.schedule}）`);
    }
    return periodOfLabel(this.kind, label);
  }
}

export { contentHash, hashOf };
