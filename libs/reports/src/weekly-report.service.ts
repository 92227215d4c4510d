import {
  Actor,
  addDays,
  startOfBusinessDate,
  AppConfig,
  AuditService,
  BusinessClock,
  canonicalJson,
  isoWeekLabel,
  lastRunAt,
  Page,
  pageOf,
  Period,
  PageQueryDto,
  periodOf,
  ReadSource,
  TransactionRunner,
  weekStart,
} from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { bulletinDocx } from './bulletin-docx';
import { ChainSource } from './report-chain';
import { visibleReport } from './report-scope';
import { ReportBuilder, WeeklyReportContent } from './report-builder';
import { ReportsException, ReportsExceptionCode as Code } from './reports.exception';
import { WeeklyReportEntity } from './entities/weekly-report.entity';
import { WeeklyReportRepository, WeeklyReportSummary } from './weekly-report.repository';
import { WEEKLY_REPORT_CRON } from './weekly-report.schedule';

/** A bound on one catch-up: about twenty years of weeks. */
const MAX_CATCH_UP_WEEKS = 1100;

@Injectable()
export class WeeklyReportService {
  private readonly logger = new Logger('WeeklyReport');
  /** The report read last, under its row's id and version (see `get`). */
  private kept?: { key: string; report: WeeklyReportEntity };
  /** Reads under way, by the same key. */
  private readonly reading = new Map<string, Promise<WeeklyReportEntity | null>>();
  /** The end of the last read begun: reads of reports' contents go one at a time. */
  private oneRead: Promise<void> = Promise.resolve();
  /** Whether a content read hashes to its report's hash, checked once per content. */
  private readonly checked = new WeakMap<object, { sha256: string; intact: boolean }>();

  constructor(
    private readonly clock: BusinessClock,
    private readonly reports: WeeklyReportRepository,
    private readonly builder: ReportBuilder,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly reads: ReadSource,
  ) {}

  /** A week's tables, with the audit chain's head at the week's end (an anchor of the chain outside its table). */
  private async contentOf(period: Period, now: Date): Promise<WeeklyReportContent> {
    const content = await this.builder.build(period, now);
    content.auditChainHead = await this.audit.chainHeadAt(
      startOfBusinessDate(addDays(period.to, 1), this.config.APP_TIME_ZONE),
    );
    return content;
  }

  /** The newest week whose report is due at `now`: the week before the schedule's latest Monday run. */
  lastDueWeek(now = new Date()): string {
    const run = lastRunAt(WEEKLY_REPORT_CRON, this.config.APP_TIME_ZONE, now);
    return isoWeekLabel(addDays(this.clock.dayOf(run), -1));
  }

  /**
   * Publishes every due week that has no report yet, oldest first: the Monday job, and the catch-up after
   * Redis was down at 08:00 or a worker died mid-job. It continues the chain from its newest week; on an
   * installation without any report it starts at the week of the data's first record (or, with no data
   * at all, at the week just ended). However many workers run this at once, the publish lock and the unique
   * (week, version 1) key let exactly one report per week exist, in week order.
   */
  async publishDue(now = new Date()): Promise<string[]> {
    const due = this.lastDueWeek(now);
    const firstDay = await this.builder.earliestDate();
    const firstWeek = firstDay ? isoWeekLabel(firstDay) : due;
    const published = await this.fillThrough(due, firstWeek < due ? firstWeek : due, now);
    if (published.length > 0) this.logger.log(`Published weekly report ${published.join(', ')}`);
    return published;
  }

