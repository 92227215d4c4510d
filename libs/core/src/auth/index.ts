export * from './role';
export * from './actor';
export * from './access.decorators';
