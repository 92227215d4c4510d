import { Actor, AuditService, NotFoundException, TransactionRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import {
  CreateServiceDepartmentDto,
  ServiceDepartmentDto,
  ServiceDepartmentListDto,
  UpdateServiceDepartmentDto,
} from './dto/service-department.dto';
import { toServiceDepartmentDto } from './requests.mapper';
import { RequestsException, RequestsExceptionCode } from './requests.exception';
import { ServiceDepartmentRepository } from './service-department.repository';

const duplicate = (name: string) =>
  new RequestsException(RequestsExceptionCode.DuplicateDepartment, `已有名为「${name}」的办理部门`, { field: 'name' });

/** The handling departments requests are routed to: every signed-in user reads them, the admin keeps them. */
@Injectable()
export class ServiceDepartmentService {
  constructor(
    private readonly departments: ServiceDepartmentRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ServiceDepartmentListDto> {
    return { items: (await this.departments.list()).map(toServiceDepartmentDto) };
  }

  async create(actor: Actor, dto: CreateServiceDepartmentDto): Promise<ServiceDepartmentDto> {
    const created = await this.transactions.run(async (tx) => {
      await this.departments.lockNames(tx);
      if (await this.departments.findByName(dto.name, tx)) throw duplicate(dto.name);
      const department = await this.departments.insert(dto.name, dto.sortOrder ?? 0, tx);
      await this.audit.record(
        actor,
        {
          action: 'service_department.create',
          entity: 'service_department',
          entityId: department.id,
          after: { ...toServiceDepartmentDto(department) },
        },
        tx,
      );
      return department;
    });
    return toServiceDepartmentDto(created);
  }

  async update(actor: Actor, id: string, dto: UpdateServiceDepartmentDto): Promise<ServiceDepartmentDto> {
    const updated = await this.transactions.run(async (tx) => {
      await this.departments.lockNames(tx);
      const before = await this.departments.findById(id, tx);
      if (!before) throw new NotFoundException('办理部门');
      if (dto.name !== undefined && dto.name !== before.name && (await this.departments.findByName(dto.name, tx))) {
        throw duplicate(dto.name);
      }
      const after = await this.departments.update(
        id,
        { name: dto.name, isActive: dto.isActive, sortOrder: dto.sortOrder },
        tx,
      );
      await this.audit.record(
        actor,
        {
          action: 'service_department.update',
          entity: 'service_department',
          entityId: id,
          before: { ...toServiceDepartmentDto(before) },
          after: { ...toServiceDepartmentDto(after) },
        },
        tx,
      );
      return after;
    });
    return toServiceDepartmentDto(updated);
  }
}