  /**
   * Publishes a week: the scheduled version 1 (`actor` null, once only) or, on demand, a new version.
   * Either way every missing week between the chain's newest week and this one is published first (as
   * scheduled reports, oldest first), so the chain stays in week order. A missing week older than the
   * chain's newest week cannot be added without breaking that order and is refused.
   */
  async publish(week: string, actor: Actor | null, now = new Date()): Promise<WeeklyReportSummary | null> {
    const period = this.dueWeek(week, now);
    if (!actor) {
      const published = await this.fillThrough(week, week, now);
      return published.includes(week) ? this.reports.findSummary(week, 1) : null;
    }
    await this.fillThrough(isoWeekLabel(addDays(period.from, -7)), week, now);
    const content = await this.contentOf(period, now);
    const version = await this.transactions.run(async (tx) => {
      // the lock comes first: the head, the version and the publication time are all read after it
      await this.reports.lock(tx);
      const existing = await this.reports.versions(week, tx);
      const latest = await this.reports.latestWeek(tx);
      if (existing === 0 && latest !== null && latest > week) {
        throw new ReportsException(
          Code.WeekOutOfOrder,
          `${week} 早于已发布的 ${latest} 且从未发布，补发会打乱周报哈希链的周次顺序`,
        );
      }
      const head = await this.reports.head(tx);
      // the version is part of what is hashed: two versions of a week never share a hash, even when equal
      const versioned = { ...content, version: existing + 1 };
      const sha256 = hashOf(versioned);
      await this.reports.insertIfAbsent(
        {
          week,
          version: existing + 1,
          content: versioned as unknown as Record<string, unknown>,
          sha256,
          prevSha256: head?.sha256 ?? null,
          generatedBy: actor.userId,
        },
        tx,
      );
      await this.audit.record(
        actor,
        {
          action: 'weekly_report.generate',
          entity: 'weekly_report',
          entityId: week,
          after: { version: existing + 1, sha256 },
        },
        tx,
      );
      return existing + 1;
    });
    return this.reports.findSummary(week, version);
  }

  /**
   * Publishes, as scheduled version-1 reports and oldest first, every week after the chain's newest one up
   * to `last`; a chain without any report starts at `start`. Returns the weeks this call published.
   */
  private async fillThrough(last: string, start: string, now: Date): Promise<string[]> {
    const published: string[] = [];
    // each round either publishes a week or finds it published by someone else: the newest week only grows
    for (let round = 0; round < MAX_CATCH_UP_WEEKS; round++) {
      const latest = await this.reports.latestWeek();
      const week = latest ? nextWeek(latest) : start;
      if (week > last) break;
      if (await this.publishScheduled(week, now)) published.push(week);
    }
    return published;
  }

