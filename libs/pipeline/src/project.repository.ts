import { containsPattern, likeOperator, Reader, Transaction } from '@app/core';
import { BureauRefView, UserRefView } from '@app/identity';
import { InvestorRefView, INVESTORS_VIEWS } from '@app/investors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ProjectSort } from './dto/project.dto';
import { ProjectEntity } from './entities/project.entity';
import { Stage } from './stage';

export interface ProjectFilter {
  bureauId?: string | null;
  investorId?: string;
  stage?: Stage;
  leaderId?: string;
  isKeyProject?: boolean;
  industry?: string;
  signedFrom?: string;
  signedTo?: string;
  registeredFrom?: string;
  registeredTo?: string;
  startedFrom?: string;
  startedTo?: string;
  text?: string;
}

export type NewProject = Pick<
  ProjectEntity,
  | 'name'
  | 'investorId'
  | 'bureauId'
  | 'leadId'
  | 'industry'
  | 'plannedInvestment'
  | 'location'
  | 'isKeyProject'
  | 'plannedStartMonth'
  | 'responsibleLeaderId'
  | 'officerId'
  | 'stage'
  | 'createdById'
>;

export type ProjectPatch = Partial<
  Pick<
    ProjectEntity,
    | 'name'
    | 'industry'
    | 'plannedInvestment'
    | 'location'
    | 'isKeyProject'
    | 'plannedStartMonth'
    | 'responsibleLeaderId'
    | 'officerId'
    | 'stage'
    | 'terminatedFromStage'
    | 'signedAt'
    | 'signedAmount'
    | 'agreementType'
    | 'registeredAt'
    | 'localCompanyUscc'
    | 'startedAt'
    | 'operatingAt'
    | 'terminatedAt'
    | 'terminatedReason'
  >
>;

const SORT_COLUMNS: Record<string, string> = {
  updatedAt: 'p.updatedAt',
  createdAt: 'p.createdAt',
  signedAt: 'p.signedAt',
  plannedInvestment: 'p.plannedInvestment',
  name: 'p.name',
};

const RANGES: [keyof ProjectFilter, string, '>=' | '<='][] = [
  ['signedFrom', 'p.signedAt', '>='],
  ['signedTo', 'p.signedAt', '<='],
  ['registeredFrom', 'p.registeredAt', '>='],
  ['registeredTo', 'p.registeredAt', '<='],
  ['startedFrom', 'p.startedAt', '>='],
  ['startedTo', 'p.startedAt', '<='],
];

@Injectable()
export class ProjectRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(tx?: Transaction): SelectQueryBuilder<ProjectEntity> {
    return this.manager(tx)
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.investor', InvestorRefView, 'i', 'i.id = p.investorId')
      .innerJoinAndMapOne('p.bureau', BureauRefView, 'b', 'b.id = p.bureauId')
      .innerJoinAndMapOne('p.officer', UserRefView, 'o', 'o.id = p.officerId')
      .leftJoinAndMapOne('p.responsibleLeader', UserRefView, 'rl', 'rl.id = p.responsibleLeaderId');
  }

  /** `bureauScope` limits the lookup to one bureau: another bureau's project is simply not found. */
  findById(id: string, bureauScope: string | null, tx?: Transaction): Promise<ProjectEntity | null> {
    const query = this.select(tx).where('p.id = :id', { id });
    if (bureauScope) query.andWhere('p.bureauId = :scope', { scope: bureauScope });
    return query.getOne();
  }

  async list(
    filter: ProjectFilter,
    sort: ProjectSort,
    skip: number,
    take: number,
    reader?: Reader,
  ): Promise<[ProjectEntity[], number]> {
    const [field, order] = sort.startsWith('-') ? [sort.slice(1), 'DESC' as const] : [sort, 'ASC' as const];
    const page = this.filtered(this.select(reader), filter)
      .orderBy(SORT_COLUMNS[field], order, order === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('p.id', 'ASC')
      .offset(skip)
      .limit(take);
    // each project joins exactly one investor, bureau and officer and at most one leader: the total is a plain
    // count of projects, which the project's indexes answer
    const count = this.filtered(this.manager(reader).getRepository(ProjectEntity).createQueryBuilder('p'), filter)
      .select('count(*)::int', 'total')
      .getRawOne<{ total: number }>();
    const [items, total] = await Promise.all([page.getMany(), count]);
    return [items, total?.total ?? 0];
  }

  private filtered(query: SelectQueryBuilder<ProjectEntity>, filter: ProjectFilter): SelectQueryBuilder<ProjectEntity> {
    if (filter.bureauId) query.andWhere('p.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.investorId) query.andWhere('p.investorId = :investorId', { investorId: filter.investorId });
    if (filter.stage) query.andWhere('p.stage = :stage', { stage: filter.stage });
    if (filter.leaderId) query.andWhere('p.responsibleLeaderId = :leaderId', { leaderId: filter.leaderId });
    if (filter.isKeyProject !== undefined) query.andWhere('p.isKeyProject = :key', { key: filter.isKeyProject });
    if (filter.industry) query.andWhere('p.industry = :industry', { industry: filter.industry });
    for (const [key, column, operator] of RANGES) {
      if (filter[key] !== undefined) query.andWhere(`${column} ${operator} :${key}`, { [key]: filter[key] });
    }
    if (filter.text) {
      // the investor's name through the investors' names view: its trigram index finds the few companies named
      // so, where a join would read every investor
      const like = likeOperator(filter.text);
      query.andWhere(
        `(p.name ${like} :text ESCAPE '\\'
          OR p.investor_id IN (SELECT n.id FROM ${INVESTORS_VIEWS.investorNames} n WHERE n.name ${like} :text ESCAPE '\\'))`,
        { text: containsPattern(filter.text) },
      );
    }
    return query;
  }

  /** Gives a project of a loaded history (the demo) the creation time of its day; the services stamp the time of loading. */
  async backdateCreation(id: string, at: Date, tx?: Transaction): Promise<void> {
    await (tx ?? this.dataSource.manager).getRepository(ProjectEntity).update({ id }, { createdAt: at });
  }

  async insert(project: NewProject, tx: Transaction): Promise<ProjectEntity> {
    const repository = tx.getRepository(ProjectEntity);
    const saved = await repository.save(repository.create({ ...project, version: 1 }));
    return (await this.findById(saved.id, null, tx)) as ProjectEntity;
  }

  /**
   * Applies a change only if nobody changed the project since the client read `expectedVersion`, and moves
   * the version on. Returns false when the version was stale: the row lock makes concurrent writers of the
   * same version wait, and all but the first then find the version moved.
   */
  async updateVersioned(id: string, expectedVersion: number, patch: ProjectPatch, tx: Transaction): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(ProjectEntity)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Whether the bureau has a project on the investor that is not terminated. */
  async hasLive(investorId: string, bureauId: string, tx?: Transaction): Promise<boolean> {
    const rows = (await (tx ?? this.dataSource.manager).query(
      `SELECT 1 FROM project WHERE investor_id = $1 AND bureau_id = $2 AND stage <> 'terminated' LIMIT 1`,
      [investorId, bureauId],
    )) as unknown[];
    return rows.length > 0;
  }

  async idsOfInvestor(investorId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM project WHERE investor_id = $1`, [investorId])) as {
      id: string;
    }[];
    return rows.map((row) => row.id);
  }
}
