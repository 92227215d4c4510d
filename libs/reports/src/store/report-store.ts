import { Reader, Transaction } from '@app/core';

/** A published report as every kind stores it: a frozen snapshot in its kind's hash chain. */
export interface StoredReport {
  id: string;
  /** The period's label: 2026-W48, 2026-11, 2026-Q4. */
  period: string;
  version: number;
  content: Record<string, unknown>;
  sha256: string;
  prevSha256: string | null;
  generatedBy: string | null;
  publishedAt: Date;
}

/** Every column but the content, which can run to megabytes at province size. */
export type StoredReportSummary = Omit<StoredReport, 'content'>;

export type NewReport = Pick<StoredReport, 'period' | 'version' | 'content' | 'sha256' | 'prevSha256' | 'generatedBy'>;

/**
 * Where one kind of report is kept: the weekly report in its own table, the monthly and quarterly ones in
 * `period_report` by kind. Publishing reads the head, the versions and the newest period only under `lock`.
 */
export interface ReportStore {
  /** Takes the kind's publish lock for the transaction: the chain has one order. */
  lock(tx: Transaction): Promise<void>;
  /** The newest version of a period's report (or a given version), its content read in parts. */
  find(period: string, version?: number): Promise<StoredReport | null>;
  /**
   * Which row the newest version of a period's report (or a given version) is, and its row version (`xmin`): any
   * change to the row, its content or its hash, gives another.
   */
  stampOf(period: string, version?: number): Promise<{ id: string; stamp: string } | null>;
  /** A report by its id, its content read in parts. */
  findById(id: string): Promise<StoredReport | null>;
  /** The highest version of a period (0 when it has none). */
  versions(period: string, tx: Transaction): Promise<number>;
  findSummary(period: string, version: number): Promise<StoredReportSummary | null>;
  /** The report published last, whose hash the next one links to. */
  head(tx: Transaction): Promise<StoredReportSummary | null>;
  /**
   * Inserts unless the (period, version) exists; returns whether it was inserted. The publication time is the
   * clock's at the insert, taken under the lock: it orders the chain as it was built.
   */
  insertIfAbsent(report: NewReport, tx: Transaction): Promise<boolean>;
  /** The newest period with a report (the chain's head period: periods are published in order). */
  latestPeriod(tx?: Transaction): Promise<string | null>;
  /** Every report without its content, in chain (publication) order. */
  chain(): Promise<StoredReportSummary[]>;
  /** One report's stored content, read in parts (a report can run to tens of megabytes). */
  contentOf(id: string): Promise<Record<string, unknown> | null>;
  /** One row per period, its newest version, newest periods first; and the number of periods. */
  list(skip: number, take: number, reader?: Reader): Promise<[StoredReportSummary[], number]>;
}
