import type { TreeSeriesOption } from 'echarts/charts';
import type { TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { components } from '@/api/schema';

type Coverage = components['schemas']['ChainCoverageDto'];
type LinkCoverage = components['schemas']['LinkCoverageDto'];

export type TreeOption = ComposeOption<TreeSeriesOption | TooltipComponentOption>;

/** 已有 green, 薄弱 amber, 缺失 red, 延伸 blue: the leaders' reading of each link. */
export const STATUS_COLORS: Record<LinkCoverage['status'], string> = {
  strong: '#2e8b57',
  weak: '#d48806',
  missing: '#cf1322',
  extend: '#2f6fb3',
};
export const STATUS_LABELS: Record<LinkCoverage['status'], string> = {
  strong: '已有',
  weak: '薄弱',
  missing: '缺失',
  extend: '延伸',
};
const SEGMENTS: [LinkCoverage['segment'], string][] = [
  ['upstream', '上游'],
  ['midstream', '中游'],
  ['downstream', '下游'],
];

interface Node {
  name: string;
  value?: string;
  linkId?: string;
  itemStyle?: { color: string; borderColor: string; borderWidth: number };
  symbolSize?: number;
  children: Node[];
}

/** The chain as a tree: the chain, its 上游/中游/下游, then each link under its parent, coloured by status. */
export function chainTree(coverage: Coverage): TreeOption {
  const nodeOf = (link: LinkCoverage): Node => ({
    name: link.name,
    linkId: link.linkId,
    value: `${STATUS_LABELS[link.status]}｜目标 ${link.targets}｜线索 ${link.leads}｜项目 ${link.liveProjects}`,
    // a link with no live project carries a dashed look: a thick grey ring around its status colour
    itemStyle: {
      color: STATUS_COLORS[link.status],
      borderColor: link.noProject ? '#909399' : STATUS_COLORS[link.status],
      borderWidth: link.noProject ? 3 : 1,
    },
    symbolSize: 14 + Math.min(link.liveProjects, 5) * 3,
    children: coverage.links.filter((child) => child.parentId === link.linkId).map(nodeOf),
  });
  const ids = new Set(coverage.links.map((link) => link.linkId));
  const roots = coverage.links.filter((link) => !link.parentId || !ids.has(link.parentId));
  const segments: Node[] = SEGMENTS.map(([segment, label]) => ({
    name: label,
    children: roots.filter((link) => link.segment === segment).map(nodeOf),
  })).filter((node) => node.children.length > 0);
  return {
    tooltip: { trigger: 'item', formatter: '{b}<br/>{c}' },
    series: [
      {
        type: 'tree',
        data: [{ name: coverage.name, children: segments }],
        top: 16,
        left: '14%',
        bottom: 16,
        right: '24%',
        initialTreeDepth: -1,
        symbol: 'circle',
        symbolSize: 12,
        itemStyle: { color: '#909399' },
        label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 13 },
        leaves: { label: { position: 'right', verticalAlign: 'middle', align: 'left' } },
        expandAndCollapse: false,
      },
    ],
  };
}
