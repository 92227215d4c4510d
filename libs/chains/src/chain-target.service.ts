import {
  Actor,
  AuditService,
  BUREAU_ROLES,
  bureauScopeOf,
  BusinessClock,
  ForbiddenException,
  NotFoundException,
  Page,
  pageOf,
  Transaction,
  TransactionRunner,
} from '@app/core';
import { BureauRepository, listBureau, OfficerService } from '@app/identity';
import { InvestorService, LeadService, LeadSource, normalizeCompanyName, UniqueIndexViolation } from '@app/investors';
import { Injectable } from '@nestjs/common';
import { TargetTier } from './chain';
import { ChainRepository } from './chain.repository';
import { ChainTargetRepository, TargetPatch } from './chain-target.repository';
import { ChainsException, ChainsExceptionCode as Code } from './chains.exception';
import { auditViewOfTarget, toTargetDto, uniqueIndexOf } from './chains.mapper';
import { CreateTargetDto, TargetDto, TargetQueryDto, TargetToLeadDto, UpdateTargetDto } from './dto/target.dto';
import { ChainTargetEntity } from './entities/chain-target.entity';

/**
 * The target companies of the chains (招商目标企业库). Leaders and admins list them on links and assign each to a
 * bureau (分工); a bureau sees its own and the unassigned ones, and turns one into a lead through the investors'
 * services, where the one-investor-one-bureau rule (撞单) decides.
 */
@Injectable()
export class ChainTargetService {
  constructor(
    private readonly targets: ChainTargetRepository,
    private readonly chains: ChainRepository,
    private readonly bureaus: BureauRepository,
    private readonly officers: OfficerService,
    private readonly investors: InvestorService,
    private readonly leads: LeadService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: BusinessClock,
  ) {}

