import { preparedQuery, Transaction, write, Writer } from '@app/core';
import { BureauEntity } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { LeadSort } from './dto/lead.dto';
import { InvestorEntity } from './entities/investor.entity';
import { LeadEntity, OPEN_LEAD_INDEX } from './entities/lead.entity';
import { UniqueIndexViolation } from './investors.exception';
import { LeadSource, LeadStatus } from './lead-source';
import { containsPattern, isUniqueViolation, sortOf } from './query-helpers';

export interface LeadFilter {
  bureauId?: string | null;
  officerId?: string;
  investorId?: string;
  status?: LeadStatus;
  source?: LeadSource;
  /** Registration dates, inclusive, as YYYY-MM-DD in the district's time zone. */
  from?: string;
  to?: string;
  followUpBefore?: string;
  text?: { raw: string; normalized: string };
}

/** A lead as the visits filed under it see it. */
export interface LeadVisitSubject {
  leadId: string;
  bureauId: string;
  bureau: Pick<BureauEntity, 'code' | 'name'>;
  investor: Pick<InvestorEntity, 'id' | 'name' | 'uscc'>;
}

export type NewLead = Pick<
  LeadEntity,
  | 'investorId'
  | 'bureauId'
  | 'officerId'
  | 'source'
  | 'industry'
  | 'intendedAmount'
  | 'nextFollowUpAt'
  | 'note'
  | 'createdById'
> &
  // only the demo data set gives a registration time of its own
  Partial<Pick<LeadEntity, 'createdAt'>>;

export type LeadPatch = Partial<
  Pick<
    LeadEntity,
    | 'source'
    | 'industry'
    | 'intendedAmount'
    | 'nextFollowUpAt'
    | 'lastContactAt'
    | 'note'
    | 'officerId'
    | 'bureauId'
    | 'status'
    | 'dropReason'
    | 'closedAt'
  >
>;

const SORT_COLUMNS: Record<string, string> = {
  createdAt: 'l.createdAt',
  nextFollowUpAt: 'l.nextFollowUpAt',
  lastContactAt: 'l.lastContactAt',
  intendedAmount: 'l.intendedAmount',
};

