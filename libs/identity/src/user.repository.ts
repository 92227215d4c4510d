import { Role, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './entities/user.entity';

export interface UserFilter {
  /** Limit to one bureau (the caller's scope or a filter). */
  bureauId?: string | null;
  role?: Role;
  active?: boolean;
  text?: string;
}

export type NewUser = Pick<UserEntity, 'username' | 'displayName' | 'passwordHash' | 'role' | 'bureauId'> &
  Partial<Pick<UserEntity, 'title' | 'isDemo'>>;

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

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

  list(filter: UserFilter, skip: number, take: number): Promise<[UserEntity[], number]> {
    const query = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').leftJoinAndSelect('u.bureau', 'b');
    if (filter.bureauId) query.andWhere('u.bureauId = :bureauId', { bureauId: filter.bureauId });
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.active !== undefined) query.andWhere('u.active = :active', { active: filter.active });
    if (filter.text) {
      query.andWhere("(u.username ILIKE :text ESCAPE '\\' OR u.displayName ILIKE :text ESCAPE '\\')", {
        text: `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
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

  /** Counts one more failed sign-in in one statement, locking the account when the limit is reached. */
  async recordFailedLogin(
    id: string,
    maxFailures: number,
    lockMinutes: number,
  ): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
    const rows: { failed_logins: number; locked_until: Date | null }[] = await this.dataSource.query(
      `UPDATE app_user
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING failed_logins, locked_until`,
      [id, maxFailures, lockMinutes],
    );
    const row = Array.isArray(rows[0]) ? (rows[0] as unknown as typeof rows)[0] : rows[0];
    return { failedLogins: row.failed_logins, lockedUntil: row.locked_until };
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { failedLogins: 0, lockedUntil: null });
  }

  async countByRole(role: Role): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count({ where: { role } });
  }
}
