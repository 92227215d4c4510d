import { AppConfig, ConfigError, Role } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { argon2Options } from './password-hasher';
import { hashPassword, passwordProblems } from './password-policy';
import { UserRepository } from './user.repository';

export const ADMIN_USERNAME = 'admin';

/** Creates the first administrator on the first start; afterwards it does nothing. */
@Injectable()
export class AdminBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly users: UserRepository,
    private readonly config: AppConfig,
  ) {}

  /** Returns the generated password when one was made (to be shown once), otherwise null. */
  async ensureAdmin(): Promise<string | null> {
    if (await this.users.findByUsername(ADMIN_USERNAME)) return null;
    const given = this.config.ADMIN_PASSWORD;
    if (given && passwordProblems(given, ADMIN_USERNAME).length > 0) {
      throw new ConfigError(`ADMIN_PASSWORD: ${passwordProblems(given, ADMIN_USERNAME).join('；')}`);
    }
    const password = given ?? generatePassword();
    const inserted = await this.users.insertIfAbsent({
      username: ADMIN_USERNAME,
      displayName: '系统管理员',
      passwordHash: await hashPassword(password, argon2Options(this.config.PASSWORD_HASH_MEMORY_KIB)),
      role: Role.Admin,
      bureauId: null,
      // a generated password was printed to the console: it is changed at the first sign-in
      mustChangePassword: !given,
    });
    if (inserted) this.logger.log('Created the administrator account "admin"');
    return inserted && !given ? password : null;
  }
}

/** 20 random characters from all four classes that pass the policy. */
export function generatePassword(): string {
  for (;;) {
    const password = `${randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')}#A7z`;
    if (passwordProblems(password, ADMIN_USERNAME).length === 0) return password;
  }
}
