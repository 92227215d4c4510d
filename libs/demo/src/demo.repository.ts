import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DemoMarkerEntity } from './entities/demo-marker.entity';

@Injectable()
export class DemoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isLoaded(dataset: string): Promise<boolean> {
    return (await this.dataSource.getRepository(DemoMarkerEntity).count({ where: { dataset } })) > 0;
  }

  /** Pass the transaction that loaded the data set, so that the marker and the data commit together. */
  async markLoaded(dataset: string, tx?: Transaction): Promise<void> {
    await (tx ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(DemoMarkerEntity)
      .values({ dataset, loadedAt: new Date() })
      .orIgnore()
      .execute();
  }
}
