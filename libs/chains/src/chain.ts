/** Where a link sits on its chain: 上游 / 中游 / 下游. */
export enum ChainSegment {
  Upstream = 'upstream',
  Midstream = 'midstream',
  Downstream = 'downstream',
}

export const CHAIN_SEGMENT_LABELS: Record<ChainSegment, string> = {
  [ChainSegment.Upstream]: '上游',
  [ChainSegment.Midstream]: '中游',
  [ChainSegment.Downstream]: '下游',
};

/** How the district stands on a link, as the leaders set it: 已有 (强), 薄弱 (强链), 缺失 (补链), 延伸 (延链). */
export enum LinkStatus {
  Strong = 'strong',
  Weak = 'weak',
  Missing = 'missing',
  Extend = 'extend',
}

export const LINK_STATUS_LABELS: Record<LinkStatus, string> = {
  [LinkStatus.Strong]: '已有',
  [LinkStatus.Weak]: '薄弱',
  [LinkStatus.Missing]: '缺失',
  [LinkStatus.Extend]: '延伸',
};

/** A target company's standing: 链主 / 头部 / 上市 / 专精特新 / 其他. */
export enum TargetTier {
  ChainLeader = 'chain_leader',
  Head = 'head',
  Listed = 'listed',
  Specialized = 'specialized',
  Other = 'other',
}

export const TARGET_TIER_LABELS: Record<TargetTier, string> = {
  [TargetTier.ChainLeader]: '链主',
  [TargetTier.Head]: '头部',
  [TargetTier.Listed]: '上市',
  [TargetTier.Specialized]: '专精特新',
  [TargetTier.Other]: '其他',
};

/** The records a link may be tagged on: a company, a lead, a project. */
export enum TaggedKind {
  Investor = 'investor',
  Lead = 'lead',
  Project = 'project',
}

/**
 * Whether making `parentId` the parent of `linkId` would close a cycle: true when `linkId` is `parentId` itself or
 * one of its ancestors. `parentOf` maps each link of the chain to its parent.
 */
export function closesCycle(linkId: string, parentId: string, parentOf: Map<string, string | null>): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = parentId; at; at = parentOf.get(at)) {
    if (at === linkId) return true;
    if (seen.has(at)) return true;
    seen.add(at);
  }
  return false;
}
