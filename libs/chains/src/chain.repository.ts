import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TaggedKind } from './chain';
import { ChainLinkEntity } from './entities/chain-link.entity';
import { ChainTagEntity } from './entities/chain-tag.entity';
import { IndustryChainEntity } from './entities/industry-chain.entity';

export type NewChain = Pick<IndustryChainEntity, 'name' | 'description' | 'sortOrder'>;
export type NewLink = Pick<
  ChainLinkEntity,
  'chainId' | 'parentId' | 'segment' | 'name' | 'keyProducts' | 'status' | 'sortOrder'
>;
export type LinkPatch = Partial<Omit<NewLink, 'chainId'>>;

/** Chains, their links and the tags on links. */
@Injectable()
export class ChainRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  listChains(): Promise<IndustryChainEntity[]> {
    return this.manager()
      .getRepository(IndustryChainEntity)
      .find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  findChain(id: string, tx?: Transaction): Promise<IndustryChainEntity | null> {
    return this.manager(tx).getRepository(IndustryChainEntity).findOneBy({ id });
  }

  findChainByName(name: string, tx?: Transaction): Promise<IndustryChainEntity | null> {
    return this.manager(tx).getRepository(IndustryChainEntity).findOneBy({ name });
  }

  /** Locks the chain against concurrent changes of its tree (a cycle made of two moves at once). */
  async lockChain(id: string, tx: Transaction): Promise<IndustryChainEntity | null> {
    return tx
      .getRepository(IndustryChainEntity)
      .createQueryBuilder('c')
      .where('c.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insertChain(chain: NewChain, tx: Transaction): Promise<IndustryChainEntity> {
    const saved = await tx.getRepository(IndustryChainEntity).save(tx.getRepository(IndustryChainEntity).create(chain));
    return (await this.findChain(saved.id, tx)) as IndustryChainEntity;
  }

  async updateChain(id: string, patch: Partial<NewChain>, tx: Transaction): Promise<IndustryChainEntity> {
    if (Object.keys(patch).length > 0) await tx.getRepository(IndustryChainEntity).update({ id }, patch);
    return (await this.findChain(id, tx)) as IndustryChainEntity;
  }

  linksOf(chainId: string, tx?: Transaction): Promise<ChainLinkEntity[]> {
    return this.manager(tx)
      .getRepository(ChainLinkEntity)
      .find({ where: { chainId }, order: { sortOrder: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  findLink(id: string, tx?: Transaction): Promise<ChainLinkEntity | null> {
    return this.manager(tx).getRepository(ChainLinkEntity).findOneBy({ id });
  }

  async insertLink(link: NewLink, tx: Transaction): Promise<ChainLinkEntity> {
    const saved = await tx.getRepository(ChainLinkEntity).save(tx.getRepository(ChainLinkEntity).create(link));
    return (await this.findLink(saved.id, tx)) as ChainLinkEntity;
  }

  async updateLink(id: string, patch: LinkPatch, tx: Transaction): Promise<ChainLinkEntity> {
    if (Object.keys(patch).length > 0) await tx.getRepository(ChainLinkEntity).update({ id }, patch);
    return (await this.findLink(id, tx)) as ChainLinkEntity;
  }

  /** Tags the record with the link; false when it already was. */
  async insertTag(
    tag: Pick<ChainTagEntity, 'linkId' | 'recordKind' | 'recordId' | 'createdById'>,
    tx: Transaction,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(ChainTagEntity)
      .values(tag)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async deleteTag(linkId: string, recordKind: TaggedKind, recordId: string, tx: Transaction): Promise<boolean> {
    const result = await tx.getRepository(ChainTagEntity).delete({ linkId, recordKind, recordId });
    return (result.affected ?? 0) > 0;
  }

  tagsOf(linkIds: string[]): Promise<ChainTagEntity[]> {
    if (linkIds.length === 0) return Promise.resolve([]);
    return this.manager()
      .getRepository(ChainTagEntity)
      .createQueryBuilder('t')
      .where('t.linkId IN (:...linkIds)', { linkIds })
      .orderBy('t.createdAt', 'ASC')
      .getMany();
  }
}
