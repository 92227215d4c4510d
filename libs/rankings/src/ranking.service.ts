import {
  addDays,
  BusinessClock,
  daysBetween,
  isBusinessDate,
  Period,
  PeriodKind,
  periodOf,
  previousPeriod,
  ReadSource,
  yearElapsedShare,
} from '@app/core';
import { BureauEntity, BureauRepository } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { RankingDto, RankingWeightsDto } from './dto/ranking.dto';
import { RankingWeightsEntity } from './entities/ranking-weights.entity';
import { emptyFigures, Figures, mapFigures, TARGET_FIGURES, Targets, WEIGHT_FIGURES, Weights } from './figures';
import { RankingsException, RankingsExceptionCode as Code } from './rankings.exception';
import { RollupRepository } from './rollup.repository';
import { applyRankChanges, rank, RankedBureau, SCORE_FORMULA, scoreBureau } from './scoring';
import { TargetsRepository } from './targets.repository';

@Injectable()
export class RankingService {
  constructor(
    private readonly clock: BusinessClock,
    private readonly rollups: RollupRepository,
    private readonly targets: TargetsRepository,
    private readonly bureaus: BureauRepository,
    private readonly reads: ReadSource,
  ) {}

  today(): string {
    return this.clock.today();
  }

  /** The first business date with any counted figure (null when nothing was ever recorded). */
  firstDataDay(): Promise<string | null> {
    return this.rollups.firstDay();
  }

  /**
   * The ranking of every bureau for the period of `kind` that contains `date`, with changes against the one before.
   * `mayLag` reads the figures from the replica, when there is one (the ranking page); a weekly report reads them
   * from the primary, as of its publication.
   */
  async ranking(kind: PeriodKind, date = this.today(), options: { mayLag?: boolean } = {}): Promise<RankingDto> {
    if (!isBusinessDate(date)) throw new RankingsException(Code.InvalidDate, `日期无效：${date}`);
    const period = periodOf(kind, date);
    const previous = previousPeriod(period);
    const previousAsOf = addDays(previous.to, -1);
    // one scan of the rollups for all four ranges: the period, the year to date, and both for the period before
    const ranges = [
      { from: period.from, to: period.to },
      { from: `${date.slice(0, 4)}-01-01`, to: addDays(date, 1) },
      { from: previous.from, to: previous.to },
      { from: `${previousAsOf.slice(0, 4)}-01-01`, to: addDays(previousAsOf, 1) },
    ];
    const [bureaus, [figures, ytd, previousFigures, previousYtd]] = await Promise.all([
      this.bureaus.list(),
      options.mayLag
        ? this.reads.lagging((replica) => this.rollups.figuresOver(ranges, replica))
        : this.rollups.figuresOver(ranges),
    ]);
    // both periods usually fall in one year: its targets are read once
    const targetsByYear = new Map<number, Promise<Map<string, Targets>>>();
    const targetsOf = (year: number) => {
      if (!targetsByYear.has(year)) targetsByYear.set(year, this.targetsOf(year));
      return targetsByYear.get(year) as Promise<Map<string, Targets>>;
    };
    // both periods' weights from one read: those in force up to the later period's last day, the latest first
    const history = this.targets.weightsUpTo(addDays(period.to, -1));
    const weightsOn = async (day: string) => (await history).find((row) => row.effectiveFrom <= day) ?? null;
    const [current, before] = await Promise.all([
      this.rank(bureaus, period, date, figures, ytd, targetsOf, weightsOn),
      this.rank(bureaus, previous, previousAsOf, previousFigures, previousYtd, targetsOf, weightsOn),
    ]);
    applyRankChanges(current.rows, before.rows);
    const rows = current.rows.map((row) => Object.assign(row, { completionYtd: row.completion }));
    return {
      period: describe(period),
      previous: describe(previous),
      asOf: date,
      yearElapsed: Math.round(yearElapsedShare(date) * 10_000) / 10_000,
      weights: current.weights,
      periodShare: current.periodShare,
      scoreFormula: SCORE_FORMULA,
      rows,
    };
  }

  /** One period's ranking, as it stood on `asOf` (the period's last day, or the given day while it runs). */
  private async rank(
    bureaus: BureauEntity[],
    period: Period,
    asOf: string,
    figures: Map<string, Figures>,
    ytd: Map<string, Figures>,
    targetsOf: (year: number) => Promise<Map<string, Targets>>,
    weightsOn: (day: string) => Promise<RankingWeightsEntity | null>,
  ): Promise<{ rows: RankedBureau[]; weights: RankingWeightsDto; periodShare: number }> {
    const year = Number(asOf.slice(0, 4));
    const lastDay = addDays(period.to, -1) < asOf ? addDays(period.to, -1) : asOf;
    const [targetsByBureau, weightsRow] = await Promise.all([targetsOf(year), weightsOn(addDays(period.to, -1))]);
    if (!weightsRow) throw new RankingsException(Code.NoWeights, '尚未设置排名权重');
    const weights: Weights = mapFigures(WEIGHT_FIGURES, ({ key }) => weightsRow[key]);
    const daysInYear = daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
    const periodShare =
      period.kind === 'ytd' ? yearElapsedShare(asOf) : daysBetween(period.from, period.to) / daysInYear;
    const yearShare = yearElapsedShare(lastDay);
    const scored = bureaus.map((bureau) =>
      scoreBureau(
        {
          bureau: { code: bureau.code, name: bureau.name },
          figures: figures.get(bureau.id) ?? emptyFigures(),
          ytdFigures: ytd.get(bureau.id) ?? emptyFigures(),
          targets: targetsByBureau.get(bureau.id) ?? null,
        },
        weights,
        periodShare,
        yearShare,
      ),
    );
    return {
      rows: rank(scored),
      weights: { ...weights, effectiveFrom: weightsRow.effectiveFrom },
      periodShare: Math.round(periodShare * 1_000_000) / 1_000_000,
    };
  }

  /** Each bureau's annual targets of a year, as the scoring reads them. */
  private async targetsOf(year: number): Promise<Map<string, Targets>> {
    const rows = await this.targets.valuesForYear(year);
    return new Map(
      rows.map((t): [string, Targets] => [t.bureauId, mapFigures(TARGET_FIGURES, ({ key }) => String(t[key]))]),
    );
  }
}

function describe(period: Period) {
  return { kind: period.kind, from: period.from, to: period.to, label: period.label };
}
