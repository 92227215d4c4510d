/**
 * npm run migration:generate -- <Name>   writes libs/schema/src/migrations/<timestamp>-<Name>.ts from the entity diff
 * npm run migration:check                 fails when entities and migrations disagree (CI runs it)
 * npm run migration:run                   applies pending migrations to the configured database
 *
 * generate and check work on a fresh database: DATABASE_URL when given (a scratch database), else in-memory PGlite.
 */
import 'reflect-metadata';
import {
  dataSourceOptions,
  EmbeddedPostgres,
  EMBEDDED_MAX_CONNECTIONS,
  IN_MEMORY,
  loadConfig,
  runMigrations,
} from '@app/core';
import { SCHEMA } from '@app/schema';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

const MIGRATIONS_DIR = join(process.cwd(), 'libs/schema/src/migrations');

async function withDatabase<T>(fresh: boolean, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig(fresh && !process.env.DATABASE_URL ? { ...process.env, DATA_DIR: IN_MEMORY } : process.env);
  const embedded = config.embedded ? await EmbeddedPostgres.start(config.DATA_DIR, EMBEDDED_MAX_CONNECTIONS) : null;
  // migrations run on the primary; the replica replays them
  const dataSource = new DataSource(dataSourceOptions(config, SCHEMA, embedded?.connection, { replica: false }));
  try {
    await dataSource.initialize();
    await runMigrations(dataSource, config.embedded);
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

async function pendingChanges(dataSource: DataSource) {
  return dataSource.driver.createSchemaBuilder().log();
}

const quote = (sql: string) => '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

async function generate(name: string): Promise<void> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('Give the migration a PascalCase name: npm run migration:generate -- AddLeads');
  const { upQueries, downQueries } = await withDatabase(true, pendingChanges);
  if (upQueries.length === 0) {
    console.log('No changes: entities and migrations agree.');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const up = upQueries.map(
    (q) =>
      `    await queryRunner.query(${quote(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
  );
  const down = downQueries
    .reverse()
    .map(
      (q) =>
        `    await queryRunner.query(${quote(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
    );
  const file = `${timestamp}-${name}`;
  writeFileSync(
    join(MIGRATIONS_DIR, `${file}.ts`),
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.join('\n')}
  }
}
`,
  );
  const indexPath = join(MIGRATIONS_DIR, 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(/^(\/\*\*[\s\S]*?\*\/\n)?/, (header) => `${header}import { ${className} } from './${file}';\n`)
    .replace(/MIGRATIONS = \[([\s\S]*?)\];/, (_, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .concat(className);
      return `MIGRATIONS = [\n  ${items.join(',\n  ')},\n];`;
    });
  writeFileSync(indexPath, index);
  console.log(`Wrote libs/schema/src/migrations/${file}.ts (${upQueries.length} statements); run npm run format`);
}

async function check(): Promise<void> {
  const { upQueries } = await withDatabase(true, pendingChanges);
  if (upQueries.length > 0) {
    console.error('Entities and migrations disagree; npm run migration:generate -- <Name> would write:');
    upQueries.forEach((q) => console.error(`  ${q.query}`));
    process.exit(1);
  }
  console.log('Migrations match the entities.');
}

async function run(): Promise<void> {
  await withDatabase(false, async (dataSource) => {
    const applied = await dataSource.query('SELECT count(*)::int AS n FROM schema_migrations');
    console.log(`Database is at the latest schema (${applied[0].n} migrations applied).`);
  });
}

const [command, name] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = { generate: () => generate(name ?? ''), check, run };
(commands[command] ?? (() => Promise.reject(new Error('usage: migration.js generate <Name> | check | run'))))().catch(
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
