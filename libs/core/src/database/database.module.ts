import { DynamicModule, Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { connectionOptions, dataSourceOptions, EMBEDDED_MAX_CONNECTIONS, SchemaDefinition } from './database-options';
import { TransactionRunner } from './database.service';
import { ReadSource } from './read-source';
import { clusterTemplateDir } from './cluster-template';
import { EmbeddedPostgres, IN_MEMORY } from './embedded-postgres';
import { runMigrations } from './migrate';

export interface DatabaseModuleOptions extends SchemaDefinition {
  /** Run pending migrations at start (the api and worker do; scripts that inspect the schema do not). */
  migrate?: boolean;
}

/**
 * Opens the data source that TypeOrmModule provides, and closes what TypeOrmModule does not know of: the
 * embedded server, which must outlive the data source. TypeOrmModule destroys the data source in its own shutdown
 * hook; Nest runs the global modules' hooks in their order of registration, which it does not promise, so this
 * hook destroys the data source itself when TypeOrmModule has not done so yet, then stops the embedded server.
 */
class DatabaseServer implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private config: AppConfig | undefined;
  private schema: SchemaDefinition | undefined;
  private embedded: EmbeddedPostgres | null = null;
  private dataSource: DataSource | undefined;

  constructor(private readonly migrate: boolean) {}

  /**
   * TypeOrmModule's options. The entities are the schema's whole list, the one the migration check compares with
   * (autoLoadEntities would know only those some forFeature names). A failed start fails at once and says why,
   * instead of TypeOrmModule's retries.
   */
  options(config: AppConfig, schema: SchemaDefinition): TypeOrmModuleOptions {
    this.config = config;
    this.schema = schema;
    return { ...dataSourceOptions(config, schema), toRetry: () => false };
  }

  /**
   * The data source, connected and migrated: on the embedded default the PGlite server starts first. A replica
   * that cannot be reached at start does not stop the app: it starts on the primary alone, every read goes
   * there, and the replica is used again from the next start.
   */
  async open(options: DataSourceOptions): Promise<DataSource> {
    const config = this.config as AppConfig;
    if (config.embedded) {
      // a new data folder starts from the installation's migrated cluster, when the build made one
      const cluster = config.DATA_DIR === IN_MEMORY ? undefined : clusterTemplateDir(this.schema as SchemaDefinition);
      this.embedded = await EmbeddedPostgres.start(
        config.DATA_DIR,
        EMBEDDED_MAX_CONNECTIONS,
        config.EMBEDDED_TEMPLATE,
        cluster,
      );
      options = { ...options, ...connectionOptions(config, this.embedded.connection) } as DataSourceOptions;
    }
    let dataSource: DataSource | undefined;
    try {
      dataSource = this.dataSource = await this.connect(config, options);
      if (this.migrate) {
        await runMigrations(dataSource, config.embedded);
        this.logger.log(config.embedded ? `Embedded PostgreSQL (PGlite) in ${config.DATA_DIR}` : 'PostgreSQL server');
      }
      return dataSource;
    } catch (error) {
      if (dataSource?.isInitialized) await dataSource.destroy();
      await this.stopEmbedded();
      throw error;
    }
  }

  private async connect(config: AppConfig, options: DataSourceOptions): Promise<DataSource> {
    const dataSource = new DataSource(options);
    try {
      return await dataSource.initialize();
    } catch (error) {
      if (!dataSource.driver.isReplicated) throw error;
      const { replication: _replica, ...primaryOnly } = options as DataSourceOptions & { replication?: unknown };
      const primary = await new DataSource({
        ...primaryOnly,
        ...connectionOptions(config, undefined, { replica: false }),
      } as DataSourceOptions).initialize();
      this.logger.warn(
        `DATABASE_READ_URL unreachable (${(error as Error).message}): every read goes to the primary until the next start`,
      );
      return primary;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.embedded && this.dataSource?.isInitialized) await this.dataSource.destroy();
    await this.stopEmbedded();
  }

  private async stopEmbedded(): Promise<void> {
    const embedded = this.embedded;
    this.embedded = null;
    await embedded?.stop();
  }
}

/**
 * The database of a process, through @nestjs/typeorm: `DataSource`, `EntityManager` and the repositories of
 * `TypeOrmModule.forFeature` are injectable everywhere, with TransactionRunner and ReadSource beside them.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot({ migrate = true, ...schema }: DatabaseModuleOptions): DynamicModule {
    // one per data source: TypeOrmModule's factory gets only the options, the server keeps the rest
    const server = new DatabaseServer(migrate);
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => server.options(config, schema),
          dataSourceFactory: (options) => server.open(options as DataSourceOptions),
        }),
      ],
      providers: [{ provide: DatabaseServer, useValue: server }, TransactionRunner, ReadSource],
      exports: [TransactionRunner, ReadSource],
    };
  }
}
