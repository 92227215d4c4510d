import { bureauRefOf } from '@app/identity';
import { CHAIN_SEGMENT_LABELS, LINK_STATUS_LABELS, TARGET_TIER_LABELS } from './chain';
import { ChainDto, LinkDto } from './dto/chain.dto';
import { TargetDto } from './dto/target.dto';
import { ChainLinkEntity } from './entities/chain-link.entity';
import { ChainTargetEntity } from './entities/chain-target.entity';
import { IndustryChainEntity } from './entities/industry-chain.entity';

export const toChainDto = (chain: IndustryChainEntity): ChainDto => ({
  id: chain.id,
  name: chain.name,
  description: chain.description,
  sortOrder: chain.sortOrder,
});

export const toLinkDto = (link: ChainLinkEntity): LinkDto => ({
  id: link.id,
  chainId: link.chainId,
  parentId: link.parentId,
  segment: link.segment,
  segmentLabel: CHAIN_SEGMENT_LABELS[link.segment],
  name: link.name,
  keyProducts: link.keyProducts,
  status: link.status,
  statusLabel: LINK_STATUS_LABELS[link.status],
  sortOrder: link.sortOrder,
});

export const toTargetDto = (target: ChainTargetEntity): TargetDto => ({
  id: target.id,
  linkId: target.linkId,
  name: target.name,
  uscc: target.uscc,
  tier: target.tier,
  tierLabel: TARGET_TIER_LABELS[target.tier],
  region: target.region,
  reason: target.reason,
  bureau: target.bureau ? bureauRefOf(target.bureau) : null,
  investorId: target.investorId,
  leadId: target.leadId,
  listedOn: target.listedOn,
});

/** What the audit log keeps of a target. */
export const auditViewOfTarget = (target: ChainTargetEntity) => ({
  linkId: target.linkId,
  name: target.name,
  uscc: target.uscc,
  tier: target.tier,
  region: target.region,
  reason: target.reason,
  bureauId: target.bureauId,
  investorId: target.investorId,
  leadId: target.leadId,
});

/** The unique index a refused insert or update hit, when that is what happened (duck-typed on the driver's error). */
export function uniqueIndexOf(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' ? (driverError.constraint ?? null) : null;
}

/** A chain or link as the audit log keeps it: the fields of its answer. */
export const auditViewOf = (dto: object): Record<string, unknown> => ({ ...dto });
