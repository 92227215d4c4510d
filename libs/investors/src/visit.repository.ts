import { containsPattern, likeOperator, Reader, Transaction, write, WriteBatch, Writer } from '@app/core';
import { BureauRefView, IDENTITY_VIEWS, UserRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { VisitSort } from './dto/visit.dto';
import { InvestorEntity } from './entities/investor.entity';
import { VisitEntity } from './entities/visit.entity';
import { VisitKind } from './lead-source';
import { sortOf } from './query-helpers';

export interface VisitFilter {
  id?: string;
  bureauId?: string | null;
  /** A company: the visits on its leads and on its projects (whose ids the pipeline gave). */
  investor?: { id: string; projectIds: string[] };
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

/** What a visit batch's check answers for one visit: the bureau it is filed in and its lead's company. */
export interface VisitFiling {
  bureau: Pick<BureauRefView, 'code' | 'name'>;
  investor: Pick<InvestorEntity, 'id' | 'name' | 'uscc'> | null;
}

interface FilingRow {
  id: string;
  bureau_code: string;
  bureau_name: string;
  investor_id: string | null;
  investor_name: string | null;
  investor_uscc: string | null;
}

export type VisitPatch = Partial<Omit<NewVisit, 'leadId' | 'projectId' | 'bureauId' | 'officerId'>>;

const SORT_COLUMNS: Record<string, string> = { date: 'v.date', createdAt: 'v.createdAt' };

@Injectable()
export class VisitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(tx?: Transaction): SelectQueryBuilder<VisitEntity> {
    return this.manager(tx)
      .getRepository(VisitEntity)
      .createQueryBuilder('v')
      .innerJoinAndMapOne('v.bureau', BureauRefView, 'b', 'b.id = v.bureauId')
      .innerJoinAndMapOne('v.officer', UserRefView, 'o', 'o.id = v.officerId')
      .leftJoinAndSelect('v.lead', 'l')
      .leftJoinAndSelect('l.investor', 'i');
  }

  findById(id: string, bureauScope: string | null, tx?: Transaction): Promise<VisitEntity | null> {
    const query = this.select(tx).where('v.id = :id', { id });
    if (bureauScope) query.andWhere('v.bureauId = :scope', { scope: bureauScope });
    return query.getOne();
  }

  /** The visits logged against a project, by date and entry, with their officers. */
  ofProject(projectId: string): Promise<VisitEntity[]> {
    return this.dataSource
      .getRepository(VisitEntity)
      .createQueryBuilder('v')
      .innerJoinAndMapOne('v.officer', UserRefView, 'o', 'o.id = v.officerId')
      .where('v.projectId = :projectId', { projectId })
      .orderBy('v.date', 'ASC')
      .addOrderBy('v.createdAt', 'ASC')
      .getMany();
  }

  /**
   * A page of visits and the total. The filters stand on the visit alone (text reaches the investor through a
   * subquery), so the total is a plain count over the visit's own indexes, without the joins of the page.
   */
  async list(
    filter: VisitFilter,
    sort: VisitSort,
    skip: number,
    take: number,
    reader?: Reader,
  ): Promise<[VisitEntity[], number]> {
    const [field, order] = sortOf(sort);
    // ties go the same way as the sort, so that one index serves the whole order
    const page = this.filtered(this.select(reader), filter).orderBy(SORT_COLUMNS[field], order);
    if (field !== 'createdAt') page.addOrderBy('v.createdAt', order);
    page.addOrderBy('v.id', order).offset(skip).limit(take);
    const count = this.filtered(this.manager(reader).getRepository(VisitEntity).createQueryBuilder('v'), filter)
      .select('count(*)::int', 'total')
      .getRawOne<{ total: number }>();
    const [items, total] = await Promise.all([page.getMany(), count]);
    return [items, total?.total ?? 0];
  }

  private filtered(query: SelectQueryBuilder<VisitEntity>, filter: VisitFilter): SelectQueryBuilder<VisitEntity> {
    if (filter.id) query.andWhere('v.id = :id', { id: filter.id });
    if (filter.bureauId) query.andWhere('v.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.investor) {
      query.andWhere(
        `(v.lead_id IN (SELECT il.id FROM lead il WHERE il.investor_id = :investorId)
          OR v.project_id = ANY(:investorProjects::uuid[]))`,
        { investorId: filter.investor.id, investorProjects: filter.investor.projectIds },
      );
    }
    if (filter.officerId) query.andWhere('v.officerId = :officerId', { officerId: filter.officerId });
    if (filter.leadId) query.andWhere('v.leadId = :leadId', { leadId: filter.leadId });
    if (filter.projectId) query.andWhere('v.projectId = :projectId', { projectId: filter.projectId });
    if (filter.kind) query.andWhere('v.kind = :kind', { kind: filter.kind });
    if (filter.leaderLed !== undefined) query.andWhere('v.leaderLed = :leaderLed', { leaderLed: filter.leaderLed });
    if (filter.from) query.andWhere('v.date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('v.date <= :to', { to: filter.to });
    if (filter.text) {
      // both sides can use a trigram index: the investors' names and the visits' summaries
      const like = likeOperator(filter.text.raw);
      query.andWhere(
        `(v.lead_id IN (SELECT tl.id FROM lead tl JOIN investor ti ON ti.id = tl.investor_id
                          WHERE ti.normalized_name LIKE :normalized OR ti.name ${like} :text)
          OR v.summary ${like} :text)`,
        { normalized: containsPattern(filter.text.normalized), text: containsPattern(filter.text.raw) },
      );
    }
    return query;
  }

  /** Writes visits whose ids and creation times the caller made, so that they can go into a write batch. */
  async insertAll(visits: (NewVisit & Pick<VisitEntity, 'id' | 'createdAt'>)[], writer: Writer): Promise<void> {
    await write(
      writer,
      `INSERT INTO visit (id, lead_id, project_id, bureau_id, officer_id, date, kind, place, participants, leader_ids,
                          leader_led, summary, next_steps, next_follow_up_at, created_at, updated_at)
       SELECT id, lead_id, project_id, bureau_id, officer_id, date, kind, place, participants, leader_ids,
              leader_led, summary, next_steps, next_follow_up_at, created_at, created_at
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, lead_id uuid, project_id uuid, bureau_id uuid,
              officer_id uuid, date date, kind varchar, place varchar, participants varchar, leader_ids uuid[],
              leader_led boolean, summary varchar, next_steps varchar, next_follow_up_at date, created_at timestamptz)`,
      [
        JSON.stringify(
          visits.map((visit) => ({
            id: visit.id,
            lead_id: visit.leadId,
            project_id: visit.projectId,
            bureau_id: visit.bureauId,
            officer_id: visit.officerId,
            date: visit.date,
            kind: visit.kind,
            place: visit.place,
            participants: visit.participants,
            leader_ids: visit.leaderIds,
            leader_led: visit.leaderLed,
            summary: visit.summary,
            next_steps: visit.nextSteps,
            next_follow_up_at: visit.nextFollowUpAt,
            created_at: visit.createdAt.toISOString(),
          })),
        ),
      ],
    );
  }

  /**
   * The batch's check and answer: each visit's bureau, and for a visit filed under a lead, that the lead is
   * its bureau's (else the whole batch is undone, see `batch_require`) and the lead's company.
   */
  checkFilings(visits: Pick<VisitEntity, 'id' | 'leadId' | 'bureauId'>[], batch: WriteBatch): void {
    batch.select(
      `SELECT v.id, b.code AS bureau_code, b.name AS bureau_name,
              i.id AS investor_id, i.name AS investor_name, i.uscc AS investor_uscc,
              batch_require(v.lead_id IS NULL OR l.id IS NOT NULL, 'lead ' || v.lead_id || ' not in bureau') AS ok
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, lead_id uuid, bureau_id uuid)
         JOIN ${IDENTITY_VIEWS.bureauRefs} b ON b.id = v.bureau_id
         LEFT JOIN lead l ON l.id = v.lead_id AND l.bureau_id = v.bureau_id
         LEFT JOIN investor i ON i.id = l.investor_id`,
      [JSON.stringify(visits.map((visit) => ({ id: visit.id, lead_id: visit.leadId, bureau_id: visit.bureauId })))],
    );
  }

  /** The rows of `checkFilings`, by visit id. */
  filingsOf(rows: unknown[]): Map<string, VisitFiling> {
    return new Map(
      (rows as FilingRow[]).map((row) => [
        row.id,
        {
          bureau: { code: row.bureau_code, name: row.bureau_name },
          investor: row.investor_id
            ? { id: row.investor_id, name: row.investor_name as string, uscc: row.investor_uscc }
            : null,
        },
      ]),
    );
  }

  async update(id: string, patch: VisitPatch, tx: Transaction): Promise<VisitEntity> {
    await tx.getRepository(VisitEntity).update({ id }, patch);
    return (await this.findById(id, null, tx)) as VisitEntity;
  }
}
