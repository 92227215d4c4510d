import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BureauEntity } from './entities/bureau.entity';

@Injectable()
export class BureauRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<BureauEntity[]> {
    return this.dataSource.getRepository(BureauEntity).find({ order: { code: 'ASC' } });
  }

  findByCode(code: string): Promise<BureauEntity | null> {
    return this.dataSource.getRepository(BureauEntity).findOne({ where: { code: code.toUpperCase() } });
  }

  findById(id: string): Promise<BureauEntity | null> {
    return this.dataSource.getRepository(BureauEntity).findOne({ where: { id } });
  }
}
