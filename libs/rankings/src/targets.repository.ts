import { Figures, mapFigures, TARGET_FIGURES, TargetMetric, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { BureauTargetEntity } from './entities/bureau-target.entity';
import { RankingWeightsEntity } from './entities/ranking-weights.entity';

export type TargetValues = Pick<Figures, TargetMetric>;

const TARGET_COLUMNS = TARGET_FIGURES.map((figure) => figure.column);

@Injectable()
export class TargetsRepository {
  constructor(
    @InjectRepository(BureauTargetEntity) private readonly targets: Repository<BureauTargetEntity>,
    @InjectRepository(RankingWeightsEntity) private readonly weights: Repository<RankingWeightsEntity>,
  ) {}

  forYear(year: number): Promise<BureauTargetEntity[]> {
    return this.targets.find({ where: { year } });
  }

  /** Just the target values of a year (what a ranking reads on every call). */
  valuesForYear(year: number): Promise<Omit<BureauTargetEntity, 'id' | 'year' | 'updatedAt'>[]> {
    return this.targets.find({
      where: { year },
      select: { bureauId: true, ...mapFigures(TARGET_FIGURES, () => true) },
    });
  }

  async upsert(bureauId: string, year: number, values: TargetValues, tx: Transaction): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(BureauTargetEntity)
      .values({ bureauId, year, ...values })
      .orUpdate([...TARGET_COLUMNS, 'updated_at'], ['bureau_id', 'year'])
      .execute();
  }

  /** The weights in force on a day: the latest whose effective date is not after it. */
  /** The weights in force on some day up to `day`, the latest first. */
  weightsUpTo(day: string): Promise<RankingWeightsEntity[]> {
    return this.weights.find({ where: { effectiveFrom: LessThanOrEqual(day) }, order: { effectiveFrom: 'DESC' } });
  }

  weightsHistory(): Promise<RankingWeightsEntity[]> {
    return this.weights.find({ order: { effectiveFrom: 'DESC' } });
  }

  async saveWeights(weights: Omit<RankingWeightsEntity, 'id' | 'createdAt'>, tx: Transaction): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(RankingWeightsEntity)
      .values(weights)
      .orUpdate([...TARGET_COLUMNS, 'created_by'], ['effective_from'])
      .execute();
  }
}
