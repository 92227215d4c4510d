import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoMarkerEntity } from './demo-marker.entity';

@Injectable()
export class DemoRepository {
  constructor(private readonly dataSource: DataSource) {}

  async isLoaded(dataset: string): Promise<boolean> {
    return (await this.dataSource.getRepository(DemoMarkerEntity).count({ where: { dataset } })) > 0;
  }

  async markLoaded(dataset: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DemoMarkerEntity)
      .values({ dataset, loadedAt: new Date() })
      .orIgnore()
      .execute();
  }
}
