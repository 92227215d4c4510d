import { bureauRefOf } from '@app/identity';
import { businessDateOf } from '@app/core';
import {
  IMPORT_ROW_OUTCOME_LABELS,
  ImportDuplicateDto,
  ImportedRowDto,
  ImportReportDto,
  ImportRowOutcome,
} from '../dto/lead-import.dto';
import { InvestorEntity } from '../entities/investor.entity';
import { LeadEntity } from '../entities/lead.entity';
import { SimilarInvestor } from '../investor.repository';
import { openLeadRef, toDuplicateCandidate } from '../investors.mapper';
import { LEAD_STATUS_LABELS, LeadStatus } from '../lead-source';
import { LeadPatch } from '../lead.repository';
import { LEDGER_COLUMNS, LedgerField } from './ledger-columns';
import { ParsedRow } from './ledger-row';

// What each checked row of a ledger will do: become a new lead, update the bureau's own lead, be left alone,
// or be refused (撞单, near-duplicate). Pure functions over what the registry lookups found.

/** What a row will do once committed. */
export interface PlannedRow {
  parsed: ParsedRow;
  investor: InvestorEntity | null;
  /**
   * The bureau's own lead of the company, when it holds one already: updated by `patch` or left alone (a converted
   * or dropped one, when nobody follows the company now, is always left alone).
   */
  existing: LeadEntity | null;
  patch: LeadPatch;
  changes: LedgerField[];
}

/** The checks of a whole ledger: the report, and the rows to write on commit. */
export interface Plan {
  report: ImportReportDto;
  planned: PlannedRow[];
  /** The district's day the checks ran on: a new lead without a 登记日期 is registered on it. */
  today: string;
}

/** What the registry holds for a step of rows (see LeadImportService.registryOf). */
export interface Registry {
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
export function resolve(
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
  // another bureau's live project on the company: the 撞单 rule (InvestorClaimService) refuses the lead
  if (
    !investor?.openLead &&
    investor?.claimedByBureau &&
    investor.claimedAt &&
    investor.claimedByBureauId !== bureauId
  ) {
    const bureau = bureauRefOf(investor.claimedByBureau);
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
export function changesOf(
  parsed: ParsedRow,
  existing: LeadEntity | null,
): { patch: LeadPatch; changes: LedgerField[] } {
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
export function reportRow(row: PlannedRow, leadId: string | null): ImportedRowDto {
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
