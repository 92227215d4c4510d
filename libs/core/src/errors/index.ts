export * from './domain.exception';
export * from './error-body';
export * from './all-exceptions.filter';
export * from './database-unavailable';
