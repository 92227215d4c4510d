import { Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { SessionEntity } from './entities/session.entity';

@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    session: Pick<SessionEntity, 'userId' | 'refreshHash' | 'lastSeenAt' | 'expiresAt' | 'ip' | 'userAgent'>,
  ): Promise<SessionEntity> {
    const repository = this.dataSource.getRepository(SessionEntity);
    return repository.save(repository.create(session));
  }

  /** The session with its user and the user's bureau, in one query: what every request needs. */
  findWithUser(id: string): Promise<SessionEntity | null> {
    return this.dataSource
      .getRepository(SessionEntity)
      .findOne({ where: { id }, relations: { user: { bureau: true } } });
  }

  /** Replaces the refresh hash only if it is still the one presented: two racing refreshes, one wins. */
  async rotate(id: string, presentedHash: string, nextHash: string, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(SessionEntity)
      .update({ id, refreshHash: presentedHash, revokedAt: IsNull() }, { refreshHash: nextHash, lastSeenAt: now });
    return (result.affected ?? 0) === 1;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).update({ id }, { lastSeenAt: now });
  }

  async revoke(id: string, now: Date): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeAllOfUser(userId: string, now: Date, tx?: Transaction): Promise<void> {
    await (tx ?? this.dataSource.manager)
      .getRepository(SessionEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
