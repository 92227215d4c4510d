import { Actor, AuditService, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { ImportedRowDto } from '../dto/lead-import.dto';
import { InvestorsException, InvestorsExceptionCode as Code } from '../investors.exception';
import { LeadService } from '../lead.service';
import { LeadImportRepository } from './lead-import.repository';
import { Plan, PlannedRow, reportRow } from './ledger-plan';

/** Rows written per statement when a ledger is committed. */
const WRITE_CHUNK = 1_000;

/**
 * The writes of a committed ledger, in the caller's transaction: new companies through the import's own statement,
 * leads through LeadService (which holds the one-claim rule, counts them and audits them).
 */
@Injectable()
export class LeadImportWriter {
  constructor(
    private readonly imports: LeadImportRepository,
    private readonly leadService: LeadService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Registers the new companies and their leads, and updates the bureau's own leads the ledger changed, a chunk
   * at a time; the rows' report in ledger order.
   */
  async write(
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
