import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServiceDepartmentEntity } from './entities/service-department.entity';

export type DepartmentPatch = Partial<Pick<ServiceDepartmentEntity, 'name' | 'isActive' | 'sortOrder'>>;

@Injectable()
export class ServiceDepartmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<ServiceDepartmentEntity[]> {
    return this.dataSource.manager
      .getRepository(ServiceDepartmentEntity)
      .find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  findById(id: string, tx?: Transaction): Promise<ServiceDepartmentEntity | null> {
    return (tx ?? this.dataSource.manager).getRepository(ServiceDepartmentEntity).findOneBy({ id });
  }

  findByName(name: string, tx: Transaction): Promise<ServiceDepartmentEntity | null> {
    return tx.getRepository(ServiceDepartmentEntity).findOneBy({ name });
  }

  async insert(name: string, sortOrder: number, tx: Transaction): Promise<ServiceDepartmentEntity> {
    const repository = tx.getRepository(ServiceDepartmentEntity);
    return repository.save(repository.create({ name, sortOrder }));
  }

  async update(id: string, patch: DepartmentPatch, tx: Transaction): Promise<ServiceDepartmentEntity> {
    const values = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    if (Object.keys(values).length > 0) await tx.getRepository(ServiceDepartmentEntity).update({ id }, values);
    return (await this.findById(id, tx)) as ServiceDepartmentEntity;
  }

  /** Takes the lock that makes two admins adding or renaming to one name wait for each other. */
  async lockNames(tx: Transaction): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('service_department.name'))`);
  }
}
