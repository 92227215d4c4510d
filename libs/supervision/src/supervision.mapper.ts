import { daysBetween } from '@app/core';
import { UserRefDto, UserRefView, userRefOf } from '@app/identity';
import { SupervisionOrderDto, SupervisionOrderEventDto } from './dto/supervision-order.dto';
import { SupervisionOrderEventEntity } from './entities/supervision-order-event.entity';
import { SupervisionOrderEntity } from './entities/supervision-order.entity';
import { OrderState } from './order-machine';
import { isOverdue, ORDER_ACTION_LABELS, ORDER_STATUS_LABELS } from './order-status';

const userRef = (user: Pick<UserRefView, 'id' | 'displayName'> | null | undefined): UserRefDto | null =>
  user ? userRefOf(user) : null;

export function orderStateOf(order: SupervisionOrderEntity): OrderState {
  return {
    status: order.status,
    bureauId: order.bureauId,
    issuerId: order.issuerId,
    handlerId: order.handlerId,
    dueDate: order.dueDate,
    extensionRequested: order.extensionRequested,
    requestedDueDate: order.requestedDueDate,
    closedOn: order.closedOn,
    escalatedOn: order.escalatedOn,
  };
}

export function toOrderDto(order: SupervisionOrderEntity, today: string): SupervisionOrderDto {
  const overdue = isOverdue(order, today);
  return {
    id: order.id,
    matter: order.matter,
    requirement: order.requirement,
    dueDate: order.dueDate,
    originalDueDate: order.originalDueDate,
    bureau: { code: order.bureau?.code ?? '', name: order.bureau?.name ?? '' },
    projectId: order.projectId,
    leadId: order.leadId,
    alertId: order.alertId,
    alertMessage: order.alertMessage,
    issuer: userRef(order.issuer) as UserRefDto,
    handler: userRef(order.handler),
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    overdue,
    overdueDays: overdue ? daysBetween(order.dueDate, today) : 0,
    extensionRequested: order.extensionRequested,
    requestedDueDate: order.requestedDueDate,
    issuedOn: order.issuedOn,
    closedOn: order.closedOn,
    closedLate: order.closedOn !== null && order.closedOn > order.dueDate,
    escalatedOn: order.escalatedOn,
    escalatedTo: userRef(order.escalatedTo),
    version: order.version,
  };
}

export function toOrderEventDto(event: SupervisionOrderEventEntity): SupervisionOrderEventDto {
  return {
    seq: event.seq,
    action: event.action,
    actionLabel: ORDER_ACTION_LABELS[event.action],
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    businessDate: event.businessDate,
    recordedAt: event.recordedAt.toISOString(),
    actor: userRef(event.actor),
    note: event.note,
    data: event.data,
  };
}
