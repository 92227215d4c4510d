import {
  addDays,
  AppConfig,
  BusinessClock,
  formatAmount,
  NotFoundException,
  Transaction,
  ValidationException,
} from '@app/core';
import { Stage, STAGE_ORDER } from '@app/pipeline';
import { Injectable } from '@nestjs/common';
import { ChainCoverageRepository, CoverageRow } from './chain-coverage.repository';
import { ChainRepository } from './chain.repository';
import { ChainCoverageDto, CoverageFiguresDto, LinkCoverageDto } from './dto/chain.dto';

const STAGES: readonly Stage[] = [...STAGE_ORDER, Stage.Terminated];
/** How many answers are kept: one per chain, day and snapshot of the database. */
const KEPT = 32;

/**
 * The chain map's figures (图谱): per link, its targets, the contacted and the not-visited ones, leads, projects by
 * stage, signed amount and funds in place, and the gaps. Figures, not records: every role reads them district-wide.
 */
@Injectable()
export class ChainCoverageService {
  /**
   * Answers already counted, by chain, day and the database snapshot they were counted on. Two reads on the same
   * snapshot see the same records, so they get the same answer: while nothing is written the map answers, and a
   * read that starts while the same answer is being counted waits for it instead of counting it again. Any
   * committed write gives the next read a new snapshot, so an answer is never older than the read.
   */
  private readonly counted = new Map<string, Promise<ChainCoverageDto>>();

  constructor(
    private readonly chains: ChainRepository,
    private readonly coverage: ChainCoverageRepository,
    private readonly clock: BusinessClock,
    private readonly config: AppConfig,
  ) {}

  async of(chainId: string, date?: string): Promise<ChainCoverageDto> {
    const today = this.clock.today();
    const day = date ?? today;
    if (day > today) throw new ValidationException(`统计日期不能晚于今天（${today}）`, { field: 'date' });
    return this.asOf(chainId, day);
  }

  /** The figures of every chain at the end of `day`, in the chains' order (the reports' 产业链 section). */
  async allAsOf(day: string): Promise<ChainCoverageDto[]> {
    const coverage: ChainCoverageDto[] = [];
    for (const chain of await this.chains.listChains()) coverage.push(await this.asOf(chain.id, day));
    return coverage;
  }

  /** A chain's figures at the end of `day`, any day (the route refuses days after today; a report does not). */
  private async asOf(chainId: string, day: string): Promise<ChainCoverageDto> {
    const staleDays = this.config.CHAIN_TARGET_STALE_DAYS;
    const keyOf = (snapshot: string) => JSON.stringify([chainId, day, staleDays, snapshot]);
    const kept = this.counted.get(keyOf(await this.coverage.snapshot()));
    if (kept) return kept;
    return this.coverage.onSnapshot((snapshot, tx) => {
      const key = keyOf(snapshot);
      const counted = this.counted.get(key);
      if (counted) return counted;
      const counting = this.count(chainId, day, staleDays, tx);
      this.counted.set(key, counting);
      if (this.counted.size > KEPT) this.counted.delete(this.counted.keys().next().value as string);
      counting.catch(() => this.counted.delete(key));
      return counting;
    });
  }

  private async count(chainId: string, day: string, staleDays: number, tx: Transaction): Promise<ChainCoverageDto> {
    const chain = await this.chains.findChain(chainId, tx);
    if (!chain) throw new NotFoundException('产业链');
    const links = await this.chains.linksOf(chainId, tx);
    const rows = await this.coverage.figures(chainId, day, addDays(day, -staleDays), tx);
    const figures: LinkCoverageDto[] = links.map((link) => {
      const own = figuresOf(rows.filter((row) => row.linkId === link.id));
      const { id: linkId, name, parentId, segment, status } = link;
      return { linkId, name, parentId, segment, status, ...own, noProject: own.liveProjects === 0 };
    });
    return {
      chainId: chain.id,
      name: chain.name,
      date: day,
      staleDays,
      links: figures,
      total: figuresOf(rows.filter((row) => row.linkId === null)),
      linksWithoutProject: figures.filter((link) => link.noProject).map((link) => link.name),
    };
  }
}

function figuresOf(own: CoverageRow[]): CoverageFiguresDto {
  const value = (figure: CoverageRow['figure']) => own.find((row) => row.figure === figure)?.value ?? '0';
  const projectsByStage = STAGES.map((stage) => ({
    stage,
    count: Number(own.find((row) => row.figure === 'projects' && row.stage === stage)?.value ?? 0),
  })).filter((entry) => entry.count > 0);
  const liveProjects = projectsByStage
    .filter((entry) => entry.stage !== Stage.Terminated)
    .reduce((sum, entry) => sum + entry.count, 0);
  return {
    targets: Number(value('targets')),
    contacted: Number(value('contacted')),
    staleTargets: Number(value('stale')),
    leads: Number(value('leads')),
    projectsByStage,
    liveProjects,
    signedAmount: formatAmount(value('signedAmount')),
    fundsInPlace: formatAmount(value('funds')),
  };
}
