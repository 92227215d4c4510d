import { LRUCache } from 'lru-cache';
import { AppConfig, preparedQuery, Transaction } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { SessionEntity } from './entities/session.entity';

export interface SessionContext {
  id: string;
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  username: string;
  displayName: string;
  role: string;
  bureauId: string | null;
  bureauCode: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

/** Sessions a process has checked recently; bounded, the least recently used go first. */
const CACHE_LIMIT = 10_000;

@Injectable()
export class SessionRepository {
  private readonly recent: LRUCache<string, SessionContext>;
  private readonly cacheMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.cacheMs = config.SESSION_CACHE_SECONDS * 1000;
    // with the cache off nothing is remembered; the ttl only has to be a valid one
    this.recent = new LRUCache({ max: CACHE_LIMIT, ttl: Math.max(this.cacheMs, 1) });
  }

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

  /**
   * What every authenticated request needs of its session, its user and the user's bureau, in one plain query
   * (this runs on every call, so it skips the entity mapping). A process reuses what it read for
   * SESSION_CACHE_SECONDS; its own revocations drop the entry at once.
   */
  async requestContext(id: string): Promise<SessionContext | null> {
    const cached = this.recent.get(id);
    if (cached) return { ...cached };
    const rows = await preparedQuery<SessionContext>(
      this.dataSource,
      `SELECT s.id, s.user_id AS "userId", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
              s.revoked_at AS "revokedAt", u.username, u.display_name AS "displayName", u.role,
              u.bureau_id AS "bureauId", b.code AS "bureauCode", u.active,
              u.must_change_password AS "mustChangePassword"
         FROM auth_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN bureau b ON b.id = u.bureau_id
        WHERE s.id = $1`,
      [id],
    );
    const context = rows[0] ?? null;
    if (context && this.cacheMs > 0) this.remember(context);
    else this.recent.delete(id);
    return context;
  }

  private remember(context: SessionContext): void {
    this.recent.set(context.id, context);
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
    // the entry's time to live is not renewed: a touch is no fresh read of the session
    const cached = this.recent.get(id, { updateAgeOnGet: false });
    if (cached) cached.lastSeenAt = now;
  }

  async revoke(id: string, now: Date): Promise<void> {
    this.recent.delete(id);
    await this.dataSource.getRepository(SessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Ends every session of the user but `keep` (when given); this process forgets what it knew of them all. */
  async revokeAllOfUser(userId: string, now: Date, tx?: Transaction, keep?: string): Promise<void> {
    for (const [id, context] of [...this.recent.entries()]) if (context.userId === userId) this.recent.delete(id);
    await (tx ?? this.dataSource.manager)
      .getRepository(SessionEntity)
      .update({ userId, revokedAt: IsNull(), ...(keep ? { id: Not(keep) } : {}) }, { revokedAt: now });
  }

  /** Whether the user signed in from this address within the last `days` days. */
  async hasSignedInFrom(userId: string, ip: string, days: number): Promise<boolean> {
    const rows = await preparedQuery<{ found: number }>(
      this.dataSource,
      `SELECT 1 AS found FROM auth_session
        WHERE user_id = $1 AND ip = $2 AND created_at > now() - make_interval(days => $3) LIMIT 1`,
      [userId, ip.slice(0, 64), days],
    );
    return rows.length > 0;
  }
}
