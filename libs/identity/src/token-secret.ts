import { AppConfig, IN_MEMORY } from '@app/core';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The key that signs access tokens. On a server it is JWT_SECRET (the config requires it there);
 * on the embedded default one is made on first start and kept in the data folder, so that
 * sessions survive a restart without anyone having to invent a secret.
 */
export function resolveTokenSecret(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.DATA_DIR === IN_MEMORY) return randomBytes(48).toString('base64url');
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
