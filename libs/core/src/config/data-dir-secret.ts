import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IN_MEMORY } from '../database/embedded-postgres';

/**
 * A secret of the embedded default, kept in its data folder (never in the database): made on the first start and
 * read on every later one, so that nobody has to invent it; an in-memory database gets a throw-away one.
 */
export function dataDirSecret(dataDir: string, fileName: string): string {
  if (dataDir === IN_MEMORY) return randomBytes(48).toString('base64url');
  const dir = resolve(dataDir);
  const file = join(dir, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
