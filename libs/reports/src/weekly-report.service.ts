import {
  Actor,
  addDays,
  AppConfig,
  AuditService,
  BusinessClock,
  canonicalJson,
  isoWeekLabel,
  mondayOf,
  Page,
  pageOf,
  PageQueryDto,
  periodOf,
  startOfBusinessDate,
  TransactionRunner,
  weekStart,
} from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ReportBuilder, WeeklyReportContent } from './report-builder';
import { ReportsException, ReportsExceptionCode as Code } from './reports.exception';
import { WeeklyReportEntity } from './entities/weekly-report.entity';
import { WeeklyReportRepository, WeeklyReportSummary } from './weekly-report.repository';

/** The scheduled report of a week appears at Monday 08:00 of the week after. */
const PUBLISH_HOUR = 8;
const CATCH_UP_WEEKS = 12;

@Injectable()
export class WeeklyReportService {
  private readonly logger = new Logger('WeeklyReport');

  constructor(
    private readonly clock: BusinessClock,
    private readonly reports: WeeklyReportRepository,
    private readonly builder: ReportBuilder,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** The newest week whose report is due at `now` (Monday 08:00 Asia/Shanghai has passed for it). */
  lastDueWeek(now = new Date()): string {
    const today = this.clock.dayOf(now);
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: this.config.APP_TIME_ZONE,
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(now),
    );
    const thisMonday = mondayOf(today);
    const dueMonday = today === thisMonday && hour < PUBLISH_HOUR ? addDays(thisMonday, -7) : thisMonday;
    return isoWeekLabel(addDays(dueMonday, -1));
  }

  /**
   * Publishes every due week that has no report yet, oldest first: the Monday job, and the catch-up after
   * Redis was down at 08:00 or a worker died mid-job. However many workers run this at once, the unique
   * (week, version 1) key lets exactly one report per week exist.
   */
  async publishDue(now = new Date()): Promise<string[]> {
    const due = this.lastDueWeek(now);
    const latest = await this.reports.latestWeek();
    const weeks: string[] = [];
    let monday = weekStart(due) as string;
    for (let i = 0; i < CATCH_UP_WEEKS; i++) {
      const label = isoWeekLabel(monday);
      if (latest && label <= latest) break;
      weeks.unshift(label);
      if (!latest) break; // a new installation starts with the week just ended
      monday = addDays(monday, -7);
    }
    const published: string[] = [];
    for (const week of weeks) {
      if (await this.publish(week, null, now)) published.push(week);
    }
    if (published.length > 0) this.logger.log(`Published weekly report ${published.join(', ')}`);
    return published;
  }

  /** Publishes a week: the scheduled version 1 (`actor` null, once only) or, on demand, a new version. */
  async publish(week: string, actor: Actor | null, now = new Date()): Promise<WeeklyReportSummary | null> {
    const period = this.dueWeek(week, now);
    const content = await this.builder.build(period, now);
    content.auditChainHead = await this.audit.chainHeadAt(
      startOfBusinessDate(addDays(period.to, 1), this.config.APP_TIME_ZONE),
    );
    const sha256 = hashOf(content);
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.transactions.run(async (tx) => {
        await this.reports.lock(tx);
        const existing = await this.reports.versions(week, tx);
        if (!actor && existing > 0) return false;
        const previous = await this.reports.lastPublished(tx);
        const ok = await this.reports.insertIfAbsent(
          {
            week,
            version: existing + 1,
            content: content as unknown as Record<string, unknown>,
            sha256,
            prevSha256: previous?.sha256 ?? null,
            generatedBy: actor?.userId ?? null,
          },
          tx,
        );
        if (ok && actor) {
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
        }
        return ok;
      });
      if (inserted) return this.reports.findSummary(week);
      if (!actor) return null;
    }
    return null;
  }

  async get(week: string, version?: number): Promise<WeeklyReportEntity> {
    this.parseWeek(week);
    const report = await this.reports.find(week, version);
    if (!report) throw new ReportsException(Code.ReportNotFound, `${week} 周报尚未生成`);
    return report;
  }

  async list(query: PageQueryDto): Promise<Page<WeeklyReportEntity>> {
    const [rows, total] = await this.reports.list((query.page - 1) * query.pageSize, query.pageSize);
    return pageOf(rows, total, query);
  }

  /** Checks that a stored report still hashes to what was published. */
  verify(report: WeeklyReportEntity): boolean {
    return hashOf(report.content) === report.sha256;
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

export function hashOf(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export type { WeeklyReportContent };
