import { containsPattern, Role, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { UserEntity } from './entities/user.entity';

export interface UserFilter {
  /** Limit to one bureau (the caller's scope or a filter). */
  bureauId?: string | null;
  role?: Role;
  active?: boolean;
  text?: string;
}

export type NewUser = Pick<UserEntity, 'username' | 'displayName' | 'passwordHash' | 'role' | 'bureauId'> &
  Partial<Pick<UserEntity, 'title' | 'isDemo' | 'mustChangePassword'>>;

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Transaction): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { username: username.toLowerCase() }, relations: { bureau: true } });
  }

  /** `bureauScope` limits the lookup to one bureau: a user of another bureau is simply not found. */
  findById(id: string, bureauScope: string | null = null, tx?: Transaction): Promise<UserEntity | null> {
    return this.manager(tx)
      .getRepository(UserEntity)
      .findOne({ where: { id, ...(bureauScope ? { bureauId: bureauScope } : {}) }, relations: { bureau: true } });
  }

  /** The users among these ids, optionally of one role or activity. */
  findByIds(ids: string[], filter: Pick<UserFilter, 'role' | 'active'> = {}, tx?: Transaction): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(tx)
      .getRepository(UserEntity)
      .find({ where: { id: In(ids), ...filter } });
  }

  list(filter: UserFilter, skip: number, take: number): Promise<[UserEntity[], number]> {
    const query = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').leftJoinAndSelect('u.bureau', 'b');
    if (filter.bureauId) query.andWhere('u.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) query.andWhere('u.active = :active', { active: filter.active });
    if (filter.text) {
      query.andWhere("(u.username ILIKE :text ESCAPE '\\' OR u.displayName ILIKE :text ESCAPE '\\')", {
        text: containsPattern(filter.text),
      });
    }
    return query
      .orderBy('b.code', 'ASC', 'NULLS FIRST')
      .addOrderBy('u.username', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
  }

  async insert(user: NewUser, tx?: Transaction): Promise<UserEntity> {
    const repository = this.manager(tx).getRepository(UserEntity);
    const saved = await repository.save(repository.create({ ...user, username: user.username.toLowerCase() }));
    return (await this.findById(saved.id, null, tx)) as UserEntity;
  }

  /** Inserts unless the username exists; returns whether it was inserted (safe when processes race). */
  async insertIfAbsent(user: NewUser, tx?: Transaction): Promise<boolean> {
    const result = await this.manager(tx)
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({ ...user, username: user.username.toLowerCase() })
      .orIgnore()
      .execute();
    return (result.identifiers?.filter(Boolean).length ?? 0) > 0;
  }

  async update(id: string, patch: Partial<UserEntity>, tx?: Transaction): Promise<void> {
    await this.manager(tx).getRepository(UserEntity).update({ id }, patch);
  }

  /**
   * Reserves one sign-in attempt before the password is checked, in one statement: concurrent sign-ins of one
   * account each get their own number, and none gets one while the account is locked. The attempt that reaches
   * `maxFailures` locks the account at once (and starts the count again), so however many guesses arrive
   * together, at most `maxFailures` of them are checked. A successful check clears the count and the lock.
   * Returns null when the account is locked (nothing reserved), with the lock's end.
   */
  async reserveLoginAttempt(
    id: string,
    maxFailures: number,
    lockMinutes: number,
  ): Promise<{ attempt: number; lockedUntil: Date | null }> {
    const rows = rowsOf<{ failed_logins: number; locked_until: Date | null }>(
      await this.dataSource.query(
        `UPDATE app_user
            SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) END
          WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
          RETURNING failed_logins, locked_until`,
        [id, maxFailures, lockMinutes],
      ),
    );
    if (rows.length === 0) {
      const locked = await this.dataSource
        .getRepository(UserEntity)
        .findOne({ where: { id }, select: ['lockedUntil'] });
      return { attempt: 0, lockedUntil: locked?.lockedUntil ?? new Date() };
    }
    const row = rows[0];
    return row.locked_until
      ? { attempt: maxFailures, lockedUntil: row.locked_until }
      : { attempt: row.failed_logins, lockedUntil: null };
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { failedLogins: 0, lockedUntil: null });
  }

  async setPassword(id: string, passwordHash: string, mustChangePassword: boolean, tx?: Transaction): Promise<void> {
    await this.manager(tx).getRepository(UserEntity).update({ id }, { passwordHash, mustChangePassword });
  }

  async countByRole(role: Role): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count({ where: { role } });
  }
}

/** An UPDATE … RETURNING answers [rows, count] through TypeORM's pg driver; plain rows elsewhere. */
function rowsOf<T>(result: unknown): T[] {
  const value = result as unknown[];
  return (Array.isArray(value[0]) ? value[0] : value) as T[];
}
