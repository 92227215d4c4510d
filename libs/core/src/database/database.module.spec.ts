import { Test, TestingModule } from '@nestjs/testing';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, MigrationInterface } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { ensureClusterTemplate } from './cluster-template';
import { DatabaseModule, DatabaseModuleOptions } from './database.module';
import { DataDirInUseError, EmbeddedPostgres, LOCK_FILE } from './embedded-postgres';

class FailingMigration1700000000000 implements MigrationInterface {
  name = 'FailingMigration1700000000000';
  up(): Promise<void> {
    return Promise.reject(new Error('migration failed'));
  }
  down(): Promise<void> {
    return Promise.resolve();
  }
}

const NO_TABLES: DatabaseModuleOptions = { entities: [], migrations: [] };
// each test starts PGlite twice, several seconds each on a busy machine
const TWO_STARTS_MS = 120_000;

function open(dataDir: string, options: DatabaseModuleOptions = NO_TABLES): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [ConfigModule.forRoot(loadConfig({ DATA_DIR: dataDir })), DatabaseModule.forRoot(options)],
  }).compile();
}

describe(DatabaseModule.name, () => {
  let dir: string;
  // a new folder copies the schema's cluster template, as on an installation the build prepared (see
  // cluster-template.ts), rather than creating a cluster each time; the failing schema has none and creates one
  beforeAll(() => ensureClusterTemplate(NO_TABLES), TWO_STARTS_MS);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-database-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'stops the embedded server only after TypeOrmModule has destroyed the data source, and frees the folder',
    async () => {
      const app = await open(dir);
      const dataSource = app.get(DataSource);
      expect(await dataSource.query('SELECT count(*)::int AS n FROM schema_migrations')).toEqual([{ n: 0 }]);
      const stop = EmbeddedPostgres.prototype.stop;
      const initializedAtStop: boolean[] = [];
      jest.spyOn(EmbeddedPostgres.prototype, 'stop').mockImplementation(function (this: EmbeddedPostgres) {
        initializedAtStop.push(dataSource.isInitialized);
        return stop.call(this);
      });
      await app.close();
      expect(initializedAtStop).toEqual([false]);
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);

      const again = await open(dir);
      try {
        expect(await again.get(DataSource).query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      } finally {
        await again.close();
      }
    },
    TWO_STARTS_MS,
  );

  it(
    'refuses a data folder another app holds at once, without retrying',
    async () => {
      const app = await open(dir);
      try {
        const start = jest.spyOn(EmbeddedPostgres, 'start');
        await expect(open(dir)).rejects.toThrow(DataDirInUseError);
        expect(start).toHaveBeenCalledTimes(1);
        expect(await app.get(DataSource).query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      } finally {
        await app.close();
      }
    },
    TWO_STARTS_MS,
  );

  it(
    'stops the embedded server when the migrations fail, so the folder opens again',
    async () => {
      // TypeORM prints the failed migration itself
      jest.spyOn(console, 'log').mockImplementation(() => undefined);
      await expect(open(dir, { ...NO_TABLES, migrations: [FailingMigration1700000000000] })).rejects.toThrow(
        'migration failed',
      );
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
      const app = await open(dir);
      await app.close();
    },
    TWO_STARTS_MS,
  );
});
