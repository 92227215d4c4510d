import { DataSourceOptions, MixedList } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { AppConfig } from '../config/app-config';
import { EmbeddedConnection } from './embedded-postgres';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/** The embedded server accepts this many client connections (the app's pool, a migration run, a psql). */
export const EMBEDDED_MAX_CONNECTIONS = 8;

/**
 * The app's own pool on the embedded database holds one connection. PGlite is one session, so more
 * connections add no parallelism, and its socket multiplexer mixes up results when three or more
 * transactions overlap (pglite-socket issue #1046). Queries queue in the pool instead.
 */
export const EMBEDDED_POOL_SIZE = 1;

/**
 * `replica: false` leaves DATABASE_READ_URL out: for the migration commands, and for an app that starts while its
 * replica is unreachable.
 */
export function dataSourceOptions(
  config: AppConfig,
  schema: SchemaDefinition,
  embedded?: EmbeddedConnection,
  { replica = true }: { replica?: boolean } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    ...connectionOptions(config, embedded, { replica }),
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

/** Where the data source connects: the embedded server when given, else DATABASE_URL (and DATABASE_READ_URL). */
export function connectionOptions(
  config: AppConfig,
  embedded?: EmbeddedConnection,
  { replica = true }: { replica?: boolean } = {},
): Partial<PostgresConnectionOptions> {
  return embedded
    ? // the one connection stays open: its session keeps the prepared statements (see preparedQuery)
      { ...embedded, extra: { max: EMBEDDED_POOL_SIZE, idleTimeoutMillis: 0 } }
    : config.DATABASE_READ_URL && replica
      ? {
          // every query goes to the primary unless it asks for the replica (see ReadSource); TypeORM's own
          // default would send the query builders' and find()'s reads outside transactions to the replica
          replication: {
            master: { url: config.DATABASE_URL },
            slaves: [{ url: config.DATABASE_READ_URL }],
            defaultMode: 'master' as const,
          },
          extra: { max: config.DATABASE_POOL_SIZE },
        }
      : { url: config.DATABASE_URL, extra: { max: config.DATABASE_POOL_SIZE } };
}
