import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { LeadEntity, OPEN_LEAD_INDEX } from '../entities/lead.entity';
import { NORMALIZED_NAME_INDEX, USCC_INDEX, NewInvestor } from '../investor.repository';
import { UniqueIndexViolation } from '../investors.exception';
import { NewLead } from '../lead.repository';
import { isUniqueViolation } from '../query-helpers';

/**
 * The writes of a committed ledger: a chunk of companies, then a chunk of leads, each in one statement
 * (row by row, a large ledger would hold its transaction for minutes). The unique indexes still decide:
 * a USCC or an open lead that appeared since the checks refuses the whole statement.
 */
@Injectable()
export class LeadImportRepository {
  /** Registers the companies; their ids by normalised name (unique within one ledger). */
  async insertInvestors(investors: NewInvestor[], tx: Transaction): Promise<Map<string, string>> {
    if (investors.length === 0) return new Map();
    const column = <K extends keyof NewInvestor>(key: K) => investors.map((investor) => investor[key]);
    let rows: { id: string; normalized_name: string }[];
    try {
      rows = await tx.query(
        `INSERT INTO investor (name, normalized_name, uscc, industry, chain_position, is_chain_leader, region,
                               created_by_id, created_by_bureau_id)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
                              $6::boolean[], $7::varchar[], $8::uuid[], $9::uuid[])
         RETURNING id, normalized_name`,
        [
          column('name'),
          column('normalizedName'),
          column('uscc'),
          column('industry'),
          column('chainPosition'),
          column('isChainLeader'),
          column('region'),
          column('createdById'),
          column('createdByBureauId'),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, USCC_INDEX)) throw new UniqueIndexViolation(USCC_INDEX);
      if (isUniqueViolation(error, NORMALIZED_NAME_INDEX)) throw new UniqueIndexViolation(NORMALIZED_NAME_INDEX);
      throw error;
    }
    return new Map(rows.map((row) => [row.normalized_name, row.id]));
  }

  /** Registers the leads, open; returns them with their bureau, in no particular order. */
  async insertLeads(leads: NewLead[], tx: Transaction): Promise<LeadEntity[]> {
    if (leads.length === 0) return [];
    const column = <K extends keyof NewLead>(key: K) => leads.map((lead) => lead[key] ?? null);
    let rows: { id: string }[];
    try {
      rows = await tx.query(
        `INSERT INTO lead (investor_id, bureau_id, officer_id, source, industry, intended_amount, next_follow_up_at,
                           note, created_by_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::numeric[],
                              $7::date[], $8::varchar[], $9::uuid[])
         RETURNING id`,
        [
          column('investorId'),
          column('bureauId'),
          column('officerId'),
          column('source'),
          column('industry'),
          column('intendedAmount'),
          column('nextFollowUpAt'),
          column('note'),
          column('createdById'),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, OPEN_LEAD_INDEX)) throw new UniqueIndexViolation(OPEN_LEAD_INDEX);
      throw error;
    }
    return tx.getRepository(LeadEntity).find({
      where: { id: In(rows.map((row) => row.id)) },
      relations: { bureau: true },
    });
  }
}
