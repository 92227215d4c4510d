import { Role, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { UserEntity } from './entities/user.entity';
import { UserRepository } from './user.repository';

/** Who the users are, for the other libraries: they read users through this, never the app_user table. */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UserRepository) {}

  /** `bureauScope` limits the lookup to one bureau: a user of another bureau is simply not found. */
  findById(id: string, bureauScope: string | null = null, tx?: Transaction): Promise<UserEntity | null> {
    return this.users.findById(id, bureauScope, tx);
  }

  /** The users among these ids, active or not (names on past records). */
  findByIds(ids: string[]): Promise<UserEntity[]> {
    return this.users.findByIds(ids);
  }

  /** The active users with the leader role (县级领导) among these ids. */
  activeLeaders(ids: string[], tx?: Transaction): Promise<UserEntity[]> {
    return this.users.findByIds(ids, { role: Role.Leader, active: true }, tx);
  }
}
