export * from './role';
export * from './actor';
export * from './access.decorators';
export * from './bureau-scope';
