import { DataSourceOptions, MixedList } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { EmbeddedConnection } from './embedded-postgres';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/** The embedded server multiplexes this many client connections onto its one PGlite session. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

export function dataSourceOptions(
  config: AppConfig,
  schema: SchemaDefinition,
  embedded?: EmbeddedConnection,
): DataSourceOptions {
  const connection = embedded
    ? { ...embedded, extra: { max: Math.min(config.DATABASE_POOL_SIZE, EMBEDDED_MAX_CONNECTIONS) } }
    : { url: config.DATABASE_URL, extra: { max: config.DATABASE_POOL_SIZE } };
  return {
    type: 'postgres',
    ...connection,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; extensions are created by migrations
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
  };
}
