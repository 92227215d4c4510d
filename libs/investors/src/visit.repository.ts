import { Role, Transaction, write, Writer } from '@app/core';
import { UserEntity } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { VisitSort } from './dto/visit.dto';
import { VisitEntity } from './entities/visit.entity';
import { VisitKind } from './lead-source';
import { containsPattern, sortOf } from './query-helpers';

export interface VisitFilter {
  bureauId?: string | null;
  officerId?: string;
  leadId?: string;
  projectId?: string;
  kind?: VisitKind;
  leaderLed?: boolean;
  from?: string;
  to?: string;
  text?: { raw: string; normalized: string };
}

export type NewVisit = Pick<
  VisitEntity,
  | 'leadId'
  | 'projectId'
  | 'bureauId'
  | 'officerId'
  | 'date'
  | 'kind'
  | 'place'
  | 'participants'
  | 'leaderIds'
  | 'leaderLed'
  | 'summary'
  | 'nextSteps'
  | 'nextFollowUpAt'
>;

export type VisitPatch = Partial<Omit<NewVisit, 'leadId' | 'projectId' | 'bureauId' | 'officerId'>>;

const SORT_COLUMNS: Record<string, string> = { date: 'v.date', createdAt: 'v.createdAt' };

@Injectable()
export class VisitRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(tx?: Transaction): SelectQueryBuilder<VisitEntity> {
    return this.manager(tx)
      .getRepository(VisitEntity)
      .createQueryBuilder('v')
      .innerJoinAndSelect('v.bureau', 'b')
      .innerJoinAndSelect('v.officer', 'o')
      .leftJoinAndSelect('v.lead', 'l')
      .leftJoinAndSelect('l.investor', 'i');
  }

  findById(id: string, bureauScope: string | null, tx?: Transaction): Promise<VisitEntity | null> {
    const query = this.select(tx).where('v.id = :id', { id });
    if (bureauScope) query.andWhere('v.bureauId = :scope', { scope: bureauScope });
    return query.getOne();
  }

  /**
   * A page of visits and the total. The filters stand on the visit alone (text reaches the investor through a
   * subquery), so the total is a plain count over the visit's own indexes, without the joins of the page.
   */
  async list(filter: VisitFilter, sort: VisitSort, skip: number, take: number): Promise<[VisitEntity[], number]> {
    const [field, order] = sortOf(sort);
    // ties go the same way as the sort, so that one index serves the whole order
    const page = this.filtered(this.select(), filter).orderBy(SORT_COLUMNS[field], order);
    if (field !== 'createdAt') page.addOrderBy('v.createdAt', order);
    page.addOrderBy('v.id', order).offset(skip).limit(take);
    const count = this.filtered(this.manager().getRepository(VisitEntity).createQueryBuilder('v'), filter)
      .select('count(*)::int', 'total')
      .getRawOne<{ total: number }>();
    const [items, total] = await Promise.all([page.getMany(), count]);
    return [items, total?.total ?? 0];
  }

  private filtered(query: SelectQueryBuilder<VisitEntity>, filter: VisitFilter): SelectQueryBuilder<VisitEntity> {
    if (filter.bureauId) query.andWhere('v.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.officerId) query.andWhere('v.officerId = :officerId', { officerId: filter.officerId });
    if (filter.leadId) query.andWhere('v.leadId = :leadId', { leadId: filter.leadId });
    if (filter.projectId) query.andWhere('v.projectId = :projectId', { projectId: filter.projectId });
    if (filter.kind) query.andWhere('v.kind = :kind', { kind: filter.kind });
    if (filter.leaderLed !== undefined) query.andWhere('v.leaderLed = :leaderLed', { leaderLed: filter.leaderLed });
    if (filter.from) query.andWhere('v.date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('v.date <= :to', { to: filter.to });
    if (filter.text) {
      // both sides can use a trigram index: the investors' names and the visits' summaries
      query.andWhere(
        `(v.lead_id IN (SELECT tl.id FROM lead tl JOIN investor ti ON ti.id = tl.investor_id
                          WHERE ti.normalized_name LIKE :normalized OR ti.name ILIKE :text)
          OR v.summary ILIKE :text)`,
        { normalized: containsPattern(filter.text.normalized), text: containsPattern(filter.text.raw) },
      );
    }
    return query;
  }

  /** Writes a visit whose id and creation time the caller made, so it can go into a write batch. */
  async insert(visit: NewVisit & Pick<VisitEntity, 'id' | 'createdAt'>, writer: Writer): Promise<void> {
    await write(
      writer,
      `INSERT INTO visit (id, lead_id, project_id, bureau_id, officer_id, date, kind, place, participants, leader_ids,
                          leader_led, summary, next_steps, next_follow_up_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::uuid[], $11, $12, $13, $14, $15, $15)`,
      [
        visit.id,
        visit.leadId,
        visit.projectId,
        visit.bureauId,
        visit.officerId,
        visit.date,
        visit.kind,
        visit.place,
        visit.participants,
        visit.leaderIds,
        visit.leaderLed,
        visit.summary,
        visit.nextSteps,
        visit.nextFollowUpAt,
        visit.createdAt,
      ],
    );
  }

  async update(id: string, patch: VisitPatch, tx: Transaction): Promise<VisitEntity> {
    await tx.getRepository(VisitEntity).update({ id }, patch);
    return (await this.findById(id, null, tx)) as VisitEntity;
  }

  /** The active users with the leader role among these ids (a visit names only real county leaders). */
  leadersByIds(ids: string[], tx?: Transaction): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(tx)
      .getRepository(UserEntity)
      .find({ where: { id: In(ids), role: Role.Leader, active: true } });
  }

  /** Names of users, active or not, for showing the leaders of past visits. */
  usersByIds(ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(UserEntity).find({ where: { id: In(ids) } });
  }
}
