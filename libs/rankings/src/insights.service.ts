import {
  Actor,
  AppConfig,
  assertReadsBureau,
  bureauScopeOf,
  BureauScopeException,
  isBusinessDate,
  PeriodKind,
  periodOf,
  ReadSource,
} from '@app/core';
import { BureauRepository } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { ConsistencyDto, DrilldownDto, DrilldownQueryDto, FunnelDto, FunnelQueryDto } from './dto/drilldown.dto';
import { emptyFigures, FIGURE_LABELS, FigureKey, Figures } from './figures';
import { RankingService } from './ranking.service';
import { RankingsException, RankingsExceptionCode as Code } from './rankings.exception';
import { RollupRepository } from './rollup.repository';
import { METRIC_SOURCES } from './sources/metric-sources';
import { funnelStages, SourcesRepository } from './sources/sources.repository';

const STAGE_LABELS: Record<string, string> = {
  negotiating: '在谈',
  signed: '签约',
  registered: '注册落地',
  started: '开工',
  operating: '竣工投产',
};

const LINKS: Record<string, (id: string) => string> = {
  visit: (id) => `/api/v1/visits/${id}`,
  lead: (id) => `/api/v1/leads/${id}`,
  project: (id) => `/api/v1/projects/${id}`,
  // funds in place are entered, and shown by month, on their project's page
  fund: (projectId) => `/api/v1/projects/${projectId}`,
};

/** What stands behind the rankings: drilldowns to records, the conversion funnel, and the rollup check. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly sources: SourcesRepository,
    private readonly rollups: RollupRepository,
    private readonly bureaus: BureauRepository,
    private readonly rankings: RankingService,
    private readonly reads: ReadSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * The records behind one bureau's figure. The figure itself is public (the ranking); its records are not:
   * a staff member or head asking for another bureau's gets FORBIDDEN_BUREAU.
   */
  async drilldown(actor: Actor, query: DrilldownQueryDto): Promise<DrilldownDto> {
    const bureau = await this.bureau(query.bureau);
    assertReadsBureau(actor, bureau);
    const period = periodOf(query.period as PeriodKind, query.date ?? this.rankings.today());
    // the records behind a figure may lag the writes by the replication delay, as the ranking does
    const { rows, total, sum } = await this.reads.lagging((replica) =>
      this.sources.drilldown(
        query.metric,
        this.config.APP_TIME_ZONE,
        bureau.id,
        period.from,
        period.to,
        query.skip,
        query.pageSize,
        replica,
      ),
    );
    const entity = METRIC_SOURCES[query.metric].entity;
    return {
      bureau: { code: bureau.code, name: bureau.name },
      metric: query.metric,
      metricLabel: FIGURE_LABELS[query.metric],
      period: { kind: period.kind, from: period.from, to: period.to, label: period.label },
      sum,
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map(({ linkId, ...row }) => ({ ...row, entity, link: LINKS[entity](linkId) })),
    };
  }

  /**
   * The conversion funnel of one bureau or of the district. Staff and heads see their own bureau's (also when
   * they name none); another bureau's is FORBIDDEN_BUREAU, as for drilldowns.
   */
  async funnel(actor: Actor, query: FunnelQueryDto): Promise<FunnelDto> {
    this.range(query.from, query.to);
    const bureau = await this.funnelBureau(actor, query.bureau);
    // may lag the writes by the replication delay; one after the other on the one replica connection
    const [stages, figures] = await this.reads.lagging(
      async (replica) =>
        [
          await funnelStages(replica, bureau?.id ?? null, query.from, query.to),
          await this.rollups.figures(query.from, query.to, replica),
        ] as const,
    );
    const newLeads = bureau
      ? (figures.get(bureau.id)?.newLeads ?? 0)
      : [...figures.values()].reduce((n, f) => n + f.newLeads, 0);
    let previous = newLeads;
    return {
      bureau: bureau ? { code: bureau.code, name: bureau.name } : null,
      from: query.from,
      to: query.to,
      newLeads,
      stages: stages.map((stage) => {
        const conversion = previous > 0 ? Math.round((stage.reached / previous) * 10_000) / 10_000 : null;
        previous = stage.reached;
        return { ...stage, label: STAGE_LABELS[stage.stage], conversion };
      }),
    };
  }

  /** Recounts every figure from the raw records and compares it with the rollups, bureau by bureau. */
  async consistency(from: string, to: string): Promise<ConsistencyDto> {
    this.range(from, to);
    const [rollup, records, bureaus] = await Promise.all([
      this.rollups.figures(from, to),
      this.sources.recompute(this.config.APP_TIME_ZONE, from, to),
      this.bureaus.list(),
    ]);
    const differences: ConsistencyDto['differences'] = [];
    for (const bureau of bureaus) {
      const a: Figures = rollup.get(bureau.id) ?? emptyFigures();
      const b: Figures = records.get(bureau.id) ?? emptyFigures();
      for (const key of Object.keys(a) as FigureKey[]) {
        if (String(a[key]) !== String(b[key]))
          differences.push({ bureau: bureau.code, figure: key, rollup: String(a[key]), records: String(b[key]) });
      }
    }
    return { consistent: differences.length === 0, from, to, differences };
  }

  private async funnelBureau(actor: Actor, code?: string) {
    if (code) {
      const bureau = await this.bureau(code);
      assertReadsBureau(actor, bureau);
      return bureau;
    }
    const scope = bureauScopeOf(actor);
    if (scope === null) return null;
    const own = await this.bureaus.findById(scope);
    if (!own) throw new BureauScopeException('全区', null);
    return own;
  }

  private async bureau(code: string) {
    const bureau = await this.bureaus.findByCode(code);
    if (!bureau) throw new RankingsException(Code.UnknownBureau, `招商局 ${code} 不存在`);
    return bureau;
  }

  private range(from: string, to: string): void {
    if (!isBusinessDate(from) || !isBusinessDate(to) || from >= to) {
      throw new RankingsException(Code.InvalidDate, '日期区间无效：from 须早于 to');
    }
  }
}