@Injectable()
export class LeadRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(tx?: Transaction): SelectQueryBuilder<LeadEntity> {
    return this.manager(tx)
      .getRepository(LeadEntity)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.investor', 'i')
      .innerJoinAndSelect('l.bureau', 'b')
      .innerJoinAndSelect('l.officer', 'o');
  }

  /** `bureauScope` limits the lookup to one bureau: another bureau's lead is simply not found. */
  findById(id: string, bureauScope: string | null, tx?: Transaction): Promise<LeadEntity | null> {
    const query = this.select(tx).where('l.id = :id', { id });
    if (bureauScope) query.andWhere('l.bureauId = :scope', { scope: bureauScope });
    return query.getOne();
  }

  /**
   * What filing a visit under the lead needs — its bureau and investor — in one plain query (visits are the
   * most frequent write, so this skips the entity mapping). `null` outside the scope.
   */
  async visitSubject(id: string, bureauScope: string | null): Promise<LeadVisitSubject | null> {
    const rows = await preparedQuery<Record<string, string | null>>(
      this.dataSource,
      `SELECT l.id, l.bureau_id, b.code AS bureau_code, b.name AS bureau_name,
              i.id AS investor_id, i.name AS investor_name, i.uscc AS investor_uscc
         FROM lead l JOIN bureau b ON b.id = l.bureau_id JOIN investor i ON i.id = l.investor_id
        WHERE l.id = $1 AND ($2::uuid IS NULL OR l.bureau_id = $2::uuid)`,
      [id, bureauScope],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      leadId: row.id as string,
      bureauId: row.bureau_id as string,
      bureau: { code: row.bureau_code as string, name: row.bureau_name as string },
      investor: { id: row.investor_id as string, name: row.investor_name as string, uscc: row.investor_uscc },
    };
  }

  /** Reads the lead and locks its row until the transaction ends. */
  async lockById(id: string, tx: Transaction): Promise<LeadEntity | null> {
    const locked = await tx
      .getRepository(LeadEntity)
      .createQueryBuilder('l')
      .where('l.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    return locked ? this.findById(locked.id, null, tx) : null;
  }

  findOpenOfInvestor(investorId: string, tx?: Transaction): Promise<LeadEntity | null> {
    return this.select(tx)
      .where('l.investorId = :investorId AND l.status = :open', { investorId, open: LeadStatus.Open })
      .getOne();
  }

  async list(filter: LeadFilter, sort: LeadSort, skip: number, take: number): Promise<[LeadEntity[], number]> {
    const query = this.select();
    if (filter.bureauId) query.andWhere('l.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.officerId) query.andWhere('l.officerId = :officerId', { officerId: filter.officerId });
    if (filter.investorId) query.andWhere('l.investorId = :investorId', { investorId: filter.investorId });
    if (filter.status) query.andWhere('l.status = :status', { status: filter.status });
    if (filter.source) query.andWhere('l.source = :source', { source: filter.source });
    if (filter.from) {
      query.andWhere(`l.createdAt >= CAST(:from AS timestamp) AT TIME ZONE 'Asia/Shanghai'`, { from: filter.from });
    }
    if (filter.to) {
      query.andWhere(`l.createdAt < (CAST(:to AS date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, {
        to: filter.to,
      });
    }
    if (filter.followUpBefore) query.andWhere('l.nextFollowUpAt <= :fub', { fub: filter.followUpBefore });
    if (filter.text) {
      query.andWhere('(i.normalizedName LIKE :normalized OR i.name ILIKE :text OR i.uscc = :uscc)', {
        normalized: containsPattern(filter.text.normalized),
        text: containsPattern(filter.text.raw),
        uscc: filter.text.raw.toUpperCase(),
      });
    }
    const [field, order] = sortOf(sort);
    // each lead joins exactly one investor, bureau and officer, so offset/limit is exact
    const [items, total] = await Promise.all([
      query
        .clone()
        .orderBy(SORT_COLUMNS[field], order, order === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
        .addOrderBy('l.id', 'ASC')
        .offset(skip)
        .limit(take)
        .getMany(),
      query.clone().getCount(),
    ]);
    return [items, total];
  }

  /** Throws UniqueIndexViolation(OPEN_LEAD_INDEX) when the investor already has an open lead (撞单). */
  async insert(lead: NewLead, tx: Transaction): Promise<LeadEntity> {
    const repository = tx.getRepository(LeadEntity);
    let id: string;
    try {
      id = (await repository.save(repository.create({ ...lead, status: LeadStatus.Open }))).id;
    } catch (error) {
      if (isUniqueViolation(error, OPEN_LEAD_INDEX)) throw new UniqueIndexViolation(OPEN_LEAD_INDEX);
      throw error;
    }
    return (await this.findById(id, null, tx)) as LeadEntity;
  }

  async update(id: string, patch: LeadPatch, tx: Transaction): Promise<LeadEntity> {
    await tx.getRepository(LeadEntity).update({ id }, patch);
    return (await this.findById(id, null, tx)) as LeadEntity;
  }

  /** Moves the last contact forward to `date` (never back) and sets the next follow-up when given. */
  async recordContact(id: string, date: string, nextFollowUpAt: string | null, tx: Writer): Promise<void> {
    await write(
      tx,
      `UPDATE lead
          SET last_contact_at = GREATEST(COALESCE(last_contact_at, $2::date), $2::date),
              next_follow_up_at = COALESCE($3::date, next_follow_up_at),
              updated_at = now()
        WHERE id = $1`,
      [id, date, nextFollowUpAt],
    );
  }

  /** Recomputes the last contact from the lead's visits (after a visit's date was corrected). */
  async refreshLastContact(id: string, tx: Transaction): Promise<void> {
    await tx.query(
      `UPDATE lead SET last_contact_at = (SELECT max(date) FROM visit WHERE lead_id = $1), updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }
}
