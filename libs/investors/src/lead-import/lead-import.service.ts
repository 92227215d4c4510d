import {
  Actor,
  AuditService,
  BUREAU_ROLES,
  BusinessClock,
  ForbiddenException,
  Transaction,
  TransactionRunner,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import {
  ImportConversionDto,
  ImportDuplicateDto,
  ImportJobDto,
  ImportMode,
  ImportProblemDto,
  ImportReportDto,
  ImportRowOutcome,
} from '../dto/lead-import.dto';
import { InvestorRepository } from '../investor.repository';
import { NEAR_DUPLICATE_SIMILARITY } from '../investor.service';
import { InvestorsException, InvestorsExceptionCode as Code, UniqueIndexViolation } from '../investors.exception';
import { LeadService } from '../lead.service';
import { ImportJobHandle, LeadImportJobService } from './lead-import-job.service';
import { LeadImportWriter } from './lead-import.writer';
import { columnKey, LEDGER_COLUMNS, REQUIRED_COLUMNS } from './ledger-columns';
import { LedgerFileError, LedgerRow, readLedger } from './ledger-file';
import { changesOf, Plan, PlannedRow, Registry, reportRow, resolve } from './ledger-plan';
import { ParsedRow, parseRow } from './ledger-row';
import { buildLedgerTemplate } from './ledger-template';

export const MAX_IMPORT_ROWS = 50_000;

/** A ledger with more data rows than this is imported in the background: 202 and a job to follow. */
export const ASYNC_IMPORT_ROWS = 1_000;

/** A background import reports its progress after every this many rows checked. */
export const IMPORT_PROGRESS_STEP = 500;

/** A small ledger's report at once, or a large one's job. */
export type ImportOutcome = { report: ImportReportDto } | { job: ImportJobDto };

/**
 * Imports an Excel or CSV ledger of leads for the signed-in officer's bureau. A dry run reports every bad cell,
 * every 撞单 or near-duplicate, and what each row will do; a commit with a bad cell writes nothing, otherwise it
 * writes every other row in one transaction: new leads, and the bureau's own leads updated where the ledger
 * changed them (a ledger uploaded again adds nothing). A row that another bureau holds (撞单) or that is close to a
 * registered name is refused alone. A large ledger runs the same checks and writes as a background job.
 */
@Injectable()
export class LeadImportService {
  constructor(
    private readonly investors: InvestorRepository,
    private readonly leadService: LeadService,
    private readonly writer: LeadImportWriter,
    private readonly jobs: LeadImportJobService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
  ) {}

  async import(actor: Actor, file: unknown, mode: ImportMode): Promise<ImportOutcome> {
    if (!BUREAU_ROLES.includes(actor.role) || !actor.bureauId) throw new ForbiddenException();
    const bureauId = actor.bureauId;
    const rows = await this.read(file);
    if (rows.length > ASYNC_IMPORT_ROWS) {
      const job = await this.jobs.start(actor, mode, rows.length, (handle) =>
        this.importInBackground(actor, bureauId, rows, mode, handle),
      );
      return { job };
    }
    return { report: await this.importNow(actor, bureauId, rows, mode) };
  }

  /** The import job, for the uploader and the uploader's bureau. */
  job(actor: Actor, id: string): Promise<ImportJobDto> {
    return this.jobs.get(actor, id);
  }

  private async read(file: unknown): Promise<LedgerRow[]> {
    if (!Buffer.isBuffer(file) || file.length === 0) {
      throw new InvestorsException(
        Code.ImportFileInvalid,
        '请以 XLSX（application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）或 CSV（text/csv）上传台账文件',
      );
    }
    try {
      const ledger = await readLedger(file, MAX_IMPORT_ROWS);
      const missing = REQUIRED_COLUMNS.filter((field) => !ledger.headers.includes(columnKey(field)));
      if (missing.length > 0) {
        throw new LedgerFileError(`缺少必填列：${missing.map((f) => LEDGER_COLUMNS[f]).join('、')}`);
      }
      return ledger.rows;
    } catch (error) {
      if (error instanceof LedgerFileError) throw new InvestorsException(Code.ImportFileInvalid, error.message);
      throw error;
    }
  }

  /** Checks and, on commit, writes in one transaction; a commit with a bad cell is 422 with the report. */
  private async importNow(
    actor: Actor,
    bureauId: string,
    rows: LedgerRow[],
    mode: ImportMode,
  ): Promise<ImportReportDto> {
    if (mode === 'dry-run') {
      return this.transactions.run(async (tx) => (await this.plan(bureauId, rows, mode, tx)).report);
    }
    return this.withoutRace(() =>
      this.transactions.run(async (tx) => {
        const plan = await this.plan(bureauId, rows, mode, tx);
        if (isRejected(plan.report)) {
          throw new InvestorsException(Code.ImportRejected, rejection(plan.report), plan.report);
        }
        await this.commit(actor, bureauId, plan, tx);
        return plan.report;
      }),
    );
  }

  /**
   * The same checks, outside a transaction and reporting progress, so that the job's progress can be read
   * and other requests go on meanwhile; then, on a clean commit, the same writes in one transaction that also
   * marks the job done. A commit with any problem is done with the rejection report, and nothing is written.
   */
  private async importInBackground(
    actor: Actor,
    bureauId: string,
    rows: LedgerRow[],
    mode: ImportMode,
    job: ImportJobHandle,
  ): Promise<void> {
    const plan = await this.plan(bureauId, rows, mode, undefined, job);
    if (mode === 'dry-run' || isRejected(plan.report)) return job.complete(plan.report);
    await this.withoutRace(() =>
      this.transactions.run(async (tx) => {
        await job.hold(tx);
        await this.commit(actor, bureauId, plan, tx, job.signal);
        await job.complete(plan.report, tx);
      }),
    );
  }

  private async commit(
    actor: Actor,
    bureauId: string,
    plan: Plan,
    tx: Transaction,
    signal?: AbortSignal,
  ): Promise<void> {
    const { report } = plan;
    report.rows = await this.writer.write(actor, bureauId, plan, tx, signal);
    report.committed = true;
    await this.audit.record(
      actor,
      {
        action: 'lead_import.commit',
        entity: 'lead',
        after: {
          rows: report.totalRows,
          newInvestors: report.rows.filter((r) => r.newInvestor).length,
          leads: report.newRows,
          updated: report.updatedRows,
          unchanged: report.unchangedRows,
          refused: report.duplicates.length,
        },
      },
      tx,
    );
  }

  /** Another bureau registered one of these companies between the checks and the writes. */
  private async withoutRace<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof UniqueIndexViolation) {
        throw new InvestorsException(Code.DuplicateLead, '导入期间有企业被其他招商局登记，请重新试导入后再提交');
      }
      throw error;
    }
  }

  /** The template: the ledger's headers with their formats and checks, and a sheet explaining them. */
  template(): Promise<Buffer> {
    return buildLedgerTemplate();
  }

  /**
   * Checks every row: its own cells and repeats within the file first, then the registry, IMPORT_PROGRESS_STEP
   * rows at a time with one lookup by code and one by name per step; with a job, reports progress each step.
   */
  private async plan(
    bureauId: string,
    rows: LedgerRow[],
    mode: ImportMode,
    tx?: Transaction,
    job?: ImportJobHandle,
  ): Promise<Plan> {
    const today = this.clock.today();
    const errors: ImportProblemDto[] = [];
    const conversions: ImportConversionDto[] = [];
    const duplicates: ImportDuplicateDto[] = [];
    const planned: PlannedRow[] = [];
    const seenUscc = new Map<string, number>();
    const seenName = new Map<string, number>();
    const checked: { parsed: ParsedRow; position: number }[] = [];
    for (const [position, row] of rows.entries()) {
      const parsed = parseRow(row, today, { errors, conversions });
      if (!parsed) continue;
      const earlier = (parsed.uscc && seenUscc.get(parsed.uscc)) || seenName.get(parsed.normalizedName);
      if (earlier) {
        errors.push({ row: row.row, column: LEDGER_COLUMNS.name, reason: `与第 ${earlier} 行是同一家企业` });
        continue;
      }
      if (parsed.uscc) seenUscc.set(parsed.uscc, row.row);
      seenName.set(parsed.normalizedName, row.row);
      checked.push({ parsed, position });
    }
    let next = 0;
    for (let from = 0; from < rows.length; from += IMPORT_PROGRESS_STEP) {
      const step: ParsedRow[] = [];
      while (next < checked.length && checked[next].position < from + IMPORT_PROGRESS_STEP)
        step.push(checked[next++].parsed);
      const registry = await this.registryOf(bureauId, step, tx);
      for (const parsed of step) {
        const found = resolve(parsed, registry, bureauId);
        if ('kind' in found) duplicates.push(found);
        else planned.push({ parsed, ...found, ...changesOf(parsed, found.existing) });
      }
      if (job) await job.progress(Math.min(rows.length, from + IMPORT_PROGRESS_STEP));
    }
    const rowsOut = planned.map((row) => reportRow(row, row.existing?.id ?? null));
    const count = (outcome: ImportRowOutcome) => rowsOut.filter((row) => row.outcome === outcome).length;
    return {
      planned,
      today,
      report: {
        mode,
        totalRows: rows.length,
        validRows: planned.length,
        newRows: count('new'),
        updatedRows: count('updated'),
        unchangedRows: count('unchanged'),
        errors,
        duplicates,
        conversions,
        committed: false,
        rows: rowsOut,
      },
    };
  }

  /** What the registry holds for these rows: companies by code, and the companies each row's name is close to. */
  private async registryOf(bureauId: string, rows: ParsedRow[], tx?: Transaction): Promise<Registry> {
    const usccs = rows.flatMap((row) => (row.uscc ? [row.uscc] : []));
    const byUscc = new Map((await this.investors.findByUsccs(usccs, tx)).map((i) => [i.uscc as string, i]));
    // a row found by its code is not compared by name
    const names = rows.filter((row) => !(row.uscc && byUscc.has(row.uscc))).map((row) => row.normalizedName);
    const similar = await this.investors.similarToEach(names, NEAR_DUPLICATE_SIMILARITY, tx);
    // companies nobody follows now, whose lead the bureau converted or dropped: not registered again
    const unheld = [...byUscc.values(), ...[...similar.values()].flat().map((candidate) => candidate.investor)]
      .filter((investor) => !investor.openLead)
      .map((investor) => investor.id);
    const closed = await this.leadService.closedLeadsOf(bureauId, [...new Set(unheld)], tx);
    return { byUscc, similar, closed };
  }
}

/** A commit goes ahead unless a cell is wrong: 撞单 and near-duplicates refuse their own rows only. */
function isRejected(report: ImportReportDto): boolean {
  return report.errors.length > 0;
}

function rejection(report: ImportReportDto): string {
  return `台账有 ${report.errors.length} 处错误，未导入任何数据，请改正后重新导入`;
}
