import { Actor, AuditService, BusinessClock, NotFoundException, TransactionRunner } from '@app/core';
import { BureauRepository } from '@app/identity';
import {
  describeUsccProblem,
  headerKey,
  LedgerFileError,
  LedgerRow,
  normalizeCompanyName,
  normalizeUscc,
  readLedger,
  usccProblem,
} from '@app/investors';
import { Injectable } from '@nestjs/common';
import { TARGET_TIER_LABELS, TargetTier } from './chain';
import { ChainRepository } from './chain.repository';
import { ChainTargetRepository, NewTarget } from './chain-target.repository';
import { ChainsException, ChainsExceptionCode as Code } from './chains.exception';
import { auditViewOfTarget } from './chains.mapper';
import { TargetImportMode, TargetImportReportDto, TargetImportRowDto } from './dto/target-import.dto';

/** Rows one upload may hold. */
export const MAX_TARGET_IMPORT_ROWS = 2_000;

/** The columns of a target list, by the header people write. */
export const TARGET_COLUMNS = {
  link: '环节',
  name: '企业名称',
  uscc: '统一社会信用代码',
  tier: '企业类型',
  region: '所在地区',
  reason: '推荐理由',
  bureau: '分工招商局',
} as const;
const REQUIRED: (keyof typeof TARGET_COLUMNS)[] = ['link', 'name', 'tier'];

interface CheckedRow {
  report: TargetImportRowDto;
  target: Omit<NewTarget, 'listedOn' | 'createdById'> | null;
}

/**
 * A chain's target companies from an Excel or CSV list (the ledger import's file reading): a dry run reports every
 * row (新增, 已在库中, or its problems); a commit writes all new rows in one transaction, and only when no row has a
 * problem. Leaders and admins import, since the list assigns bureaus.
 */
@Injectable()
export class ChainTargetImportService {
  constructor(
    private readonly chains: ChainRepository,
    private readonly targets: ChainTargetRepository,
    private readonly bureaus: BureauRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
  ) {}

  async import(actor: Actor, chainId: string, file: unknown, mode: TargetImportMode): Promise<TargetImportReportDto> {
    const chain = await this.chains.findChain(chainId);
    if (!chain) throw new NotFoundException('产业链');
    const rows = await this.read(file);
    const checked = await this.check(chainId, rows);
    const report = (committed: boolean): TargetImportReportDto => ({
      committed,
      totalRows: checked.length,
      newRows: checked.filter((c) => c.report.status === 'new').length,
      existingRows: checked.filter((c) => c.report.status === 'exists').length,
      errorRows: checked.filter((c) => c.report.status === 'error').length,
      rows: checked.map((c) => c.report),
    });
    if (mode === 'dry-run') return report(false);
    if (checked.some((c) => c.report.status === 'error')) {
      throw new ChainsException(
        Code.ImportRejected,
        '目标企业清单有错误，未导入任何一行：请按检查报告修改后重新上传',
        report(false),
      );
    }
    const listedOn = this.clock.today();
    await this.transactions.run(async (tx) => {
      for (const row of checked) {
        if (!row.target || row.report.status !== 'new') continue;
        const created = await this.targets.insert({ ...row.target, listedOn, createdById: actor.userId }, tx);
        row.report.targetId = created.id;
        await this.audit.record(
          actor,
          {
            action: 'chain_target.create',
            entity: 'chain_target',
            entityId: created.id,
            after: { ...auditViewOfTarget(created), via: 'chain_target_import' },
          },
          tx,
        );
      }
    });
    return report(true);
  }

  private async read(file: unknown): Promise<LedgerRow[]> {
    if (!Buffer.isBuffer(file) || file.length === 0) {
      throw new ChainsException(Code.ImportFileInvalid, '请以 XLSX 或 CSV（text/csv）上传目标企业清单');
    }
    try {
      const ledger = await readLedger(file, MAX_TARGET_IMPORT_ROWS);
      const missing = REQUIRED.filter((field) => !ledger.headers.includes(headerKey(TARGET_COLUMNS[field])));
      if (missing.length > 0) {
        throw new LedgerFileError(`缺少必填列：${missing.map((field) => TARGET_COLUMNS[field]).join('、')}`);
      }
      return ledger.rows;
    } catch (error) {
      if (error instanceof LedgerFileError) throw new ChainsException(Code.ImportFileInvalid, error.message);
      throw error;
    }
  }

  private async check(chainId: string, rows: LedgerRow[]): Promise<CheckedRow[]> {
    const links = new Map((await this.chains.linksOf(chainId)).map((link) => [link.name, link.id]));
    const bureaus = await this.bureaus.list();
    const bureauOf = new Map(bureaus.flatMap((b) => [[b.code.toUpperCase(), b.id] as const, [b.name, b.id] as const]));
    const existing = await this.targets.keysOn([...links.values()]);
    const seen = new Map<string, number>();
    return rows.map(({ row, cells }) => {
      const cell = (field: keyof typeof TARGET_COLUMNS) => cells.get(headerKey(TARGET_COLUMNS[field])) ?? '';
      const problems: string[] = [];
      const name = cell('name');
      const linkName = cell('link');
      const linkId = links.get(linkName);
      if (!linkName) problems.push('环节不能为空');
      else if (!linkId) problems.push(`本产业链没有名为“${linkName}”的环节`);
      if (name.length < 2 || name.length > 200) problems.push('企业名称应为 2–200 个字');
      const usccText = cell('uscc');
      const uscc = usccText ? normalizeUscc(usccText) : null;
      const usccIssue = uscc ? usccProblem(uscc) : null;
      if (usccIssue) problems.push(`统一社会信用代码有误：${describeUsccProblem(usccIssue)}`);
      const tier = tierOf(cell('tier'));
      if (!tier) problems.push(`企业类型应为 ${Object.values(TARGET_TIER_LABELS).join('、')} 之一`);
      const region = cell('region');
      if (region.length > 100) problems.push('所在地区不能超过 100 个字');
      const reason = cell('reason');
      if (reason.length > 500) problems.push('推荐理由不能超过 500 个字');
      const bureauText = cell('bureau');
      const bureauId = bureauText ? (bureauOf.get(bureauText.toUpperCase()) ?? bureauOf.get(bureauText)) : null;
      if (bureauText && !bureauId) problems.push(`没有招商局“${bureauText}”（写代码如 B01 或全称）`);
      const normalizedName = normalizeCompanyName(name);
      const key = `${linkId} ${normalizedName}`;
      if (linkId && name && seen.has(key)) problems.push(`与第 ${seen.get(key)} 行是同一环节的同一企业`);
      else if (linkId && name) seen.set(key, row);
      const report: TargetImportRowDto = {
        row,
        name,
        link: linkName || null,
        status: problems.length > 0 ? 'error' : existing.has(key) ? 'exists' : 'new',
        problems,
        targetId: null,
      };
      if (problems.length > 0 || !linkId || !tier) return { report, target: null };
      return {
        report,
        target: {
          linkId,
          name,
          normalizedName,
          uscc,
          tier,
          region: region || null,
          reason: reason || null,
          bureauId: bureauId ?? null,
        },
      };
    });
  }
}

/** A tier written as its label (链主) or its code (chain_leader). */
function tierOf(text: string): TargetTier | null {
  const value = text.trim();
  if ((Object.values(TargetTier) as string[]).includes(value)) return value as TargetTier;
  const entry = Object.entries(TARGET_TIER_LABELS).find(([, label]) => label === value);
  return entry ? (entry[0] as TargetTier) : null;
}
