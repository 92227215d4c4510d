import { BureauRefDto, bureauRefOf } from '@app/identity';
import {
  Actor,
  AuditService,
  businessDateOf,
  BUREAU_ROLES,
  ForbiddenException,
  NotFoundException,
  Page,
  pageOf,
  ReadSource,
  Role,
  Transaction,
  TransactionRunner,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { normalizeCompanyName } from './company-name';
import {
  CreateInvestorDto,
  DuplicateCandidateDto,
  InvestorDto,
  InvestorQueryDto,
  UpdateInvestorDto,
} from './dto/investor.dto';
import { InvestorEntity } from './entities/investor.entity';
import { InvestorRepository, NewInvestor, USCC_INDEX } from './investor.repository';
import { InvestorsException, InvestorsExceptionCode as Code, UniqueIndexViolation } from './investors.exception';
import { auditViewOfInvestor, toDuplicateCandidate, toInvestorDto } from './investors.mapper';

/** Names at least this similar (pg_trgm, 0–1) after normalisation are treated as the same company. */
export const NEAR_DUPLICATE_SIMILARITY = 0.5;

/**
 * The district-wide registry of investors. Every role reads it; staff, heads and admins register companies.
 * Editing is for the bureau that registered the company and for leaders and admins: the registry is shared,
 * so one bureau must not rewrite another's entries, while the district level can correct any of them.
 */
@Injectable()
export class InvestorService {
  constructor(
    private readonly investors: InvestorRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reads: ReadSource,
  ) {}

  async list(query: InvestorQueryDto): Promise<Page<InvestorDto>> {
    const text = query.q?.trim();
    // a list may lag the writes by the replication delay (docs/operations.md)
    const [rows, total] = await this.reads.lagging((replica) =>
      this.investors.list(
        {
          text: text ? { raw: text, normalized: normalizeCompanyName(text) } : undefined,
          industry: query.industry,
          isChainLeader: query.isChainLeader,
        },
        query.sort ?? '-createdAt',
        query.skip,
        query.pageSize,
        replica,
      ),
    );
    return pageOf(rows.map(toInvestorDto), total, query);
  }

  async get(id: string): Promise<InvestorDto> {
    return toInvestorDto(await this.find(id));
  }

  /** The names of these companies, by id (for another library's report of its own records). */
  namesOf(ids: string[]): Promise<Map<string, string>> {
    return this.investors.namesByIds([...new Set(ids)]);
  }

  async find(id: string, tx?: Transaction): Promise<InvestorEntity> {
    const investor = await this.investors.findById(id, tx);
    if (!investor) throw new NotFoundException('企业');
    return investor;
  }

  async create(actor: Actor, dto: CreateInvestorDto): Promise<InvestorDto> {
    const name = dto.name.trim();
    const normalizedName = normalizeCompanyName(name);
    try {
      const created = await this.transactions.run(async (tx) => {
        await this.assertNotDuplicate(normalizedName, dto.uscc ?? null, dto.confirmNotDuplicate === true, tx);
        const investor = await this.investors.insert(
          {
            name,
            normalizedName,
            uscc: dto.uscc ?? null,
            industry: dto.industry ?? null,
            chainPosition: dto.chainPosition ?? null,
            isChainLeader: dto.isChainLeader ?? false,
            region: dto.region ?? null,
            createdById: actor.userId,
            createdByBureauId: actor.bureauId,
          },
          tx,
        );
        await this.audit.record(
          actor,
          {
            action: 'investor.create',
            entity: 'investor',
            entityId: investor.id,
            after: { ...auditViewOfInvestor(investor), confirmedNotDuplicate: dto.confirmNotDuplicate === true },
          },
          tx,
        );
        return investor;
      });
      return toInvestorDto(created);
    } catch (error) {
      throw await this.violation(error, dto.uscc ?? null, normalizedName);
    }
  }

  /**
   * The registered company of this USCC or this (normalised) name, or a new registration of it, in the caller's
   * transaction: how another library turns a company it knows by name (a chain's target) into an investor.
   */
  async findOrRegister(
    actor: Actor,
    company: {
      name: string;
      uscc: string | null;
      region: string | null;
      industry: string | null;
      isChainLeader: boolean;
    },
    via: string,
    tx: Transaction,
  ): Promise<InvestorEntity> {
    const name = company.name.trim();
    const normalizedName = normalizeCompanyName(name);
    await this.investors.lockName(normalizedName, tx);
    const known =
      (company.uscc ? await this.investors.findByUscc(company.uscc, tx) : null) ??
      (await this.investors.findByNormalizedName(normalizedName, tx));
    if (known) return known;
    const investor = await this.investors.insert(
      {
        name,
        normalizedName,
        uscc: company.uscc,
        industry: company.industry,
        chainPosition: null,
        isChainLeader: company.isChainLeader,
        region: company.region,
        createdById: actor.userId,
        createdByBureauId: actor.bureauId,
      },
      tx,
    );
    await this.audit.record(
      actor,
      {
        action: 'investor.create',
        entity: 'investor',
        entityId: investor.id,
        after: { ...auditViewOfInvestor(investor), via },
      },
      tx,
    );
    return investor;
  }

  async update(actor: Actor, id: string, dto: UpdateInvestorDto): Promise<InvestorDto> {
    const investor = await this.find(id);
    this.assertMayEdit(actor, investor);
    const patch: Partial<NewInvestor> = {};
    if (dto.name !== undefined) {
      patch.name = dto.name.trim();
      patch.normalizedName = normalizeCompanyName(patch.name);
    }
    if (dto.uscc !== undefined) patch.uscc = dto.uscc;
    if (patch.normalizedName !== undefined && patch.normalizedName !== investor.normalizedName) {
      const same = await this.investors.findByNormalizedName(patch.normalizedName);
      if (same && same.id !== id) throw alreadyRegistered(same);
    }
    if (dto.industry !== undefined) patch.industry = dto.industry;
    if (dto.chainPosition !== undefined) patch.chainPosition = dto.chainPosition;
    if (dto.isChainLeader !== undefined) patch.isChainLeader = dto.isChainLeader;
    if (dto.region !== undefined) patch.region = dto.region;
    try {
      const updated = await this.transactions.run((tx) =>
        this.audit.recordUpdate(
          actor,
          { action: 'investor.update', entity: 'investor', entityId: id, before: investor, view: auditViewOfInvestor },
          () => this.investors.update(id, patch, tx),
          tx,
        ),
      );
      return toInvestorDto(updated);
    } catch (error) {
      throw await this.violation(error, dto.uscc ?? null, patch.normalizedName ?? null);
    }
  }

  /** A unique index's refusal (a racing registration) as the answer the checks would have given. */
  private async violation(error: unknown, uscc: string | null, normalizedName: string | null): Promise<unknown> {
    if (!(error instanceof UniqueIndexViolation)) return error;
    if (error.index === USCC_INDEX && uscc) return this.usccTaken(uscc);
    const same = normalizedName ? await this.investors.findByNormalizedName(normalizedName) : null;
    return same ? alreadyRegistered(same) : error;
  }

  /**
   * Refuses a company that is already registered: the same USCC or a name that normalises the same always
   * (that would be a second claim on one company), a near-identical name unless the caller confirmed that it
   * is a different company.
   */
  async assertNotDuplicate(
    normalizedName: string,
    uscc: string | null,
    confirmed: boolean,
    tx: Transaction,
  ): Promise<void> {
    await this.investors.lockName(normalizedName, tx);
    if (uscc && (await this.investors.findByUscc(uscc, tx))) throw await this.usccTaken(uscc, tx);
    const same = await this.investors.findByNormalizedName(normalizedName, tx);
    if (same) throw alreadyRegistered(same);
    if (confirmed) return;
    const candidates = await this.duplicateCandidates(normalizedName, tx);
    if (candidates.length > 0) {
      throw new InvestorsException(
        Code.DuplicateInvestor,
        `疑似重复登记：已有名称相近的企业“${candidates[0].name}”。如确认不是同一家企业，请勾选“已核实非重复”后重新提交`,
        { candidates },
      );
    }
  }

  async duplicateCandidates(normalizedName: string, tx?: Transaction): Promise<DuplicateCandidateDto[]> {
    const similar = await this.investors.similar(normalizedName, NEAR_DUPLICATE_SIMILARITY, tx);
    return similar.map(toDuplicateCandidate);
  }

  private async usccTaken(uscc: string, tx?: Transaction): Promise<InvestorsException> {
    const existing = await this.investors.findByUscc(uscc, tx);
    if (!existing) return new InvestorsException(Code.UsccTaken, `统一社会信用代码 ${uscc} 已登记，不能重复登记`);
    const owner = registrationOwner(existing);
    return new InvestorsException(
      Code.UsccTaken,
      `统一社会信用代码 ${uscc} 已登记为“${existing.name}”（${owner.text}），不能重复登记`,
      {
        candidates: [toDuplicateCandidate({ investor: existing, similarity: 1 })],
        owner: { bureau: owner.bureau, since: owner.since },
      },
    );
  }

  private assertMayEdit(actor: Actor, investor: InvestorEntity): void {
    if (actor.role === Role.Leader || actor.role === Role.Admin) return;
    if (BUREAU_ROLES.includes(actor.role) && actor.bureauId && actor.bureauId === investor.createdByBureauId) return;
    throw new ForbiddenException('只有登记该企业的招商局、县级领导或管理员可以修改企业信息');
  }
}

/** Who holds a registered company: the bureau claiming it, else the one that registered it; and since when. */
function registrationOwner(investor: InvestorEntity): { bureau: BureauRefDto | null; since: string; text: string } {
  const claimed = investor.claimedByBureau && investor.claimedAt;
  const bureau = claimed ? investor.claimedByBureau : investor.createdByBureau;
  const since = businessDateOf(claimed ? (investor.claimedAt as Date) : investor.createdAt, 'Asia/Shanghai');
  const who = bureau ? `${bureau.code} ${bureau.name}` : '县区管理员';
  return { bureau: bureau ? bureauRefOf(bureau) : null, since, text: `${who}于 ${since} ${claimed ? '跟进' : '登记'}` };
}

/** The 409 for a company registered already under a name that normalises the same (撞单, not confirmable). */
function alreadyRegistered(investor: InvestorEntity): InvestorsException {
  const owner = registrationOwner(investor);
  return new InvestorsException(
    Code.InvestorRegistered,
    `该企业已登记为“${investor.name}”（${owner.text}），不能重复登记；如需跟进请申请转交或与该局协商`,
    {
      candidates: [toDuplicateCandidate({ investor, similarity: 1 })],
      owner: { bureau: owner.bureau, since: owner.since },
    },
  );
}
