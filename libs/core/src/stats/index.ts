export * from './figures';
export * from './bureau-stats.recorder';
export * from './project-directory';
export * from './overdue-orders';
