export * from './service-department.entity';
export * from './service-request.entity';
export * from './service-request-event.entity';
