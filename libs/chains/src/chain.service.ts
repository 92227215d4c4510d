import { Actor, AuditService, NotFoundException, Transaction, TransactionRunner } from '@app/core';
import { InvestorService, LeadService } from '@app/investors';
import { ProjectService } from '@app/pipeline';
import { Injectable } from '@nestjs/common';
import { closesCycle, TaggedKind } from './chain';
import { ChainRepository, LinkPatch } from './chain.repository';
import { ChainsException, ChainsExceptionCode as Code } from './chains.exception';
import { auditViewOf, toChainDto, toLinkDto, uniqueIndexOf } from './chains.mapper';
import {
  ChainDetailDto,
  ChainDto,
  CreateChainDto,
  CreateLinkDto,
  LinkDto,
  TagDto,
  TagResultDto,
  UpdateChainDto,
  UpdateLinkDto,
} from './dto/chain.dto';
import { ChainLinkEntity } from './entities/chain-link.entity';

/**
 * The district's industry chains and their trees of links. District-wide: every role reads them, leaders and
 * admins change them. Every change of a chain's tree is made under a lock on the chain, so two moves at once
 * cannot make a cycle between them.
 */
@Injectable()
export class ChainService {
  constructor(
    private readonly chains: ChainRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly investors: InvestorService,
    private readonly leads: LeadService,
    private readonly projects: ProjectService,
  ) {}

  async list(): Promise<ChainDto[]> {
    return (await this.chains.listChains()).map(toChainDto);
  }

  async get(id: string): Promise<ChainDetailDto> {
    const chain = await this.chains.findChain(id);
    if (!chain) throw new NotFoundException('产业链');
    const links = await this.chains.linksOf(id);
    return { ...toChainDto(chain), links: links.map(toLinkDto) };
  }

  async create(actor: Actor, dto: CreateChainDto): Promise<ChainDetailDto> {
    const name = dto.name.trim();
    const chain = await this.uniqueName(name, () =>
      this.transactions.run(async (tx) => {
        const created = await this.chains.insertChain(
          { name, description: dto.description?.trim() || null, sortOrder: dto.sortOrder ?? 0 },
          tx,
        );
        await this.audit.record(
          actor,
          {
            action: 'chain.create',
            entity: 'industry_chain',
            entityId: created.id,
            after: auditViewOf(toChainDto(created)),
          },
          tx,
        );
        return created;
      }),
    );
    return { ...toChainDto(chain), links: [] };
  }

  async update(actor: Actor, id: string, dto: UpdateChainDto): Promise<ChainDetailDto> {
    await this.uniqueName(dto.name?.trim() ?? '', () =>
      this.transactions.run(async (tx) => {
        const before = await this.chains.lockChain(id, tx);
        if (!before) throw new NotFoundException('产业链');
        const after = await this.chains.updateChain(
          id,
          {
            ...(dto.name !== undefined && { name: dto.name.trim() }),
            ...(dto.description !== undefined && { description: dto.description.trim() || null }),
            ...(dto.sortOrder !== undefined && { sortOrder: dto.sortOrder }),
          },
          tx,
        );
        await this.audit.record(
          actor,
          {
            action: 'chain.update',
            entity: 'industry_chain',
            entityId: id,
            before: auditViewOf(toChainDto(before)),
            after: auditViewOf(toChainDto(after)),
          },
          tx,
        );
      }),
    );
    return this.get(id);
  }

  async addLink(actor: Actor, chainId: string, dto: CreateLinkDto): Promise<LinkDto> {
    const link = await this.uniqueName(dto.name.trim(), () =>
      this.transactions.run(async (tx) => {
        if (!(await this.chains.lockChain(chainId, tx))) throw new NotFoundException('产业链');
        if (dto.parentId) await this.parentIn(chainId, dto.parentId, tx);
        const created = await this.chains.insertLink(
          {
            chainId,
            parentId: dto.parentId ?? null,
            segment: dto.segment,
            name: dto.name.trim(),
            keyProducts: dto.keyProducts?.trim() || null,
            status: dto.status,
            sortOrder: dto.sortOrder ?? 0,
          },
          tx,
        );
        await this.audit.record(
          actor,
          {
            action: 'chain_link.create',
            entity: 'chain_link',
            entityId: created.id,
            after: auditViewOf(toLinkDto(created)),
          },
          tx,
        );
        return created;
      }),
    );
    return toLinkDto(link);
  }

