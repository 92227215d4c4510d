/**
 * npm run backup [-- <path>]              a backup of the configured database (see docs/operations.md)
 * npm run restore -- <path> [--force]     restores one into an empty database (--force: clear it first)
 */
import 'reflect-metadata';
import { BackupError, backupDatabase, ConfigError, DataDirInUseError, loadConfig, restoreDatabase } from '@app/core';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  const force = args.includes('--force');
  const path = args.find((arg) => !arg.startsWith('--'));
  if (command === 'backup') {
    const result = await backupDatabase(config, path);
    console.log(
      `Backup of the ${result.kind === 'server' ? 'PostgreSQL' : 'embedded'} database written to ${result.path}`,
    );
  } else if (command === 'restore') {
    if (!path) throw new BackupError('Name the backup to restore: npm run restore -- <path> [--force]');
    const result = await restoreDatabase(config, path, force);
    console.log(`Restored ${result.path} into the ${result.kind === 'server' ? 'PostgreSQL' : 'embedded'} database`);
  } else {
    throw new BackupError('Usage: backup.js backup [path] | restore <path> [--force]');
  }
}

main().catch((error: unknown) => {
  const known = error instanceof BackupError || error instanceof ConfigError || error instanceof DataDirInUseError;
  console.error(known ? (error as Error).message : ((error as Error)?.stack ?? String(error)));
  process.exit(1);
});
