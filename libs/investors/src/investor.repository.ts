import { containsPattern, insertChunked, likeOperator, Reader, Transaction } from '@app/core';
import { BureauRefView, UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { InvestorSort } from './dto/investor.dto';
import { InvestorEntity } from './entities/investor.entity';
import { LeadEntity } from './entities/lead.entity';
import { UniqueIndexViolation } from './investors.exception';
import { LeadStatus } from './lead-source';
import { isUniqueViolation, sortOf } from './query-helpers';
import { normalizeUscc } from './uscc';

export const USCC_INDEX = 'uq_investor_uscc';
export const NORMALIZED_NAME_INDEX = 'uq_investor_normalized_name';

export interface InvestorFilter {
  text?: { raw: string; normalized: string };
  industry?: string;
  isChainLeader?: boolean;
}

export type NewInvestor = Pick<
  InvestorEntity,
  | 'name'
  | 'normalizedName'
  | 'uscc'
  | 'industry'
  | 'chainPosition'
  | 'isChainLeader'
  | 'region'
  | 'createdById'
  | 'createdByBureauId'
>;

export interface SimilarInvestor {
  investor: InvestorEntity;
  similarity: number;
}

@Injectable()
export class InvestorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** Investors with their open lead, its bureau and officer, and the registering bureau. */
  private select(tx?: Transaction): SelectQueryBuilder<InvestorEntity> {
    return this.manager(tx)
      .getRepository(InvestorEntity)
      .createQueryBuilder('i')
      .leftJoinAndMapOne('i.createdByBureau', BureauRefView, 'cb', 'cb.id = i.createdByBureauId')
      .leftJoinAndMapOne('i.claimedByBureau', BureauRefView, 'clb', 'clb.id = i.claimedByBureauId')
      .leftJoinAndMapOne('i.openLead', LeadEntity, 'ol', 'ol.investorId = i.id AND ol.status = :open', {
        open: LeadStatus.Open,
      })
      .leftJoinAndMapOne('ol.bureau', BureauRefView, 'olb', 'olb.id = ol.bureauId')
      .leftJoinAndMapOne('ol.officer', UserRefView, 'olo', 'olo.id = ol.officerId');
  }

  findById(id: string, tx?: Transaction): Promise<InvestorEntity | null> {
    return this.select(tx).where('i.id = :id', { id }).getOne();
  }

  findByNormalizedName(normalizedName: string, tx?: Transaction): Promise<InvestorEntity | null> {
    return this.select(tx).where('i.normalizedName = :normalizedName', { normalizedName }).getOne();
  }

  findByUscc(uscc: string, tx?: Transaction): Promise<InvestorEntity | null> {
    return this.select(tx).where('i.uscc = :uscc', { uscc }).getOne();
  }

  async list(
    filter: InvestorFilter,
    sort: InvestorSort,
    skip: number,
    take: number,
    reader?: Reader,
  ): Promise<[InvestorEntity[], number]> {
    const [field, order] = sortOf(sort);
    // at most one open lead per investor, so the joins never multiply rows and offset/limit is exact
    const page = this.filtered(this.select(reader), filter)
      .orderBy(`i.${field}`, order)
      .addOrderBy('i.id', 'ASC')
      .offset(skip)
      .limit(take);
    // the filters stand on the investor alone, and its joins are to-one: the total is a plain count of
    // investors, which an index can answer, instead of a count of distinct ids over the joins
    const count = this.filtered(this.manager(reader).getRepository(InvestorEntity).createQueryBuilder('i'), filter)
      .select('count(*)::int', 'total')
      .getRawOne<{ total: number }>();
    const [items, total] = await Promise.all([page.getMany(), count]);
    return [items, total?.total ?? 0];
  }

  private filtered(
    query: SelectQueryBuilder<InvestorEntity>,
    filter: InvestorFilter,
  ): SelectQueryBuilder<InvestorEntity> {
    if (filter.text) {
      const like = likeOperator(filter.text.raw);
      query.andWhere(`(i.normalizedName LIKE :normalized OR i.name ${like} :text OR i.uscc = :uscc)`, {
        normalized: containsPattern(filter.text.normalized),
        text: containsPattern(filter.text.raw),
        uscc: normalizeUscc(filter.text.raw),
      });
    }
    if (filter.industry) query.andWhere('i.industry = :industry', { industry: filter.industry });
    if (filter.isChainLeader !== undefined) {
      query.andWhere('i.isChainLeader = :leader', { leader: filter.isChainLeader });
    }
    return query;
  }

  /** The names of these companies, by id. */
  async namesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.manager()
      .getRepository(InvestorEntity)
      .find({ select: { id: true, name: true }, where: { id: In(ids) } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  findByUsccs(usccs: string[], tx?: Transaction): Promise<InvestorEntity[]> {
    if (usccs.length === 0) return Promise.resolve([]);
    return this.select(tx).where('i.uscc IN (:...usccs)', { usccs }).getMany();
  }

  /**
   * Companies whose normalised name equals this one or is at least `threshold` similar (trigrams),
   * most similar first. The `%` operator lets the GIN trigram index find the candidates.
   */
  async similar(normalizedName: string, threshold: number, tx?: Transaction, limit = 10): Promise<SimilarInvestor[]> {
    return (await this.similarToEach([normalizedName], threshold, tx, limit)).get(normalizedName) ?? [];
  }

  /** `similar` for many names in two statements (a ledger import checks thousands of rows). */
  async similarToEach(
    normalizedNames: string[],
    threshold: number,
    tx?: Transaction,
    limit = 10,
  ): Promise<Map<string, SimilarInvestor[]>> {
    const result = new Map<string, SimilarInvestor[]>();
    if (normalizedNames.length === 0) return result;
    const rows = await this.inTransaction(tx, (manager) =>
      this.similarityRows(normalizedNames, threshold, limit, manager),
    );
    if (rows.length === 0) return result;
    const ids = [...new Set(rows.map((row) => row.id))];
    const investors = await this.select(tx).where('i.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(investors.map((i) => [i.id, i]));
    for (const row of rows) {
      const investor = byId.get(row.id);
      if (!investor) continue;
      const similar = result.get(row.probe) ?? [];
      similar.push({ investor, similarity: Math.round(Number(row.similarity) * 100) / 100 });
      result.set(row.probe, similar);
    }
    return result;
  }

  private inTransaction<T>(tx: Transaction | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.dataSource.transaction(work);
  }

  /**
   * The planner prices the trigram index above a scan of the table for a registry of a few thousand names,
   * and the scan computes the similarity of every name for every probe: about five times slower here. Within
   * the transaction, and only for this statement, it is told to use the index.
   */
  private async similarityRows(
    normalizedNames: string[],
    threshold: number,
    limit: number,
    manager: EntityManager,
  ): Promise<{ probe: string; id: string; similarity: number }[]> {
    await manager.query('SET LOCAL enable_seqscan = off');
    const rows: { probe: string; id: string; similarity: number }[] = await manager.query(
      `SELECT f.name AS probe, c.id, c.similarity
         FROM unnest($1::text[]) WITH ORDINALITY AS f(name, position)
        CROSS JOIN LATERAL (
              SELECT id, created_at, similarity(normalized_name, f.name)::float8 AS similarity
                FROM investor
               WHERE normalized_name = f.name
                  OR (normalized_name % f.name AND similarity(normalized_name, f.name) >= $2)
               ORDER BY similarity DESC, created_at ASC
               LIMIT $3) AS c
        ORDER BY f.position, c.similarity DESC, c.created_at ASC`,
      [[...new Set(normalizedNames)], threshold, limit],
    );
    await manager.query('SET LOCAL enable_seqscan = DEFAULT');
    return rows;
  }

  /** Serialises registrations of the same normalised name until the transaction ends. */
  async lockName(normalizedName: string, tx: Transaction): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('investor-name:' || $1))`, [normalizedName]);
  }

  /** Companies of a history loaded at once (the demo), with the ids and creation times they had on their days. */
  insertHistory(investors: (NewInvestor & Pick<InvestorEntity, 'id' | 'createdAt'>)[], tx: Transaction): Promise<void> {
    return insertChunked(tx, InvestorEntity, investors);
  }

  async insert(investor: NewInvestor, tx: Transaction): Promise<InvestorEntity> {
    const repository = tx.getRepository(InvestorEntity);
    let id: string;
    try {
      id = (await repository.save(repository.create(investor))).id;
    } catch (error) {
      throw violationOf(error);
    }
    return (await this.findById(id, tx)) as InvestorEntity;
  }

  async update(id: string, patch: Partial<NewInvestor>, tx: Transaction): Promise<InvestorEntity> {
    try {
      await tx.getRepository(InvestorEntity).update({ id }, patch);
    } catch (error) {
      throw violationOf(error);
    }
    return (await this.findById(id, tx)) as InvestorEntity;
  }

  /**
   * Sets the claim to `bureauId` if no other bureau holds it, in one statement: the row lock makes a racing
   * claim wait and then see this one. False when another bureau holds the investor (or it does not exist).
   */
  async claim(investorId: string, bureauId: string, tx: Transaction): Promise<boolean> {
    return (await this.claimAll([investorId], bureauId, tx)).length === 0;
  }

  /** `claim` for many investors in one statement; the ids that another bureau holds. */
  async claimAll(investorIds: string[], bureauId: string, tx: Transaction): Promise<string[]> {
    const ids = [...new Set(investorIds)].sort();
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await tx.query(
      `WITH claimed AS (
         UPDATE investor
            SET claimed_by_bureau_id = $2,
                claimed_at = CASE WHEN claimed_by_bureau_id = $2 THEN claimed_at ELSE now() END
          WHERE id = ANY($1::uuid[]) AND (claimed_by_bureau_id IS NULL OR claimed_by_bureau_id = $2)
          RETURNING id)
       SELECT id FROM claimed`,
      [ids, bureauId],
    );
    const claimed = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !claimed.has(id));
  }

  /** The claiming bureau, with the investor's row locked until the transaction ends. */
  async lockClaim(investorId: string, tx: Transaction): Promise<{ bureauId: string | null } | null> {
    const rows: { claimed_by_bureau_id: string | null }[] = await tx.query(
      `SELECT claimed_by_bureau_id FROM investor WHERE id = $1 FOR UPDATE`,
      [investorId],
    );
    return rows.length > 0 ? { bureauId: rows[0].claimed_by_bureau_id } : null;
  }

  /** Hands the claim to another bureau, or ends it (null); the caller holds the row lock (lockClaim). */
  async setClaim(investorId: string, bureauId: string | null, tx: Transaction): Promise<void> {
    await tx.query(
      `UPDATE investor SET claimed_by_bureau_id = $2, claimed_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END
        WHERE id = $1`,
      [investorId, bureauId],
    );
  }
}

function violationOf(error: unknown): unknown {
  for (const index of [USCC_INDEX, NORMALIZED_NAME_INDEX]) {
    if (isUniqueViolation(error, index)) return new UniqueIndexViolation(index);
  }
  return error;
}
