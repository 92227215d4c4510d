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
  IMPORT_ROW_OUTCOME_LABELS,
  ImportConversionDto,
  ImportDuplicateDto,
  ImportedRowDto,
  ImportJobDto,
  ImportMode,
  ImportProblemDto,
  ImportReportDto,
  ImportRowOutcome,
} from '../dto/lead-import.dto';
import { InvestorEntity } from '../entities/investor.entity';
import { LeadEntity } from '../entities/lead.entity';
import { InvestorRepository, SimilarInvestor } from '../investor.repository';
import { NEAR_DUPLICATE_SIMILARITY } from '../investor.service';
import { InvestorsException, InvestorsExceptionCode as Code, UniqueIndexViolation } from '../investors.exception';
import { openLeadRef, toDuplicateCandidate } from '../investors.mapper';
import { LEAD_STATUS_LABELS, LeadStatus } from '../lead-source';
import { LeadPatch } from '../lead.repository';
import { LeadService } from '../lead.service';
import { ImportJobHandle, LeadImportJobService } from './lead-import-job.service';
import { LeadImportRepository } from './lead-import.repository';
import { columnKey, LEDGER_COLUMNS, LedgerField, REQUIRED_COLUMNS } from './ledger-columns';
import { LedgerFileError, LedgerRow, readLedger } from './ledger-file';
import { ParsedRow, parseRow } from './ledger-row';
import { buildLedgerTemplate } from './ledger-template';

export const MAX_IMPORT_ROWS = 50_000;

/** A ledger with more data rows than this is imported in the background: 202 and a job to follow. */
export const ASYNC_IMPORT_ROWS = 1_000;

/** A background import reports its progress after every this many rows checked. */
export const IMPORT_PROGRESS_STEP = 500;

/** Rows written per statement when a ledger is committed. */
const WRITE_CHUNK = 1_000;

/** A small ledger's report at once, or a large one's job. */
export type ImportOutcome = { report: ImportReportDto } | { job: ImportJobDto };

/** What a row will do once committed. */
interface PlannedRow {
  parsed: ParsedRow;
  investor: InvestorEntity | null;
  /** The bureau's own open lead of the company, when it holds one already: updated by `patch`, or left alone. */
  existing: LeadEntity | null;
  patch: LeadPatch;
  changes: LedgerField[];
}

/** The checks of a whole ledger: the report, and the rows to write on commit. */
interface Plan {
  report: ImportReportDto;
  planned: PlannedRow[];
  /** The district's day the checks ran on: a new lead without a 登记日期 is registered on it. */
  today: string;
}

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
    private readonly imports: LeadImportRepository,
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
    report.rows = await this.write(actor, bureauId, plan, tx, signal);
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

  /**
   * Registers the new companies and their leads, and updates the bureau's own leads the ledger changed, a chunk
   * at a time; the rows' report in ledger order.
   */
  private async write(
    actor: Actor,
    bureauId: string,
    { planned, today }: Plan,
    tx: Transaction,
    signal?: AbortSignal,
  ): Promise<ImportedRowDto[]> {
    const imported: ImportedRowDto[] = [];
    for (let start = 0; start < planned.length; start += WRITE_CHUNK) {
      signal?.throwIfAborted();
      const chunk = planned.slice(start, start + WRITE_CHUNK);
      const added = chunk.filter((row) => row.existing === null);
      const fresh = added.filter(({ investor }) => investor === null).map(({ parsed }) => parsed);
      const newIds = await this.imports.insertInvestors(
        fresh.map((parsed) => ({
          name: parsed.name,
          normalizedName: parsed.normalizedName,
          uscc: parsed.uscc,
          industry: parsed.industry,
          chainPosition: parsed.chainPosition,
          isChainLeader: false,
          region: parsed.region,
          createdById: actor.userId,
          createdByBureauId: bureauId,
        })),
        tx,
      );
      await this.audit.recordAll(
        actor,
        fresh.map((parsed) => ({
          action: 'investor.create',
          entity: 'investor',
          entityId: newIds.get(parsed.normalizedName),
          after: { name: parsed.name, uscc: parsed.uscc, via: 'lead_import' },
        })),
        tx,
      );
      const companyOf = (row: PlannedRow) => row.investor?.id ?? (newIds.get(row.parsed.normalizedName) as string);
      const leads = await this.leadService.insertManyInTransaction(
        actor,
        added.map((row) => ({
          investorId: companyOf(row),
          bureauId,
          officerId: actor.userId,
          source: row.parsed.source,
          industry: row.parsed.industry ?? row.investor?.industry ?? null,
          intendedAmount: row.parsed.intendedAmount,
          nextFollowUpAt: row.parsed.nextFollowUpAt,
          note: row.parsed.note,
          registeredAt: row.parsed.registeredAt ?? today,
          createdById: actor.userId,
        })),
        'lead.import',
        tx,
      );
      const leadOf = new Map(leads.map((lead) => [lead.investorId, lead.id]));
      for (const row of chunk) {
        if (row.existing && row.changes.length > 0) {
          const updated = await this.leadService.updateInTransaction(
            actor,
            row.existing.id,
            bureauId,
            row.patch,
            'lead.import_update',
            tx,
          );
          if (!updated) {
            throw new InvestorsException(
              Code.LeadNotOpen,
              `第 ${row.parsed.row} 行的线索在导入期间被转化、放弃或转交，未导入任何数据，请重新试导入后再提交`,
            );
          }
        }
        imported.push({
          ...reportRow(row, row.existing?.id ?? (leadOf.get(companyOf(row)) as string)),
          investorId: companyOf(row),
        });
      }
    }
    return imported;
  }
}

