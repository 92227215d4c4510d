import {
  Actor,
  AuditService,
  BusinessClock,
  emptyFigures,
  mapFigures,
  TARGET_FIGURES,
  TransactionRunner,
  WEIGHT_FIGURES,
} from '@app/core';
import { BureauRepository } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { WeightsOverviewDto, WeightValuesDto } from './dto/ranking.dto';
import { Weights } from './figures';
import { BureauTargetDto, BureauTargetInputDto } from './dto/targets.dto';
import { RankingsException, RankingsExceptionCode as Code } from './rankings.exception';
import { TargetsRepository, TargetValues } from './targets.repository';

@Injectable()
export class TargetsService {
  constructor(
    private readonly clock: BusinessClock,
    private readonly targets: TargetsRepository,
    private readonly bureaus: BureauRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** Every bureau's target for the year; a bureau without one shows zeros and `set: false`. */
  async list(year: number): Promise<BureauTargetDto[]> {
    const [bureaus, rows] = await Promise.all([this.bureaus.list(), this.targets.forYear(year)]);
    const byBureau = new Map(rows.map((row) => [row.bureauId, row]));
    return bureaus.map((bureau) => {
      const row = byBureau.get(bureau.id);
      return {
        bureau: { code: bureau.code, name: bureau.name },
        year,
        set: row !== undefined,
        ...(row ? pickTargets(row) : pickTargets(emptyFigures())),
      };
    });
  }

  async put(actor: Actor, year: number, items: BureauTargetInputDto[]): Promise<BureauTargetDto[]> {
    const bureaus = new Map((await this.bureaus.list()).map((b) => [b.code, b]));
    const unknown = items.filter((item) => !bureaus.has(item.bureauCode.toUpperCase())).map((item) => item.bureauCode);
    if (unknown.length > 0)
      throw new RankingsException(Code.UnknownBureau, `招商局不存在：${unknown.join('、')}`, { unknown });
    const before = await this.list(year);
    await this.transactions.run(async (tx) => {
      for (const { bureauCode, ...values } of items) {
        await this.targets.upsert(bureaus.get(bureauCode.toUpperCase())!.id, year, values, tx);
      }
      await this.audit.record(
        actor,
        {
          action: 'targets.put',
          entity: 'bureau_target',
          entityId: String(year),
          before: { items: before.filter((b) => items.some((i) => i.bureauCode.toUpperCase() === b.bureau.code)) },
          after: { items },
        },
        tx,
      );
    });
    return this.list(year);
  }

  async weights(): Promise<WeightsOverviewDto> {
    const history = (await this.targets.weightsHistory()).map((row) => ({
      effectiveFrom: row.effectiveFrom,
      ...mapFigures(WEIGHT_FIGURES, ({ key }) => row[key]),
    }));
    const today = this.clock.today();
    const current = history.find((w) => w.effectiveFrom <= today) ?? history[history.length - 1];
    if (!current) throw new RankingsException(Code.NoWeights, '尚未设置排名权重');
    return { current, history };
  }

  /** New weights from a date on; a date before today would change rankings already published. */
  async putWeights(actor: Actor, effectiveFrom: string, weights: WeightValuesDto): Promise<WeightsOverviewDto> {
    const today = this.clock.today();
    if (effectiveFrom < today) {
      throw new RankingsException(Code.WeightsInThePast, `生效日期不能早于今天（${today}），以免改变已发布的排名`);
    }
    if (TARGET_FIGURES.every(({ key }) => weights[key] === 0)) {
      throw new RankingsException(Code.NoWeights, '权重不能全部为 0');
    }
    await this.transactions.run(async (tx) => {
      await this.targets.saveWeights({ effectiveFrom, ...pickWeights(weights), createdBy: actor.userId }, tx);
      await this.audit.record(
        actor,
        { action: 'ranking_weights.put', entity: 'ranking_weights', entityId: effectiveFrom, after: { ...weights } },
        tx,
      );
    });
    return this.weights();
  }
}

/** The target values of a row (an entity or zeros), without its other fields. */
function pickTargets(row: TargetValues): TargetValues {
  return mapFigures(TARGET_FIGURES, ({ key }) => row[key]) as TargetValues;
}

function pickWeights(weights: WeightValuesDto): Weights {
  return mapFigures(WEIGHT_FIGURES, ({ key }) => weights[key] ?? 0);
}
