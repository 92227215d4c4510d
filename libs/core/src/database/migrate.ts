import { DataSource } from 'typeorm';

// any constant works; it only has to be the same in every process of the CRM
const MIGRATION_LOCK = 745_118_002;

/**
 * Runs pending migrations. On a PostgreSQL server several api and worker processes may start together,
 * so one advisory lock lets a single process migrate while the others wait. The embedded database
 * belongs to one process (its data folder is locked), and its connections share one session, so no lock there.
 */
export async function runMigrations(dataSource: DataSource, embedded: boolean): Promise<void> {
  if (embedded) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