  async updateLink(actor: Actor, chainId: string, linkId: string, dto: UpdateLinkDto): Promise<LinkDto> {
    const link = await this.uniqueName(dto.name?.trim() ?? '', () =>
      this.transactions.run(async (tx) => {
        if (!(await this.chains.lockChain(chainId, tx))) throw new NotFoundException('产业链');
        const before = await this.chains.findLink(linkId, tx);
        if (!before || before.chainId !== chainId) throw new NotFoundException('环节');
        const patch: LinkPatch = {
          ...(dto.name !== undefined && { name: dto.name.trim() }),
          ...(dto.segment !== undefined && { segment: dto.segment }),
          ...(dto.status !== undefined && { status: dto.status }),
          ...(dto.keyProducts !== undefined && { keyProducts: dto.keyProducts.trim() || null }),
          ...(dto.sortOrder !== undefined && { sortOrder: dto.sortOrder }),
        };
        if (dto.parentId !== undefined) {
          const parentId = dto.parentId.trim() || null;
          if (parentId) await this.assertParent(chainId, linkId, parentId, tx);
          patch.parentId = parentId;
        }
        const after = await this.chains.updateLink(linkId, patch, tx);
        await this.audit.record(
          actor,
          {
            action: 'chain_link.update',
            entity: 'chain_link',
            entityId: linkId,
            before: auditViewOf(toLinkDto(before)),
            after: auditViewOf(toLinkDto(after)),
          },
          tx,
        );
        return after;
      }),
    );
    return toLinkDto(link);
  }

  /** A link of this chain; another chain's link (or none) is not found. */
  async findLink(chainId: string, linkId: string): Promise<ChainLinkEntity> {
    const link = await this.chains.findLink(linkId);
    if (!link || link.chainId !== chainId) throw new NotFoundException('环节');
    return link;
  }

  /**
   * Tags a company, lead or project with the link. The record must be one the caller may see (a staff user tags
   * only its bureau's leads and projects; companies are district-wide), else it is not found.
   */
  async tag(actor: Actor, chainId: string, linkId: string, dto: TagDto): Promise<TagResultDto> {
    await this.findLink(chainId, linkId);
    await this.assertVisible(actor, dto.recordKind, dto.recordId);
    const added = await this.transactions.run(async (tx) => {
      const inserted = await this.chains.insertTag(
        { linkId, recordKind: dto.recordKind, recordId: dto.recordId, createdById: actor.userId },
        tx,
      );
      if (inserted) {
        await this.audit.record(
          actor,
          { action: 'chain_tag.create', entity: 'chain_link', entityId: linkId, after: { ...dto } },
          tx,
        );
      }
      return inserted;
    });
    return { linkId, recordKind: dto.recordKind, recordId: dto.recordId, added };
  }

  async untag(actor: Actor, chainId: string, linkId: string, recordKind: TaggedKind, recordId: string): Promise<void> {
    await this.findLink(chainId, linkId);
    await this.assertVisible(actor, recordKind, recordId);
    await this.transactions.run(async (tx) => {
      if (!(await this.chains.deleteTag(linkId, recordKind, recordId, tx))) throw new NotFoundException('标注');
      await this.audit.record(
        actor,
        { action: 'chain_tag.delete', entity: 'chain_link', entityId: linkId, before: { recordKind, recordId } },
        tx,
      );
    });
  }

  private async assertVisible(actor: Actor, kind: TaggedKind, id: string): Promise<void> {
    switch (kind) {
      case TaggedKind.Investor:
        await this.investors.find(id);
        return;
      case TaggedKind.Lead:
        await this.leads.find(actor, id);
        return;
      case TaggedKind.Project:
        await this.projects.find(actor, id);
        return;
    }
  }

  private async parentIn(chainId: string, parentId: string, tx: Transaction): Promise<ChainLinkEntity> {
    const parent = await this.chains.findLink(parentId, tx);
    if (!parent) throw new NotFoundException('上级环节');
    if (parent.chainId !== chainId) {
      throw new ChainsException(Code.ParentInOtherChain, '上级环节属于另一条产业链：一个环节只能属于一条产业链');
    }
    return parent;
  }

  private async assertParent(chainId: string, linkId: string, parentId: string, tx: Transaction): Promise<void> {
    await this.parentIn(chainId, parentId, tx);
    const parentOf = new Map((await this.chains.linksOf(chainId, tx)).map((link) => [link.id, link.parentId]));
    if (closesCycle(linkId, parentId, parentOf)) {
      throw new ChainsException(Code.LinkCycle, '不能把环节移到它自己或它的下级环节之下（环节树不能成环）');
    }
  }

  /** Runs a write, answering a taken chain or link name with 409 rather than the index's refusal. */
  private async uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const index = uniqueIndexOf(error);
      if (index === 'uq_industry_chain_name') {
        throw new ChainsException(Code.ChainNameTaken, `已有名为“${name}”的产业链`);
      }
      if (index === 'uq_chain_link_name') {
        throw new ChainsException(Code.LinkNameTaken, `该产业链已有名为“${name}”的环节`);
      }
      throw error;
    }
  }
}
