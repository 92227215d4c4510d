import { bureauRefOf, userRefOf } from '@app/identity';
import { ServiceDepartmentDto } from './dto/service-department.dto';
import { DepartmentRefDto, ServiceRequestDto, ServiceRequestEventDto } from './dto/service-request.dto';
import { ServiceDepartmentEntity } from './entities/service-department.entity';
import { ServiceRequestEventEntity } from './entities/service-request-event.entity';
import { ServiceRequestEntity } from './entities/service-request.entity';
import {
  REQUEST_CHANNEL_LABELS,
  REQUEST_EVENT_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
} from './request-kind';
import { isOverdue, RequestState, resolvedOnTime } from './request-machine';

const departmentRefOf = (department?: ServiceDepartmentEntity | null): DepartmentRefDto | null =>
  department ? { id: department.id, name: department.name } : null;

export function requestStateOf(request: ServiceRequestEntity): RequestState {
  return {
    status: request.status,
    receivedOn: request.receivedOn,
    dueOn: request.dueOn,
    lastEventOn: request.lastEventOn,
    departmentId: request.departmentId,
    resolvedOn: request.resolvedOn,
    closedOn: request.closedOn,
  };
}

/** A request loaded with its investor, bureau, receiver and department, as the API answers it on `today`. */
export function toServiceRequestDto(request: ServiceRequestEntity, today: string): ServiceRequestDto {
  const investor = request.investor!;
  return {
    id: request.id,
    investor: { id: investor.id, name: investor.name, uscc: investor.uscc },
    bureau: bureauRefOf(request.bureau!),
    receivedBy: userRefOf(request.receivedBy!),
    kind: request.kind,
    kindLabel: REQUEST_KIND_LABELS[request.kind],
    channel: request.channel,
    channelLabel: REQUEST_CHANNEL_LABELS[request.channel],
    visitId: request.visitId,
    content: request.content,
    receivedOn: request.receivedOn,
    dueOn: request.dueOn,
    status: request.status,
    statusLabel: REQUEST_STATUS_LABELS[request.status],
    overdue: isOverdue(request, today),
    department: departmentRefOf(request.department),
    resolvedOn: request.resolvedOn,
    resolution: request.resolution,
    closedOn: request.closedOn,
    satisfaction: request.satisfaction,
    resolvedOnTime: request.resolvedOn === null ? null : resolvedOnTime(request),
    version: request.version,
  };
}

export function toServiceRequestEventDto(event: ServiceRequestEventEntity): ServiceRequestEventDto {
  return {
    seq: event.seq,
    type: event.type,
    typeLabel: REQUEST_EVENT_LABELS[event.type],
    businessDate: event.businessDate,
    recordedAt: event.recordedAt.toISOString(),
    actor: userRefOf(event.actor!),
    note: event.note,
    department: departmentRefOf(event.department),
    satisfaction: event.satisfaction,
  };
}

export const toServiceDepartmentDto = (department: ServiceDepartmentEntity): ServiceDepartmentDto => ({
  id: department.id,
  name: department.name,
  isActive: department.isActive,
  sortOrder: department.sortOrder,
});
