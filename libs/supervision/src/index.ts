export * from './order-status';
export * from './order-machine';
export * from './supervision.exception';
export * from './entities';
export * from './supervision.module';
export * from './supervision-order.service';
export { SupervisionOrderDto, SupervisionOrderDetailDto } from './dto/supervision-order.dto';
export * from './order-escalation.service';
export * from './supervision.views';
