import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { BureauTargetEntity } from './entities/bureau-target.entity';
import { RankingWeightsEntity } from './entities/ranking-weights.entity';

export type TargetValues = Pick<
  BureauTargetEntity,
  'visits' | 'newLeads' | 'signedCount' | 'signedAmount' | 'startedCount' | 'fundsInPlace'
>;

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
      select: {
        bureauId: true,
        visits: true,
        newLeads: true,
        signedCount: true,
        signedAmount: true,
        startedCount: true,
        fundsInPlace: true,
      },
    });
  }

  async upsert(bureauId: string, year: number, values: TargetValues, tx: Transaction): Promise<void> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(BureauTargetEntity)
      .values({ bureauId, year, ...values })
      .orUpdate(
        ['visits', 'new_leads', 'signed_count', 'signed_amount', 'started_count', 'funds_in_place', 'updated_at'],
        ['bureau_id', 'year'],
      )
      .execute();
  }

  /** The weights in force on a day: the latest whose effective date is not after it. */
  weightsOn(day: string): Promise<RankingWeightsEntity | null> {
    return this.weights.findOne({ where: { effectiveFrom: LessThanOrEqual(day) }, order: { effectiveFrom: 'DESC' } });
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
      .orUpdate(
        ['visits', 'new_leads', 'signed_count', 'signed_amount', 'started_count', 'funds_in_place', 'created_by'],
        ['effective_from'],
      )
      .execute();
  }
}