/** A commit goes ahead unless a cell is wrong: 撞单 and near-duplicates refuse their own rows only. */
function isRejected(report: ImportReportDto): boolean {
  return report.errors.length > 0;
}

function rejection(report: ImportReportDto): string {
  return `台账有 ${report.errors.length} 处错误，未导入任何数据，请改正后重新导入`;
}

/** What the registry holds for a step of rows (see LeadImportService.registryOf). */
interface Registry {
  byUscc: Map<string, InvestorEntity>;
  similar: Map<string, SimilarInvestor[]>;
  /** The bureau's latest closed lead of companies without an open one, by company. */
  closed: Map<string, LeadEntity>;
}

/**
 * Finds the company of a row in the registry and the open lead `bureauId` holds of it (or, when nobody follows the
 * company, the bureau's converted or dropped one), or says why the row cannot be imported (another bureau holds
 * the company, or a registered name is close to it).
 */
function resolve(
  row: ParsedRow,
  registry: Registry,
  bureauId: string,
): { investor: InvestorEntity | null; existing: LeadEntity | null } | ImportDuplicateDto {
  let investor = (row.uscc && registry.byUscc.get(row.uscc)) || null;
  if (!investor) {
    const similar = registry.similar.get(row.normalizedName) ?? [];
    const same = similar.find((c) => c.similarity >= 1);
    if (same) {
      if (row.uscc && same.investor.uscc && same.investor.uscc !== row.uscc) {
        return {
          row: row.row,
          name: row.name,
          kind: 'conflicting_uscc',
          reason: `与已登记企业“${same.investor.name}”同名但统一社会信用代码不同（${same.investor.uscc}），请核实`,
          candidates: [toDuplicateCandidate(same)],
        };
      }
      investor = same.investor;
    } else if (similar.length > 0) {
      return {
        row: row.row,
        name: row.name,
        kind: 'near_duplicate',
        reason: `与已登记企业“${similar[0].investor.name}”名称相近，请核实后单独登记`,
        candidates: similar.map(toDuplicateCandidate),
      };
    }
  }
  if (investor?.openLead?.bureauId === bureauId) return { investor, existing: investor.openLead };
  const closed = investor && !investor.openLead && registry.closed.get(investor.id);
  if (closed) return { investor, existing: closed };
  if (investor?.openLead) {
    const owner = openLeadRef(investor.openLead);
    return {
      row: row.row,
      name: row.name,
      kind: 'open_lead',
      reason: `撞单：该企业已由 ${owner.bureau.code} ${owner.bureau.name}（具办人 ${owner.officer.displayName}）于 ${owner.since} 登记跟进`,
      ownerBureau: owner.bureau,
      ownerOfficer: owner.officer,
      since: owner.since,
    };
  }
  return { investor, existing: null };
}

/** The lead fields a ledger row sets; an empty cell leaves the bureau's lead as it is. */
const UPDATABLE: (keyof LeadPatch & keyof ParsedRow & LedgerField)[] = [
  'source',
  'industry',
  'registeredAt',
  'intendedAmount',
  'nextFollowUpAt',
  'note',
];

/** What a row changes in the bureau's existing lead of its company (nothing for a new lead). */
function changesOf(parsed: ParsedRow, existing: LeadEntity | null): { patch: LeadPatch; changes: LedgerField[] } {
  const patch: LeadPatch = {};
  const changes: LedgerField[] = [];
  if (!existing || existing.status !== LeadStatus.Open) return { patch, changes };
  for (const field of UPDATABLE) {
    const value = parsed[field];
    if (value === null || value === existing[field]) continue;
    Object.assign(patch, { [field]: value });
    changes.push(field);
  }
  return { patch, changes };
}

/** How the report shows a row: new, updated (which columns) or already there. */
function reportRow(row: PlannedRow, leadId: string | null): ImportedRowDto {
  const outcome: ImportRowOutcome = !row.existing ? 'new' : row.changes.length > 0 ? 'updated' : 'unchanged';
  const columns = row.changes.map((field) => LEDGER_COLUMNS[field]);
  let reason: string | null = null;
  if (row.existing && row.existing.status !== LeadStatus.Open) {
    reason = `本局该企业的线索（${row.existing.registeredAt} 登记）${LEAD_STATUS_LABELS[row.existing.status]}，未重新登记`;
  } else if (row.existing) {
    const held = `本局已于 ${row.existing.registeredAt} 登记该企业的线索（具办人 ${row.existing.officer?.displayName ?? '—'}）`;
    reason = columns.length > 0 ? `${held}，按台账更新：${columns.join('、')}` : `${held}，台账内容无变化，跳过`;
  }
  return {
    row: row.parsed.row,
    investorId: row.investor?.id ?? null,
    newInvestor: row.investor === null,
    leadId,
    outcome,
    outcomeLabel: IMPORT_ROW_OUTCOME_LABELS[outcome],
    changes: columns,
    reason,
  };
}