  /** Version 1 of a week, linked to the chain's head, unless the week has a report or the chain is past it. */
  private async publishScheduled(week: string, now: Date): Promise<boolean> {
    const content = { ...(await this.contentOf(this.dueWeek(week, now), now)), version: 1 };
    const sha256 = hashOf(content);
    return this.transactions.run(async (tx) => {
      await this.reports.lock(tx);
      const latest = await this.reports.latestWeek(tx);
      if (latest !== null && latest >= week) return false;
      const head = await this.reports.head(tx);
      return this.reports.insertIfAbsent(
        {
          week,
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
  async exportable(week: string, version?: number): Promise<WeeklyReportEntity> {
    const report = await this.get(week, version);
    if (!this.verify(report)) {
      throw new ReportsException(
        Code.ReportTampered,
        `${week} 第 ${report.version} 版周报的内容与发布时的哈希不一致，已拒绝导出`,
        { week, version: report.version, sha256: report.sha256 },
      );
    }
    return report;
  }

  /** The weekly chain, as `GET /reports/verify` walks it. */
  chainSource(): ChainSource {
    return {
      kind: 'weekly',
      links: async () =>
        (await this.reports.chain()).map((row) => ({
          id: row.id,
          period: row.week,
          version: row.version,
          sha256: row.sha256,
          prevSha256: row.prevSha256,
        })),
      recompute: async (link) => {
        const content = await this.reports.contentOf(link.id);
        return content ? contentHash(content) : null;
      },
      nextPeriod: nextWeek,
    };
  }

  /**
   * An exportable report as a 通报 (.docx) for `actor`: written from the part of it they may see, compared with the
   * same part of the week before's newest report, signed by REPORT_ISSUER.
   */
  async bulletin(report: WeeklyReportEntity, actor: Actor): Promise<Buffer> {
    const previous = await this.reports.find(isoWeekLabel(addDays(weekStart(report.week) as string, -7)));
    const visible = (content: unknown) => visibleReport(content as WeeklyReportContent, actor).content;
    return bulletinDocx(
      visible(report.content),
      previous ? visible(previous.content) : null,
      this.config.REPORT_ISSUER,
    );
  }

  /**
   * A week's report with its content. A report can run to tens of megabytes (every alert of the district), so
   * this process keeps the one it read last and gives it again while its row is unchanged (the same row version:
   * an edit of the content or of its hash gives another, and the report is read and checked again), and reads
   * others one at a time; requests for a report being read wait for that read instead of reading it again.
   */
  async get(week: string, version?: number): Promise<WeeklyReportEntity> {
    this.parseWeek(week);
    const stamp = await this.reports.stampOf(week, version);
    const report = stamp ? await this.read(`${stamp.id} ${stamp.stamp}`, stamp.id) : null;
    if (!report) throw new ReportsException(Code.ReportNotFound, `${week} 周报尚未生成`);
    return { ...report };
  }

  private read(key: string, id: string): Promise<WeeklyReportEntity | null> {
    if (this.kept?.key === key) return Promise.resolve(this.kept.report);
    const pending = this.reading.get(key);
    if (pending) return pending;
    const reading = this.oneRead.then(async () => {
      try {
        const report = await this.reports.findById(id);
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

  /** `mayLag` reads from the replica, when there is one (the listing page); the publishing steps read the primary. */
  async list(query: PageQueryDto, options: { mayLag?: boolean } = {}): Promise<Page<WeeklyReportEntity>> {
    const [rows, total] = options.mayLag
      ? await this.reads.lagging((replica) => this.reports.list(query.skip, query.pageSize, replica))
      : await this.reports.list(query.skip, query.pageSize);
    return pageOf(rows, total, query);
  }

  /** Checks that a stored report still hashes to what was published (once per content read). */
  verify(report: WeeklyReportEntity): boolean {
    const known = this.checked.get(report.content);
    if (known?.sha256 === report.sha256) return known.intact;
    const intact = contentHash(report.content) === report.sha256;
    this.checked.set(report.content, { sha256: report.sha256, intact });
    return intact;
  }

  private parseWeek(week: string): string {
    const monday = weekStart(week);
    if (!monday) throw new ReportsException(Code.InvalidWeek, `周次格式应为 2026-W48：${week.slice(0, 20)}`);
    return monday;
  }

  private dueWeek(week: string, now: Date) {
    const monday = this.parseWeek(week);
    if (week > this.lastDueWeek(now)) {
      throw new ReportsException(Code.WeekNotOver, `${week} 尚未结束（周报于下周一 08:00 生成）`);
    }
    return periodOf('week', monday);
  }
}

function nextWeek(week: string): string {
  return isoWeekLabel(addDays(weekStart(week) as string, 7));
}

export function hashOf(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * hashOf(content), the same digest, without the canonical JSON of the whole report in memory at once: the
 * report's frame (its tables without their rows) is written with a mark in place of each table's rows, and the
 * hash is fed the frame up to a mark, then that table's rows one by one, then the frame on to the next mark.
 * A content not of that shape (no `tables` array of objects with a `rows` array) is hashed whole.
 */
export function contentHash(content: unknown): string {
  const tables = (content as { tables?: unknown } | null)?.tables;
  const shaped =
    Array.isArray(tables) &&
    tables.every(
      (table) => typeof table === 'object' && table !== null && Array.isArray((table as ReportTableLike).rows),
    );
  if (!shaped) return hashOf(content);
  const marks = (tables as ReportTableLike[]).map((_, i) => `\u0001rows ${i} ${randomUUID()}`);
  const frame = canonicalJson({
    ...(content as Record<string, unknown>),
    tables: (tables as ReportTableLike[]).map((table, i) => ({ ...table, rows: marks[i] })),
  });
  const hash = createHash('sha256');
  let at = 0;
  (tables as ReportTableLike[]).forEach((table, i) => {
    const mark = JSON.stringify(marks[i]);
    const index = frame.indexOf(mark, at);
    if (index < 0) throw new Error('a table without its mark in the frame');
    hash.update(frame.slice(at, index));
    hash.update('[');
    table.rows.forEach((row, n) => hash.update(n === 0 ? canonicalJson(row) : `,${canonicalJson(row)}`));
    hash.update(']');
    at = index + mark.length;
  });
  hash.update(frame.slice(at));
  return hash.digest('hex');
}

type ReportTableLike = Record<string, unknown> & { rows: unknown[] };

export type { WeeklyReportContent };
