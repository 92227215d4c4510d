import { createHmac } from 'node:crypto';
import { AppConfig, ConfigError } from '../config/app-config';
import { dataDirSecret } from '../config/data-dir-secret';

/**
 * The audit chain's key. On a server it is AUDIT_HMAC_KEY, which start-up requires; on the embedded
 * default one is made on first start and kept in the data folder beside the JWT secret (a throw-away
 * in-memory database gets a throw-away key). It never goes into the database.
 */
export function resolveAuditKey(config: AppConfig): string {
  if (config.AUDIT_HMAC_KEY) return config.AUDIT_HMAC_KEY;
  if (!config.embedded) {
    throw new ConfigError(
      'Invalid configuration — AUDIT_HMAC_KEY: required with DATABASE_URL (at least 32 characters, kept outside the database; it seals the audit log)',
    );
  }
  return dataDirSecret(config.DATA_DIR, 'audit-hmac-key');
}

/** HMAC-SHA-256 with the audit key: the row hashes, the chain's links and the signed records of its ends. */
export class AuditKey {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  mac(...parts: string[]): string {
    const hmac = createHmac('sha256', this.key);
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) hmac.update('\n');
      hmac.update(parts[i]);
    }
    return hmac.digest('hex');
  }
}
