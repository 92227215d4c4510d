import { AppConfig, dataDirSecret } from '@app/core';

/**
 * The key that signs access tokens. On a server it is JWT_SECRET (the config requires it there);
 * on the embedded default one is made on first start and kept in the data folder, so that
 * sessions survive a restart without anyone having to invent a secret.
 */
export function resolveTokenSecret(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  return dataDirSecret(config.DATA_DIR, 'jwt-secret');
}
