import { Actor, AuditService, NotFoundException, TransactionRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { CreateProcedureKindDto, ProcedureKindDto, UpdateProcedureKindDto } from './dto/milestone.dto';
import { MilestoneProcedureKindEntity } from './entities/milestone-procedure-kind.entity';
import { MilestoneException, MilestoneExceptionCode as Code } from './milestone.exception';
import { MilestoneRepository } from './milestone.repository';

const toDto = (kind: MilestoneProcedureKindEntity): ProcedureKindDto => ({
  id: kind.id,
  code: kind.code,
  name: kind.name,
  sortOrder: kind.sortOrder,
  active: kind.active,
});

const duplicate = () =>
  new MilestoneException(Code.DuplicateProcedureKind, '已有相同编码或名称的前期手续类别', { field: 'code' });

/** The admin's list of 前期手续 kinds that plans are made of. */
@Injectable()
export class ProcedureKindService {
  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ProcedureKindDto[]> {
    return (await this.milestones.procedureKinds()).map(toDto);
  }

  async create(actor: Actor, dto: CreateProcedureKindDto): Promise<ProcedureKindDto> {
    const created = await this.transactions.run(async (tx) => {
      const kind = await this.milestones.insertProcedureKind(
        { code: dto.code, name: dto.name, sortOrder: dto.sortOrder ?? 0 },
        tx,
      );
      if (!kind) throw duplicate();
      await this.audit.record(
        actor,
        {
          action: 'milestone_procedure.create',
          entity: 'milestone_procedure_kind',
          entityId: kind.id,
          after: { ...toDto(kind) },
        },
        tx,
      );
      return kind;
    });
    return toDto(created);
  }

  async update(actor: Actor, id: string, dto: UpdateProcedureKindDto): Promise<ProcedureKindDto> {
    const before = await this.milestones.findProcedureKind(id);
    if (!before) throw new NotFoundException('前期手续类别');
    const updated = await this.transactions.run(async (tx) => {
      if (dto.name !== undefined && (await this.milestones.procedureNameTaken(dto.name, id, tx))) {
        throw new MilestoneException(Code.DuplicateProcedureKind, `已有名为「${dto.name}」的前期手续类别`, {
          field: 'name',
        });
      }
      const patch = Object.fromEntries(
        Object.entries({ name: dto.name, sortOrder: dto.sortOrder, active: dto.active }).filter(
          ([, v]) => v !== undefined,
        ),
      );
      const kind = await this.milestones.updateProcedureKind(id, patch, tx);
      await this.audit.record(
        actor,
        {
          action: 'milestone_procedure.update',
          entity: 'milestone_procedure_kind',
          entityId: id,
          before: { ...toDto(before) },
          after: { ...toDto(kind) },
        },
        tx,
      );
      return kind;
    });
    return toDto(updated);
  }
}
