export * from './supervision-order.entity';
export * from './supervision-order-event.entity';