  async list(actor: Actor, query: TargetQueryDto): Promise<Page<TargetDto>> {
    const scope = bureauScopeOf(actor);
    let bureauId: string | undefined;
    if (query.bureau) {
      const narrowed = await listBureau(this.bureaus, scope, query.bureau);
      if (!narrowed) return pageOf([], 0, query);
      bureauId = narrowed;
    }
    const [rows, total] = await this.targets.list(
      { chainId: query.chainId, linkId: query.linkId, bureauId, tier: query.tier, converted: query.converted },
      scope,
      query.skip,
      query.pageSize,
    );
    return pageOf(rows.map(toTargetDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<TargetDto> {
    return toTargetDto(await this.find(actor, id));
  }

  private async find(actor: Actor, id: string, tx?: Transaction): Promise<ChainTargetEntity> {
    const target = await this.targets.findById(id, bureauScopeOf(actor), tx);
    if (!target) throw new NotFoundException('目标企业');
    return target;
  }

  async create(actor: Actor, dto: CreateTargetDto): Promise<TargetDto> {
    const link = await this.chains.findLink(dto.linkId);
    if (!link) throw new NotFoundException('环节');
    // a bureau's own find is its own to work; leaders and admins list and assign the rest
    const bureauId =
      BUREAU_ROLES.includes(actor.role) && dto.bureau === undefined
        ? actor.bureauId
        : await this.assignedBureau(actor, dto.bureau);
    const created = await this.unique(dto.name, () =>
      this.transactions.run(async (tx) => {
        const target = await this.targets.insert(
          {
            linkId: link.id,
            name: dto.name.trim(),
            normalizedName: normalizeCompanyName(dto.name),
            uscc: dto.uscc ?? null,
            tier: dto.tier,
            region: dto.region?.trim() || null,
            reason: dto.reason?.trim() || null,
            bureauId,
            listedOn: this.clock.today(),
            createdById: actor.userId,
          },
          tx,
        );
        await this.audit.record(
          actor,
          {
            action: 'chain_target.create',
            entity: 'chain_target',
            entityId: target.id,
            after: auditViewOfTarget(target),
          },
          tx,
        );
        return target;
      }),
    );
    return toTargetDto(created);
  }

  /**
   * Edits a target. Its assignment (分工) is the leaders' and admins' to set; a bureau edits the description of its
   * own targets (an unassigned one is the leaders' to describe).
   */
  async update(actor: Actor, id: string, dto: UpdateTargetDto): Promise<TargetDto> {
    const target = await this.find(actor, id);
    if (BUREAU_ROLES.includes(actor.role) && target.bureauId !== actor.bureauId) {
      throw new ForbiddenException('未分工的目标企业由县级领导或管理员维护，招商局只能修改分工给本局的目标企业');
    }
    const patch: TargetPatch = {
      ...(dto.name !== undefined && { name: dto.name.trim(), normalizedName: normalizeCompanyName(dto.name) }),
      ...(dto.uscc !== undefined && { uscc: dto.uscc }),
      ...(dto.tier !== undefined && { tier: dto.tier }),
      ...(dto.region !== undefined && { region: dto.region.trim() || null }),
      ...(dto.reason !== undefined && { reason: dto.reason.trim() || null }),
    };
    if (dto.bureau !== undefined)
      patch.bureauId = dto.bureau === '' ? this.assertAssigner(actor) : await this.assignedBureau(actor, dto.bureau);
    const updated = await this.unique(dto.name ?? '', () =>
      this.transactions.run(async (tx) => {
        const before = await this.targets.lock(id, tx);
        if (!before) throw new NotFoundException('目标企业');
        const after = await this.targets.update(id, patch, tx);
        await this.audit.record(
          actor,
          {
            action: 'chain_target.update',
            entity: 'chain_target',
            entityId: id,
            before: auditViewOfTarget(before),
            after: auditViewOfTarget(after),
          },
          tx,
        );
        return after;
      }),
    );
    return toTargetDto(updated);
  }

  /**
   * Turns the target into a lead of the caller's bureau: the company is found in the registry (by USCC, then by
   * name) or registered, then the lead is registered through LeadService under the 撞单 rule. The target is locked
   * first, so of two bureaus racing for one target exactly one gets it; the other is told it is taken.
   */
  async toLead(actor: Actor, id: string, dto: TargetToLeadDto): Promise<TargetDto> {
    if (!BUREAU_ROLES.includes(actor.role)) throw new ForbiddenException('只有招商局人员可以把目标企业转为线索');
    if (!actor.bureauId) throw new ChainsException(Code.NoBureau, '账号未隶属招商局');
    await this.find(actor, id).catch(async (error: unknown) => {
      // a target assigned to another bureau is not shown, but asking to work it says why it cannot be
      const other = await this.targets.findById(id, null);
      if (other?.bureauId && other.bureauId !== actor.bureauId) throw this.assignedElsewhere(other);
      throw error;
    });
    const owner = await this.officers.ownerFor(actor, dto.officerId, '线索');
    let investorId: string | null = null;
    try {
      const converted = await this.transactions.run(async (tx) => {
        const target = await this.targets.lock(id, tx);
        if (!target) throw new NotFoundException('目标企业');
        if (target.bureauId && target.bureauId !== owner.bureauId) throw this.assignedElsewhere(target);
        if (target.leadId) {
          throw new ChainsException(Code.TargetConverted, `目标企业“${target.name}”已转为线索，不能重复转化`, {
            leadId: readsLead(actor, target) ? target.leadId : undefined,
          });
        }
        const investor = await this.investors.findOrRegister(
          actor,
          {
            name: target.name,
            uscc: target.uscc,
            region: target.region,
            industry: null,
            isChainLeader: target.tier === TargetTier.ChainLeader,
          },
          'chain_target',
          tx,
        );
        investorId = investor.id;
        const lead = await this.leads.insertInTransaction(
          actor,
          {
            investorId: investor.id,
            ...owner,
            source: dto.source ?? LeadSource.Other,
            industry: investor.industry,
            intendedAmount: null,
            nextFollowUpAt: null,
            note: `来自产业链目标企业：${target.name}`,
            registeredAt: this.clock.today(),
            createdById: actor.userId,
          },
          'lead.create',
          tx,
        );
        const after = await this.targets.update(
          id,
          { investorId: investor.id, leadId: lead.id, bureauId: owner.bureauId },
          tx,
        );
        await this.audit.record(
          actor,
          {
            action: 'chain_target.lead',
            entity: 'chain_target',
            entityId: id,
            before: auditViewOfTarget(target),
            after: auditViewOfTarget(after),
          },
          tx,
        );
        return after;
      });
      return toTargetDto(converted);
    } catch (error) {
      if (error instanceof UniqueIndexViolation && investorId) throw await this.leads.duplicateLead(investorId);
      throw error;
    }
  }

  private assignedElsewhere(target: ChainTargetEntity): ChainsException {
    const bureau = target.bureau ? `${target.bureau.code} ${target.bureau.name}` : '其他招商局';
    return new ChainsException(
      Code.TargetAssignedElsewhere,
      `该目标企业已分工给 ${bureau}，如需由本局跟进请县级领导调整分工`,
      target.bureau ? { bureau: { code: target.bureau.code, name: target.bureau.name } } : undefined,
    );
  }

  /** Only leaders and admins assign targets; returns null (unassigned) for them. */
  private assertAssigner(actor: Actor): null {
    if (BUREAU_ROLES.includes(actor.role)) throw new ForbiddenException('目标企业的分工由县级领导或管理员确定');
    return null;
  }

  private async assignedBureau(actor: Actor, code: string | undefined): Promise<string | null> {
    if (code === undefined) return null;
    this.assertAssigner(actor);
    const bureau = await this.bureaus.findByCode(code);
    if (!bureau) throw new ChainsException(Code.UnknownBureau, `招商局 ${code} 不存在`);
    return bureau.id;
  }

  private async unique<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (uniqueIndexOf(error) === 'uq_chain_target_name') {
        throw new ChainsException(Code.TargetTaken, `该环节已有目标企业“${name.trim()}”`);
      }
      throw error;
    }
  }
}

/** Whether the caller may see the lead a target became (its own bureau's, or a district reader). */
function readsLead(actor: Actor, target: ChainTargetEntity): boolean {
  const scope = bureauScopeOf(actor);
  return scope === null || scope === target.bureauId;
}
