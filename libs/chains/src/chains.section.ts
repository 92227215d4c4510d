import { addDays, Period, ReportSection, ReportSectionProvider, ReportTable } from '@app/core';
import { Injectable } from '@nestjs/common';
import { CHAIN_SEGMENT_LABELS, LINK_STATUS_LABELS } from './chain';
import { ChainCoverageService } from './chain-coverage.service';

/**
 * 产业链招商: per chain and link, the chain map's figures at the end of the month or quarter — targets, those
 * contacted and those not visited in N days, leads, live projects, signed amount, funds in place, and whether the
 * link has no live project (缺口). District-wide figures, not records: every reader sees the table whole. Only in the
 * monthly and quarterly reports (月度监测); a week is too short for a chain to move.
 */
@Injectable()
@ReportSection(65, { periods: ['month', 'quarter'] })
export class ChainsReportSection implements ReportSectionProvider {
  constructor(private readonly coverage: ChainCoverageService) {}

  async build(period: Period): Promise<ReportTable> {
    const day = addDays(period.to, -1);
    const chains = await this.coverage.allAsOf(day);
    return {
      key: 'chains',
      title: '产业链招商',
      note: `截至 ${day}；环节状态为当前设定；久未走访：${chains[0]?.staleDays ?? ''} 天内未走访的目标企业；缺口：没有未终止的项目`,
      columns: [
        { key: 'chain', header: '产业链', type: 'text' },
        { key: 'segment', header: '环节位置', type: 'text' },
        { key: 'link', header: '环节', type: 'text' },
        { key: 'status', header: '环节状态', type: 'text' },
        { key: 'targets', header: '目标企业', type: 'int' },
        { key: 'contacted', header: '已走访', type: 'int' },
        { key: 'staleTargets', header: '久未走访', type: 'int' },
        { key: 'leads', header: '线索', type: 'int' },
        { key: 'liveProjects', header: '在推项目', type: 'int' },
        { key: 'signedAmount', header: '签约额（万元）', type: 'amount' },
        { key: 'fundsInPlace', header: '到位资金（万元）', type: 'amount' },
        { key: 'gap', header: '缺口', type: 'text' },
      ],
      rows: chains.flatMap((chain) =>
        chain.links.map((link) => ({
          chain: chain.name,
          segment: CHAIN_SEGMENT_LABELS[link.segment],
          link: link.name,
          status: LINK_STATUS_LABELS[link.status],
          targets: link.targets,
          contacted: link.contacted,
          staleTargets: link.staleTargets,
          leads: link.leads,
          liveProjects: link.liveProjects,
          signedAmount: link.signedAmount,
          fundsInPlace: link.fundsInPlace,
          gap: link.noProject ? '是' : '否',
        })),
      ),
    };
  }
}
