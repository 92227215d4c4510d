import { Transaction } from '@app/core';
import { BureauRefView } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { TargetTier } from './chain';
import { ChainTargetEntity } from './entities/chain-target.entity';

export type NewTarget = Pick<
  ChainTargetEntity,
  'linkId' | 'name' | 'normalizedName' | 'uscc' | 'tier' | 'region' | 'reason' | 'bureauId' | 'listedOn' | 'createdById'
>;
export type TargetPatch = Partial<
  Pick<
    ChainTargetEntity,
    'name' | 'normalizedName' | 'uscc' | 'tier' | 'region' | 'reason' | 'bureauId' | 'investorId' | 'leadId'
  >
>;

export interface TargetFilter {
  chainId?: string;
  linkId?: string;
  bureauId?: string;
  tier?: TargetTier;
  converted?: boolean;
}

/**
 * The target companies. A bureau scope reads the bureau's own targets and the unassigned ones (the pool any
 * bureau may take up); another bureau's target is simply not found.
 */
@Injectable()
export class ChainTargetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  private select(bureauScope: string | null, tx?: Transaction): SelectQueryBuilder<ChainTargetEntity> {
    const query = this.manager(tx)
      .getRepository(ChainTargetEntity)
      .createQueryBuilder('t')
      .leftJoinAndMapOne('t.bureau', BureauRefView, 'b', 'b.id = t.bureauId');
    if (bureauScope) query.where('(t.bureauId = :scope OR t.bureauId IS NULL)', { scope: bureauScope });
    return query;
  }

  findById(id: string, bureauScope: string | null, tx?: Transaction): Promise<ChainTargetEntity | null> {
    return this.select(bureauScope, tx).andWhere('t.id = :id', { id }).getOne();
  }

  /** The target locked for a conversion or a reassignment, whoever it is assigned to. */
  async lock(id: string, tx: Transaction): Promise<ChainTargetEntity | null> {
    const locked = await tx
      .getRepository(ChainTargetEntity)
      .createQueryBuilder('t')
      .where('t.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    return locked ? this.findById(locked.id, null, tx) : null;
  }

  async list(
    filter: TargetFilter,
    bureauScope: string | null,
    skip: number,
    take: number,
  ): Promise<[ChainTargetEntity[], number]> {
    const query = this.select(bureauScope);
    if (filter.chainId) {
      query.andWhere('t.linkId IN (SELECT l.id FROM chain_link l WHERE l.chain_id = :chainId)', {
        chainId: filter.chainId,
      });
    }
    if (filter.linkId) query.andWhere('t.linkId = :linkId', { linkId: filter.linkId });
    if (filter.bureauId) query.andWhere('t.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.tier) query.andWhere('t.tier = :tier', { tier: filter.tier });
    if (filter.converted !== undefined) query.andWhere(`t.leadId IS ${filter.converted ? 'NOT ' : ''}NULL`);
    return query.orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'ASC').skip(skip).take(take).getManyAndCount();
  }

  /** The `linkId normalizedName` keys of the targets already listed on these links. */
  async keysOn(linkIds: string[]): Promise<Set<string>> {
    if (linkIds.length === 0) return new Set();
    const rows = await this.manager()
      .getRepository(ChainTargetEntity)
      .createQueryBuilder('t')
      .select(['t.linkId', 't.normalizedName'])
      .where('t.linkId IN (:...linkIds)', { linkIds })
      .getMany();
    return new Set(rows.map((row) => `${row.linkId} ${row.normalizedName}`));
  }

  async insert(target: NewTarget, tx: Transaction): Promise<ChainTargetEntity> {
    const repository = tx.getRepository(ChainTargetEntity);
    const saved = await repository.save(repository.create(target));
    return (await this.findById(saved.id, null, tx)) as ChainTargetEntity;
  }

  async update(id: string, patch: TargetPatch, tx: Transaction): Promise<ChainTargetEntity> {
    if (Object.keys(patch).length > 0) await tx.getRepository(ChainTargetEntity).update({ id }, patch);
    return (await this.findById(id, null, tx)) as ChainTargetEntity;
  }
}
