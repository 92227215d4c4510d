import { containsPattern, insertChunked, likeOperator, Reader, Transaction, write, Writer } from '@app/core';
import { BureauRefView, UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { LeadSort } from './dto/lead.dto';
import { LeadEntity, OPEN_LEAD_INDEX } from './entities/lead.entity';
import { UniqueIndexViolation } from './investors.exception';
import { LeadSource, LeadStatus } from './lead-source';
import { isUniqueViolation, sortOf } from './query-helpers';
import { normalizeUscc } from './uscc';

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

/** A contact with a lead (a visit): its date and the next follow-up it set, if any. */
export interface LeadContactRecord {
  leadId: string;
  date: string;
  nextFollowUpAt: string | null;
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
  | 'registeredAt'
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
    | 'registeredAt'
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
  registeredAt: 'l.registeredAt',
  nextFollowUpAt: 'l.nextFollowUpAt',
  lastContactAt: 'l.lastContactAt',
  intendedAmount: 'l.intendedAmount',
};

@Injectable()
export class LeadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(tx?: Transaction): SelectQueryBuilder<LeadEntity> {
    return this.manager(tx)
      .getRepository(LeadEntity)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.investor', 'i')
      .innerJoinAndMapOne('l.bureau', BureauRefView, 'b', 'b.id = l.bureauId')
      .innerJoinAndMapOne('l.officer', UserRefView, 'o', 'o.id = l.officerId');
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

  /** The bureau's latest converted or dropped lead of each of these companies. */
  async latestClosedOf(investorIds: string[], bureauId: string, tx?: Transaction): Promise<Map<string, LeadEntity>> {
    if (investorIds.length === 0) return new Map();
    const closed = await this.select(tx)
      .where('l.investorId IN (:...investorIds) AND l.bureauId = :bureauId AND l.status <> :open', {
        investorIds,
        bureauId,
        open: LeadStatus.Open,
      })
      .orderBy('l.updatedAt', 'DESC')
      .getMany();
    const latest = new Map<string, LeadEntity>();
    for (const lead of closed) if (!latest.has(lead.investorId)) latest.set(lead.investorId, lead);
    return latest;
  }

  async list(
    filter: LeadFilter,
    sort: LeadSort,
    skip: number,
    take: number,
    reader?: Reader,
  ): Promise<[LeadEntity[], number]> {
    const [field, order] = sortOf(sort);
    // each lead joins exactly one investor, bureau and officer, so offset/limit is exact
    const page = this.filtered(this.select(reader), filter)
      .orderBy(SORT_COLUMNS[field], order, order === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('l.id', 'ASC')
      .offset(skip)
      .limit(take);
    // for the same reason the total is a plain count of leads, joined to the investor only when the text
    // filter needs its name: an index answers it, where a count of distinct ids over every join cannot
    const base = this.manager(reader).getRepository(LeadEntity).createQueryBuilder('l');
    if (filter.text) base.innerJoin('l.investor', 'i');
    const count = this.filtered(base, filter).select('count(*)::int', 'total').getRawOne<{ total: number }>();
    const [items, total] = await Promise.all([page.getMany(), count]);
    return [items, total?.total ?? 0];
  }

  private filtered(query: SelectQueryBuilder<LeadEntity>, filter: LeadFilter): SelectQueryBuilder<LeadEntity> {
    if (filter.bureauId) query.andWhere('l.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.officerId) query.andWhere('l.officerId = :officerId', { officerId: filter.officerId });
    if (filter.investorId) query.andWhere('l.investorId = :investorId', { investorId: filter.investorId });
    if (filter.status) query.andWhere('l.status = :status', { status: filter.status });
    if (filter.source) query.andWhere('l.source = :source', { source: filter.source });
    if (filter.from) query.andWhere('l.registeredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('l.registeredAt <= :to', { to: filter.to });
    if (filter.followUpBefore) query.andWhere('l.nextFollowUpAt <= :fub', { fub: filter.followUpBefore });
    if (filter.text) {
      const like = likeOperator(filter.text.raw);
      query.andWhere(`(i.normalizedName LIKE :normalized OR i.name ${like} :text OR i.uscc = :uscc)`, {
        normalized: containsPattern(filter.text.normalized),
        text: containsPattern(filter.text.raw),
        uscc: normalizeUscc(filter.text.raw),
      });
    }
    return query;
  }

  /** Throws UniqueIndexViolation(OPEN_LEAD_INDEX) when the investor already has an open lead (撞单). */
  /**
   * Leads of a history loaded at once (the demo), written with their final status; the caller counts them in the
   * rankings and writes their visits.
   */
  insertHistory(
    leads: (NewLead & Pick<LeadEntity, 'id' | 'status' | 'dropReason' | 'closedAt'>)[],
    tx: Transaction,
  ): Promise<void> {
    return insertChunked(tx, LeadEntity, leads);
  }

  /** Gives a lead of a loaded history the closing time of its day (the services stamp the time of loading). */
  async backdateClosing(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(LeadEntity).update({ id }, { closedAt: at });
  }

  /** The open lead of each company, by the company's name (a loaded history has one company per name). */
  async openLeadIdsByCompanyName(): Promise<Map<string, string>> {
    const rows = await this.dataSource
      .getRepository(LeadEntity)
      .createQueryBuilder('l')
      .innerJoin('l.investor', 'i')
      .select(['l.id AS id', 'i.name AS name'])
      .where('l.status = :open', { open: LeadStatus.Open })
      .getRawMany<{ id: string; name: string }>();
    return new Map(rows.map((row) => [row.name, row.id]));
  }

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

  /**
   * The bureau a lead's new-lead count belongs to: the one that registered it first (a transfer moves ownership,
   * not the credit), as the rankings' recount has it.
   */
  async creditedBureauId(id: string, tx: Transaction): Promise<string> {
    const [row] = (await tx.query(
      `SELECT COALESCE((SELECT from_bureau_id FROM lead_transfer WHERE lead_id = l.id AND status = 'approved'
                         ORDER BY decided_at LIMIT 1), l.bureau_id) AS "bureauId"
         FROM lead l WHERE l.id = $1`,
      [id],
    )) as { bureauId: string }[];
    return row.bureauId;
  }

  /**
   * Registers many leads, open, in one statement (a committed ledger, a chunk at a time); returns them with their
   * bureau, in no particular order. The unique index still decides: one investor with an open lead anywhere
   * refuses the whole statement with UniqueIndexViolation(OPEN_LEAD_INDEX).
   */
  async insertMany(leads: NewLead[], tx: Transaction): Promise<LeadEntity[]> {
    if (leads.length === 0) return [];
    const column = <K extends keyof NewLead>(key: K) => leads.map((lead) => lead[key] ?? null);
    let rows: { id: string }[];
    try {
      rows = await tx.query(
        `INSERT INTO lead (investor_id, bureau_id, officer_id, source, industry, intended_amount, next_follow_up_at,
                           note, registered_at, created_by_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::numeric[],
                              $7::date[], $8::varchar[], $9::date[], $10::uuid[])
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
          column('registeredAt'),
          column('createdById'),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, OPEN_LEAD_INDEX)) throw new UniqueIndexViolation(OPEN_LEAD_INDEX);
      throw error;
    }
    return tx
      .getRepository(LeadEntity)
      .createQueryBuilder('l')
      .innerJoinAndMapOne('l.bureau', BureauRefView, 'b', 'b.id = l.bureauId')
      .where('l.id IN (:...ids)', { ids: rows.map((row) => row.id) })
      .getMany();
  }

  async update(id: string, patch: LeadPatch, tx: Transaction): Promise<LeadEntity> {
    await tx.getRepository(LeadEntity).update({ id }, patch);
    return (await this.findById(id, null, tx)) as LeadEntity;
  }

  /** Moves the last contact forward to `date` (never back) and sets the next follow-up when given. */
  /**
   * Moves each lead's last contact to its latest visit date and its next follow-up to the last one given,
   * as if the contacts were recorded one after another in this order (one row per lead, one statement).
   * The rows are locked in id order, so two batches that share leads wait for each other instead of deadlocking.
   */
  async recordContacts(contacts: LeadContactRecord[], tx: Writer): Promise<void> {
    const byLead = new Map<string, { id: string; date: string; next: string | null }>();
    for (const { leadId, date, nextFollowUpAt } of contacts) {
      const seen = byLead.get(leadId);
      byLead.set(leadId, {
        id: leadId,
        date: seen && seen.date > date ? seen.date : date,
        next: nextFollowUpAt ?? seen?.next ?? null,
      });
    }
    if (byLead.size === 0) return;
    await write(
      tx,
      `UPDATE lead
          SET last_contact_at = GREATEST(COALESCE(lead.last_contact_at, c.date), c.date),
              next_follow_up_at = COALESCE(c.next, lead.next_follow_up_at),
              updated_at = now()
         FROM (SELECT l.id, c.date, c.next
                 FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, date date, next date)
                 JOIN lead l ON l.id = c.id
                ORDER BY l.id
                  FOR UPDATE OF l) AS c
        WHERE lead.id = c.id`,
      [JSON.stringify([...byLead.values()])],
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
