import {
  Actor,
  businessDateOf,
  AMOUNT_PATTERN,
  AuditService,
  BUREAU_ROLES,
  ForbiddenException,
  isCalendarDate,
  Transaction,
  TransactionRunner,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { normalizeCompanyName } from '../company-name';
import {
  ImportDuplicateDto,
  ImportedRowDto,
  ImportJobDto,
  ImportMode,
  ImportProblemDto,
  ImportReportDto,
} from '../dto/lead-import.dto';
import { InvestorEntity } from '../entities/investor.entity';
import { LeadEntity } from '../entities/lead.entity';
import { InvestorClaimService } from '../investor-claim.service';
import { InvestorRepository, SimilarInvestor } from '../investor.repository';
import { NEAR_DUPLICATE_SIMILARITY } from '../investor.service';
import { InvestorsException, InvestorsExceptionCode as Code, UniqueIndexViolation } from '../investors.exception';
import { bureauRef, openLeadRef, toDuplicateCandidate } from '../investors.mapper';
import { LEAD_SOURCE_LABELS, LeadSource, parseLeadSource } from '../lead-source';
import { formatAmount, LeadService } from '../lead.service';
import { describeUsccProblem, normalizeUscc, usccProblem } from '../uscc';
import { ImportJobHandle, LeadImportJobService } from './lead-import-job.service';
import { LeadImportRepository } from './lead-import.repository';
import { columnKey, LEDGER_COLUMNS, LedgerField, REQUIRED_COLUMNS, TEMPLATE_FIELDS } from './ledger-columns';
import { LedgerFileError, LedgerRow, readLedger } from './ledger-file';

export const MAX_IMPORT_ROWS = 50_000;

/** A ledger with more data rows than this is imported in the background: 202 and a job to follow. */
export const ASYNC_IMPORT_ROWS = 1_000;

/** A background import reports its progress after every this many rows checked. */
export const IMPORT_PROGRESS_STEP = 500;

/** Rows written per statement when a ledger is committed. */
const WRITE_CHUNK = 1_000;

/** A small ledger's report at once, or a large one's job. */
export type ImportOutcome = { report: ImportReportDto } | { job: ImportJobDto };

/** One row that passed the checks of its own cells. */
interface ParsedRow {
  row: number;
  name: string;
  normalizedName: string;
  uscc: string | null;
  industry: string | null;
  source: LeadSource;
  intendedAmount: string | null;
  nextFollowUpAt: string | null;
  note: string | null;
  region: string | null;
  chainPosition: string | null;
}

/** What a row will do once committed. */
interface PlannedRow {
  parsed: ParsedRow;
  investor: InvestorEntity | null;
}

const LIMITS: Partial<Record<LedgerField, number>> = {
  name: 200,
  industry: 50,
  note: 1000,
  region: 100,
  chainPosition: 50,
};

/**
 * Imports an Excel or CSV ledger of leads for the signed-in officer's bureau. A dry run reports every
 * bad cell and every 撞单 or near-duplicate; a commit writes all rows in one transaction or none.
 * A large ledger runs the same checks and writes as a background job that reports its progress.
 */
@Injectable()
export class LeadImportService {
  constructor(
    private readonly investors: InvestorRepository,
    private readonly leadService: LeadService,
    private readonly claims: InvestorClaimService,
    private readonly imports: LeadImportRepository,
    private readonly jobs: LeadImportJobService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async import(actor: Actor, file: unknown, mode: ImportMode): Promise<ImportOutcome> {
    if (!BUREAU_ROLES.includes(actor.role) || !actor.bureauId) throw new ForbiddenException();
    const rows = await this.read(file);
    if (rows.length > ASYNC_IMPORT_ROWS) {
      const job = await this.jobs.start(actor, mode, rows.length, (handle) =>
        this.importInBackground(actor, rows, mode, handle),
      );
      return { job };
    }
    return { report: await this.importNow(actor, rows, mode) };
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

  /** Checks and, on commit, writes in one transaction; a commit with any problem is 422 with the report. */
  private async importNow(actor: Actor, rows: LedgerRow[], mode: ImportMode): Promise<ImportReportDto> {
    if (mode === 'dry-run') {
      return this.transactions.run(async (tx) => (await this.plan(actor, rows, mode, tx)).report);
    }
    return this.withoutRace(() =>
      this.transactions.run(async (tx) => {
        const { report, planned } = await this.plan(actor, rows, mode, tx);
        if (isRejected(report)) throw new InvestorsException(Code.ImportRejected, rejection(report), report);
        await this.commit(actor, report, planned, tx);
        return report;
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
    rows: LedgerRow[],
    mode: ImportMode,
    job: ImportJobHandle,
  ): Promise<void> {
    const { report, planned } = await this.plan(actor, rows, mode, undefined, job);
    if (mode === 'dry-run' || isRejected(report)) return job.complete(report);
    await this.withoutRace(() =>
      this.transactions.run(async (tx) => {
        await job.hold(tx);
        await this.commit(actor, report, planned, tx, job.signal);
        await job.complete(report, tx);
      }),
    );
  }

  private async commit(
    actor: Actor,
    report: ImportReportDto,
    planned: PlannedRow[],
    tx: Transaction,
    signal?: AbortSignal,
  ): Promise<void> {
    report.rows = await this.write(actor, planned, tx, signal);
    report.committed = true;
    await this.audit.record(
      actor,
      {
        action: 'lead_import.commit',
        entity: 'lead',
        after: {
          rows: report.totalRows,
          newInvestors: report.rows.filter((r) => r.newInvestor).length,
          leads: report.rows.length,
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

  /** The template: the ledger's headers, and a sheet explaining them. */
  async template(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索台账');
    sheet.columns = TEMPLATE_FIELDS.map((field) => ({
      header: LEDGER_COLUMNS[field],
      key: field,
      width: field === 'name' || field === 'note' ? 36 : 20,
    }));
    sheet.getRow(1).font = { bold: true };
    const sources = Object.values(LEAD_SOURCE_LABELS).join(',');
    for (let row = 2; row <= 1001; row++) {
      sheet.getCell(row, TEMPLATE_FIELDS.indexOf('source') + 1).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: [`"${sources}"`],
      };
    }
    const help = workbook.addWorksheet('填写说明');
    help.columns = [
      { header: '列', key: 'column', width: 22 },
      { header: '说明', key: 'help', width: 80 },
    ];
    help.getRow(1).font = { bold: true };
    help.addRows([
      { column: LEDGER_COLUMNS.name, help: '必填，企业全称' },
      { column: LEDGER_COLUMNS.uscc, help: '18 位统一社会信用代码，大写字母；境外或未注册企业可空' },
      { column: LEDGER_COLUMNS.source, help: `必填，可选：${Object.values(LEAD_SOURCE_LABELS).join('、')}` },
      { column: LEDGER_COLUMNS.intendedAmount, help: '万元，最多两位小数，不能为负，如 12500.00' },
      { column: LEDGER_COLUMNS.nextFollowUpAt, help: '日期，如 2026-12-05' },
      { column: '导入规则', help: '先“试导入”检查；正式导入时任一行有错误或撞单则整批不导入' },
    ]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /**
   * Checks every row: its own cells and repeats within the file first, then the registry, IMPORT_PROGRESS_STEP
   * rows at a time with one lookup by code and one by name per step; with a job, reports progress each step.
   */
  private async plan(
    actor: Actor,
    rows: LedgerRow[],
    mode: ImportMode,
    tx?: Transaction,
    job?: ImportJobHandle,
  ): Promise<{ report: ImportReportDto; planned: PlannedRow[] }> {
    const errors: ImportProblemDto[] = [];
    const duplicates: ImportDuplicateDto[] = [];
    const planned: PlannedRow[] = [];
    const seenUscc = new Map<string, number>();
    const seenName = new Map<string, number>();
    const checked: { parsed: ParsedRow; position: number }[] = [];
    for (const [position, row] of rows.entries()) {
      const parsed = parseRow(row, errors);
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
      const registry = await this.registryOf(step, tx);
      for (const parsed of step) {
        const found = resolve(parsed, registry, actor.bureauId as string);
        if ('kind' in found) duplicates.push(found);
        else planned.push({ parsed, investor: found.investor });
      }
      if (job) await job.progress(Math.min(rows.length, from + IMPORT_PROGRESS_STEP));
    }
    return {
      planned,
      report: {
        mode,
        totalRows: rows.length,
        validRows: planned.length,
        errors,
        duplicates,
        committed: false,
        rows: planned.map(({ parsed, investor }) => ({
          row: parsed.row,
          investorId: investor?.id ?? null,
          newInvestor: investor === null,
          leadId: null,
        })),
      },
    };
  }

  /** What the registry holds for these rows: companies by code, and the companies each row's name is close to. */
  private async registryOf(rows: ParsedRow[], tx?: Transaction): Promise<Registry> {
    const usccs = rows.flatMap((row) => (row.uscc ? [row.uscc] : []));
    const byUscc = new Map((await this.investors.findByUsccs(usccs, tx)).map((i) => [i.uscc as string, i]));
    // a row found by its code is not compared by name
    const names = rows.filter((row) => !(row.uscc && byUscc.has(row.uscc))).map((row) => row.normalizedName);
    const similar = await this.investors.similarToEach(names, NEAR_DUPLICATE_SIMILARITY, tx);
    return { byUscc, similar };
  }

  /** Registers the new companies and every lead, a chunk at a time; the rows' ids in ledger order. */
  private async write(
    actor: Actor,
    planned: PlannedRow[],
    tx: Transaction,
    signal?: AbortSignal,
  ): Promise<ImportedRowDto[]> {
    const bureauId = actor.bureauId as string;
    const imported: ImportedRowDto[] = [];
    for (let start = 0; start < planned.length; start += WRITE_CHUNK) {
      signal?.throwIfAborted();
      const chunk = planned.slice(start, start + WRITE_CHUNK);
      const fresh = chunk.filter(({ investor }) => investor === null).map(({ parsed }) => parsed);
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
      // the 撞单 rule, as for a lead entered by hand: the bureau takes every company's claim or nothing is written
      await this.claims.claimAll(chunk.map(companyOf), bureauId, tx);
      const leads = await this.imports.insertLeads(
        chunk.map((row) => ({
          investorId: companyOf(row),
          bureauId,
          officerId: actor.userId,
          source: row.parsed.source,
          industry: row.parsed.industry ?? row.investor?.industry ?? null,
          intendedAmount: row.parsed.intendedAmount,
          nextFollowUpAt: row.parsed.nextFollowUpAt,
          note: row.parsed.note,
          createdById: actor.userId,
        })),
        tx,
      );
      const leadOf = new Map(leads.map((lead) => [lead.investorId, lead]));
      await this.leadService.recordNewLeads(
        actor,
        chunk.map((row) => leadOf.get(companyOf(row)) as LeadEntity),
        'lead.import',
        tx,
      );
      for (const row of chunk) {
        imported.push({
          row: row.parsed.row,
          investorId: companyOf(row),
          newInvestor: row.investor === null,
          leadId: (leadOf.get(companyOf(row)) as LeadEntity).id,
        });
      }
    }
    return imported;
  }
}

function isRejected(report: ImportReportDto): boolean {
  return report.errors.length > 0 || report.duplicates.length > 0;
}

function rejection(report: ImportReportDto): string {
  return `台账有 ${report.errors.length} 处错误、${report.duplicates.length} 处撞单或疑似重复，未导入任何数据`;
}

/** What the registry holds for a step of rows (see LeadImportService.registryOf). */
interface Registry {
  byUscc: Map<string, InvestorEntity>;
  similar: Map<string, SimilarInvestor[]>;
}

/** Finds the company of a row in the registry, or says why the row cannot become a lead. */
function resolve(
  row: ParsedRow,
  registry: Registry,
  bureauId: string,
): { investor: InvestorEntity | null } | ImportDuplicateDto {
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
  // another bureau's live project on the company: the 撞单 rule (InvestorClaimService) refuses the lead
  if (investor?.claimedByBureau && investor.claimedAt && investor.claimedByBureauId !== bureauId) {
    const bureau = bureauRef(investor.claimedByBureau);
    const since = businessDateOf(investor.claimedAt, 'Asia/Shanghai');
    return {
      row: row.row,
      name: row.name,
      kind: 'claimed',
      reason: `撞单：该企业已由 ${bureau.code} ${bureau.name} 于 ${since} 跟进并有在推进的项目`,
      ownerBureau: bureau,
      since,
    };
  }
  return { investor };
}

/** Checks the cells of one row; every problem is added to `errors`. */
function parseRow(row: LedgerRow, errors: ImportProblemDto[]): ParsedRow | null {
  const before = errors.length;
  const cell = (field: LedgerField): string | null => {
    const value = row.cells.get(columnKey(field)) ?? '';
    if (value === '') return null;
    const limit = LIMITS[field];
    if (limit && Array.from(value).length > limit) {
      errors.push({ row: row.row, column: LEDGER_COLUMNS[field], reason: `不能超过 ${limit} 个字` });
      return null;
    }
    return value;
  };
  const problem = (field: LedgerField, reason: string) =>
    errors.push({ row: row.row, column: LEDGER_COLUMNS[field], reason });

  const name = cell('name');
  if (!name) problem('name', '必填');
  else if (Array.from(name).length < 2) problem('name', '企业名称过短');

  const typedUscc = cell('uscc');
  const uscc = typedUscc === null ? null : normalizeUscc(typedUscc);
  if (uscc) {
    const wrong = usccProblem(uscc);
    if (wrong) problem('uscc', describeUsccProblem(wrong));
  }

  const sourceText = cell('source');
  const source = sourceText ? parseLeadSource(sourceText) : null;
  if (!sourceText) problem('source', '必填');
  else if (!source) problem('source', `应为：${Object.values(LEAD_SOURCE_LABELS).join('、')}`);

  let amount = cell('intendedAmount');
  if (amount) {
    amount = amount.replace(/,/g, '');
    if (amount.startsWith('-')) problem('intendedAmount', '不能为负数');
    else if (!AMOUNT_PATTERN.test(amount)) problem('intendedAmount', '应为数字（万元），最多两位小数');
  }

  let followUp = cell('nextFollowUpAt');
  if (followUp) {
    followUp = normalizeDate(followUp);
    if (!isCalendarDate(followUp)) problem('nextFollowUpAt', '不是有效日期，应写作 2026-12-05');
  }

  const industry = cell('industry');
  const note = cell('note');
  const region = cell('region');
  const chainPosition = cell('chainPosition');
  if (errors.length > before || !name || !source) return null;
  return {
    row: row.row,
    name,
    normalizedName: normalizeCompanyName(name),
    uscc,
    industry,
    source,
    intendedAmount: amount ? formatAmount(amount) : null,
    nextFollowUpAt: followUp,
    note,
    region,
    chainPosition,
  };
}

/** 2026/12/5 and 2026.12.5 → 2026-12-05; anything else is left for the date check to refuse. */
function normalizeDate(text: string): string {
  const match = /^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?$/.exec(text);
  return match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : text;
}
