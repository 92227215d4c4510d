import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, EMBEDDED_MAX_CONNECTIONS, SchemaDefinition } from './database-options';
import { TransactionRunner } from './database.service';
import { ReadSource } from './read-source';
import { EmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrate';

const EMBEDDED = Symbol('EmbeddedPostgres');

/** Closes the database after everything that uses it: the data source first, then the embedded server. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}

export interface DatabaseModuleOptions extends SchemaDefinition {
  /** Run pending migrations at start (the api and worker do; scripts that inspect the schema do not). */
  migrate?: boolean;
}

/**
 * The data source, connected. A replica that cannot be reached at start does not stop the app: it starts on the
 * primary alone, every read goes there, and the replica is used again from the next start.
 */
async function connect(
  config: AppConfig,
  schema: SchemaDefinition,
  embedded: EmbeddedPostgres | null,
): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config, schema, embedded?.connection));
  try {
    return await dataSource.initialize();
  } catch (error) {
    if (!dataSource.driver.isReplicated) throw error;
    const primaryOnly = await new DataSource(
      dataSourceOptions(config, schema, embedded?.connection, { replica: false }),
    ).initialize();
    new Logger('Database').warn(
      `DATABASE_READ_URL unreachable (${(error as Error).message}): every read goes to the primary until the next start`,
    );
    return primaryOnly;
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: EMBEDDED,
          inject: [AppConfig],
          useFactory: async (config: AppConfig) =>
            config.embedded
              ? EmbeddedPostgres.start(config.DATA_DIR, EMBEDDED_MAX_CONNECTIONS, config.EMBEDDED_TEMPLATE)
              : null,
        },
        {
          provide: DataSource,
          inject: [AppConfig, EMBEDDED],
          useFactory: async (config: AppConfig, embedded: EmbeddedPostgres | null) => {
            const dataSource = await connect(config, options, embedded);
            if (options.migrate !== false) {
              await runMigrations(dataSource, config.embedded);
              new Logger('Database').log(
                config.embedded ? `Embedded PostgreSQL (PGlite) in ${config.DATA_DIR}` : 'PostgreSQL server',
              );
            }
            return dataSource;
          },
        },
        DatabaseLifecycle,
        TransactionRunner,
        ReadSource,
      ],
      exports: [DataSource, TransactionRunner, ReadSource],
    };
  }
}
