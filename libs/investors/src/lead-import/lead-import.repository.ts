import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { NORMALIZED_NAME_INDEX, USCC_INDEX, NewInvestor } from '../investor.repository';
import { UniqueIndexViolation } from '../investors.exception';
import { isUniqueViolation } from '../query-helpers';

/**
 * The companies a committed ledger registers, a chunk in one statement (row by row, a large ledger would hold its
 * transaction for minutes); its leads go through LeadService, which holds the 撞单 rule. The unique index still
 * decides: a USCC that appeared since the checks refuses the whole statement.
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
}
