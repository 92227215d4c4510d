export * from './config';
export * from './database';
export * from './errors';
export * from './auth';
export * from './http';
export * from './audit';
export * from './queue';
