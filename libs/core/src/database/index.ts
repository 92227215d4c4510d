export * from './database.module';
export * from './database.service';
export * from './database-options';
export * from './embedded-postgres';
export * from './migrate';
export * from './snake-naming.strategy';
export * from './write-batch';
export * from './prepared-query';
