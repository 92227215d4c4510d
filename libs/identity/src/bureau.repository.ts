import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BureauEntity } from './entities/bureau.entity';

@Injectable()
export class BureauRepository {
  constructor(@InjectRepository(BureauEntity) private readonly bureaus: Repository<BureauEntity>) {}

  list(): Promise<BureauEntity[]> {
    return this.bureaus.find({ order: { code: 'ASC' } });
  }

  findByCode(code: string): Promise<BureauEntity | null> {
    return this.bureaus.findOne({ where: { code: code.toUpperCase() } });
  }

  findById(id: string): Promise<BureauEntity | null> {
    return this.bureaus.findOne({ where: { id } });
  }

  /** Names the bureau's 分管领导 (or none), in the caller's transaction. */
  async setLeader(id: string, leaderId: string | null, tx: Transaction): Promise<void> {
    await tx.getRepository(BureauEntity).update({ id }, { leaderId });
  }
}
