import { BureauRefDto, bureauRefOf, UserRefDto } from '@app/identity';
import { businessDateOf, ProjectDirectory, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InvestorRepository } from './investor.repository';
import { InvestorsException, InvestorsExceptionCode as Code } from './investors.exception';
import { openLeadRef } from './investors.mapper';
import { LeadRepository } from './lead.repository';

/** Who holds an investor, as a 撞单 answer names it. */
export interface ClaimOwner {
  bureau: BureauRefDto;
  /** The date the bureau's claim began (YYYY-MM-DD in the district). */
  since: string;
  /** The open lead and its officer, when the claim rests on one (not only on projects). */
  leadId: string | null;
  officer: UserRefDto | null;
}

/**
 * The 撞单 rule in one place: an investor is claimed by at most one bureau in the whole district, whatever the
 * path — a lead (by hand or by import), a project, a conversion, a transfer. Every path that gives a bureau a
 * claim calls `claim`/`claimAll` in its own transaction before writing; every path that may end one calls
 * `release`; a transfer calls `move`. The claim is the investor's `claimed_by_bureau_id`: one column, set by
 * one conditional UPDATE, so two bureaus racing each other cannot both win (the loser gets 409 naming the owner).
 */
@Injectable()
export class InvestorClaimService {
  constructor(
    private readonly investors: InvestorRepository,
    private readonly leads: LeadRepository,
    private readonly projects: ProjectDirectory,
  ) {}

  /**
   * Locks the investor's claim until the transaction ends. A path that locks a lead or a project and may then
   * claim or release calls this first, so that every path locks the investor before its leads and projects
   * (one order, no deadlocks between a claim and a release).
   */
  async lock(investorId: string, tx: Transaction): Promise<void> {
    await this.investors.lockClaim(investorId, tx);
  }

  /** Gives `bureauId` the claim on the investor (kept if it has it), or throws 409 DUPLICATE_LEAD naming the owner. */
  async claim(investorId: string, bureauId: string, tx: Transaction): Promise<void> {
    await this.claimAll([investorId], bureauId, tx);
  }

  /** `claim` for many investors in one statement (the ledger import); the first one held elsewhere is refused. */
  async claimAll(investorIds: string[], bureauId: string, tx: Transaction): Promise<void> {
    const refused = await this.investors.claimAll(investorIds, bureauId, tx);
    if (refused.length > 0) throw await this.claimedElsewhere(refused[0], tx);
  }

  /**
   * Ends the bureau's claim unless it still rests on something: an open lead of the bureau or a live (not
   * terminated) project of it. Called after the change that may have ended it, in the same transaction.
   */
  async release(investorId: string, bureauId: string, tx: Transaction): Promise<void> {
    const claim = await this.investors.lockClaim(investorId, tx);
    if (!claim || claim.bureauId !== bureauId) return;
    const lead = await this.leads.findOpenOfInvestor(investorId, tx);
    if (lead?.bureauId === bureauId) return;
    if (await this.projects.hasLiveProject(investorId, bureauId, tx)) return;
    await this.investors.setClaim(investorId, null, tx);
  }

  /**
   * Moves the claim with an approved lead transfer. The giving bureau must not keep a live project on the
   * investor: two bureaus would then work it.
   */
  async move(investorId: string, fromBureauId: string, toBureauId: string, tx: Transaction): Promise<void> {
    const claim = await this.investors.lockClaim(investorId, tx);
    if (claim && claim.bureauId !== null && claim.bureauId !== fromBureauId && claim.bureauId !== toBureauId) {
      throw await this.claimedElsewhere(investorId, tx);
    }
    if (await this.projects.hasLiveProject(investorId, fromBureauId, tx)) {
      throw new InvestorsException(
        Code.TransferNotPending,
        '原招商局还有该企业在推进的项目，线索不能单独转交；请先终止或协调该项目',
      );
    }
    await this.investors.setClaim(investorId, toBureauId, tx);
  }

  /** Who holds the investor now, or null. */
  async ownerOf(investorId: string, tx?: Transaction): Promise<ClaimOwner | null> {
    const investor = await this.investors.findById(investorId, tx);
    if (!investor?.claimedByBureau || !investor.claimedAt) return null;
    const lead = investor.openLead?.bureauId === investor.claimedByBureauId ? investor.openLead : null;
    const ref = lead ? openLeadRef(lead) : null;
    return {
      bureau: bureauRefOf(investor.claimedByBureau),
      since: ref?.since ?? businessDateOf(investor.claimedAt, 'Asia/Shanghai'),
      leadId: lead?.id ?? null,
      officer: ref?.officer ?? null,
    };
  }

  /** The 409 of 撞单: who holds the investor, and since when. */
  async claimedElsewhere(investorId: string, tx?: Transaction): Promise<InvestorsException> {
    const owner = await this.ownerOf(investorId, tx);
    if (!owner) return new InvestorsException(Code.DuplicateLead, '该企业已由其他招商局跟进，请刷新后重试');
    const who = `${owner.bureau.code} ${owner.bureau.name}${owner.officer ? `（具办人 ${owner.officer.displayName}）` : ''}`;
    const how = owner.leadId ? '登记跟进，如需接手请申请转交' : '跟进并有在推进的项目，如需接手请报县级领导协调';
    return new InvestorsException(Code.DuplicateLead, `撞单：该企业已由 ${who} 于 ${owner.since} ${how}`, {
      leadId: owner.leadId,
      bureau: owner.bureau,
      officer: owner.officer,
      since: owner.since,
    });
  }
}
