import { LRUCache } from 'lru-cache';
import { Actor, AppConfig, AuditService, RequestMeta, Role, TransactionRunner, ValidationException } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { TokensDto } from './dto/auth.dto';
import { UserEntity } from './entities/user.entity';
import { IdentityException, IdentityExceptionCode as Code } from './identity.exception';
import { PasswordHasher } from './password-hasher';
import { assertPasswordPolicy, passwordProblems } from './password-policy';
import { RateLimitStore } from './rate-limit.store';
import { SessionRepository } from './session.repository';
import { toUserDto } from './user.mapper';
import { UserRepository } from './user.repository';

interface AccessClaims {
  sub: string;
  sid: string;
  /** Expiry, in seconds since the epoch (set by the signer). */
  exp?: number;
}

/** Verified tokens remembered at most; past this the memory starts again empty. */
const VERIFIED_LIMIT = 10_000;

/** Sessions are touched at most this often, so a busy user does not write on every request. */
const TOUCH_INTERVAL_MS = 30_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A sign-in from an address the account signed in from within this many days is from a known address. */
export const KNOWN_ADDRESS_DAYS = 90;

/** Counts of failures that are not an account's own (unknown usernames, known addresses) fade after a day. */
const FAILURE_WINDOW_MS = 24 * 3600_000;

/** The one answer to every failed sign-in: unknown, disabled and wrong password alike. */
const INVALID_CREDENTIALS_MESSAGE = '用户名或密码错误';

const addressKeyPrefix = (userId: string) => `login:address:${userId}:`;

/** Who a token belongs to, and whether it may do more than change the password. */
export interface Authenticated {
  actor: Actor;
  mustChangePassword: boolean;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  /** Tokens this process verified lately: trusted, like their sessions, for SESSION_CACHE_SECONDS. */
  private readonly verified = new LRUCache<string, AccessClaims>({ max: VERIFIED_LIMIT });

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly limits: RateLimitStore,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Signs in. An attempt is reserved before the password is checked, so concurrent guesses never get more than
   * LOGIN_MAX_FAILURES checks; unknown, disabled and wrong-password accounts answer alike after the same argon2
   * work. Failures from addresses new to the account count towards its lock, which holds only for new
   * addresses: from an address it signed in from within KNOWN_ADDRESS_DAYS, the account has a count and lock of
   * its own per address, so anonymous failures elsewhere cannot lock an administrator out.
   */
  async login(username: string, password: string, meta: RequestMeta): Promise<TokensDto> {
    const name = username.toLowerCase();
    const user = await this.users.findByUsername(name);
    const source = { ...meta, userId: user?.id ?? null, username: username.slice(0, 100) };
    const knownAddress = user ? await this.sessions.hasSignedInFrom(user.id, meta.ip, KNOWN_ADDRESS_DAYS) : false;
    const max = this.config.LOGIN_MAX_FAILURES;
    const lockMs = this.config.LOGIN_LOCK_MINUTES * 60_000;
    // an unknown username counts and locks like an account, so that a lockout does not tell that one exists
    const storeKey = !user ? `login:name:${name}` : knownAddress ? `${addressKeyPrefix(user.id)}${meta.ip}` : null;
    // the hashing turn comes first: a sign-in refused because the server is busy has counted nothing
    const turn = await this.hasher.turn();
    let account: UserEntity;
    let mustChange: boolean;
    try {
      const reservation = storeKey
        ? await this.limits.reserve(storeKey, max, lockMs, FAILURE_WINDOW_MS)
        : await this.users.reserveLoginAttempt(user!.id, max, this.config.LOGIN_LOCK_MINUTES);
      if (reservation.attempt === 0) {
        turn.release();
        await this.audit.record(source, { action: 'auth.login_locked', entity: 'user', entityId: user?.id ?? null });
        throw this.lockedError(reservation.lockedUntil ?? new Date(Date.now() + lockMs));
      }

      const matches = await this.hasher.verify(user?.passwordHash ?? null, password, turn);
      if (!user || !matches || !user.active) {
        turn.release();
        const reason = !user ? 'unknown user' : !matches ? 'wrong password' : 'disabled';
        await this.audit.record(source, {
          action: 'auth.login_failed',
          entity: 'user',
          entityId: user?.id ?? null,
          after: { reason },
        });
        if (reservation.lockedUntil) {
          await this.recordLockout(source, user, reservation.lockedUntil, knownAddress ? meta.ip : null);
          throw this.lockedError(reservation.lockedUntil);
        }
        throw new IdentityException(Code.InvalidCredentials, INVALID_CREDENTIALS_MESSAGE);
      }

      if (storeKey) await this.limits.clear(storeKey);
      else await this.users.clearFailedLogins(user.id);
      // in production a password the policy no longer accepts (the demo accounts' among them) must be changed now
      mustChange =
        user.mustChangePassword ||
        (this.config.NODE_ENV === 'production' && passwordProblems(password, user.username).length > 0);
      const rehash = this.hasher.needsRehash(user.passwordHash);
      if (mustChange !== user.mustChangePassword || rehash) {
        const passwordHash = rehash ? await this.hasher.hash(password, turn) : user.passwordHash;
        await this.users.setPassword(user.id, passwordHash, mustChange);
        user.mustChangePassword = mustChange;
      }
      account = user;
    } finally {
      turn.release();
    }
    const now = new Date();
    const secret = randomBytes(32).toString('base64url');
    const session = await this.sessions.create({
      userId: account.id,
      refreshHash: sha256(secret),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      ip: meta.ip.slice(0, 64),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await this.audit.record(source, {
      action: 'auth.login',
      entity: 'user',
      entityId: account.id,
      after: { sessionId: session.id, knownAddress, mustChangePassword: mustChange },
    });
    return this.tokens(account, session.id, secret);
  }

  /**
   * The signed-in user changes their own password: the old one is required, the new one must pass the policy
   * and differ from it. Every other session of the user ends; the current one stays signed in (whoever holds it
   * just proved the old password) and is freed from a required change.
   */
  async changePassword(actor: Actor, oldPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new IdentityException(Code.Unauthenticated, '登录已失效，请重新登录');
    if (!(await this.hasher.verify(user.passwordHash, oldPassword))) {
      await this.audit.record(actor, { action: 'auth.password_change_failed', entity: 'user', entityId: user.id });
      throw new IdentityException(Code.WrongPassword, '原密码不正确', [
        { field: 'oldPassword', problems: ['原密码不正确'] },
      ]);
    }
    assertPasswordPolicy(newPassword, user.username, 'newPassword');
    if (newPassword === oldPassword) {
      throw new ValidationException('新密码不能与原密码相同', [
        { field: 'newPassword', problems: ['新密码不能与原密码相同'] },
      ]);
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.transactions.run(async (tx) => {
      await this.users.setPassword(user.id, passwordHash, false, tx);
      await this.sessions.revokeAllOfUser(user.id, new Date(), tx, actor.sessionId);
      await this.audit.record(
        actor,
        { action: 'auth.password_change', entity: 'user', entityId: user.id, after: { otherSessionsEnded: true } },
        tx,
      );
    });
  }

  /** Ends an account's locks: its own (for new addresses) is cleared by the caller; these are its known addresses'. */
  async clearAddressLocks(userId: string): Promise<void> {
    await this.limits.clearPrefix(addressKeyPrefix(userId));
  }

  /** An alert for the operators and an audit row: an account (or an account at one address) is locked. */
  private async recordLockout(
    source: RequestMeta & { userId: string | null; username: string },
    user: UserEntity | null,
    lockedUntil: Date,
    knownAddress: string | null,
  ): Promise<void> {
    if (!user) return;
    const scope = knownAddress ? `at known address ${knownAddress}` : 'for new addresses';
    this.logger.warn(
      `Account ${user.username} locked ${scope} until ${lockedUntil.toISOString()} after failed sign-ins from ${source.ip}`,
    );
    await this.audit.record(source, {
      action: 'auth.lockout',
      entity: 'user',
      entityId: user.id,
      after: {
        lockedUntil: lockedUntil.toISOString(),
        scope: knownAddress ? 'address' : 'account',
        address: source.ip,
      },
    });
  }

  /** Exchanges a refresh token for new tokens; the old refresh token stops working at once. */
  async refresh(refreshToken: string, meta: RequestMeta): Promise<TokensDto> {
    const [sessionId, secret] = refreshToken.split('.');
    if (!sessionId || !secret || !/^[0-9a-f-]{36}$/.test(sessionId)) {
      throw new IdentityException(Code.InvalidRefreshToken, '刷新令牌无效');
    }
    const session = await this.sessions.findWithUser(sessionId);
    const now = new Date();
    if (!session?.user || session.revokedAt)
      throw new IdentityException(Code.InvalidRefreshToken, '刷新令牌无效或已注销');
    const source = { ...meta, userId: session.userId, username: session.user.username };
    if (session.refreshHash !== sha256(secret)) {
      // an old token presented again: someone may hold a copy, so end the whole session
      await this.sessions.revoke(session.id, now);
      await this.audit.record(source, { action: 'auth.refresh_reused', entity: 'session', entityId: session.id });
      throw new IdentityException(Code.InvalidRefreshToken, '刷新令牌已使用过，会话已注销，请重新登录');
    }
    if (session.expiresAt <= now) throw new IdentityException(Code.SessionExpired, '会话已过期，请重新登录');
    if (this.isIdle(session.lastSeenAt, now)) {
      await this.sessions.revoke(session.id, now);
      throw new IdentityException(Code.SessionIdle, '长时间未操作，请重新登录');
    }
    if (!session.user.active) throw new IdentityException(Code.AccountDisabled, '账号已停用，请联系管理员');
    const next = randomBytes(32).toString('base64url');
    if (!(await this.sessions.rotate(session.id, session.refreshHash, sha256(next), now))) {
      throw new IdentityException(Code.InvalidRefreshToken, '刷新令牌已被使用');
    }
    return this.tokens(session.user, session.id, next);
  }

  async logout(actor: Actor): Promise<void> {
    await this.sessions.revoke(actor.sessionId, new Date());
    await this.audit.record(actor, { action: 'auth.logout', entity: 'session', entityId: actor.sessionId });
  }

  /** Ends every session of the user, this one included: signing out on every device at once. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.sessions.revokeAllOfUser(actor.userId, new Date(), tx);
      await this.audit.record(actor, { action: 'auth.logout_all', entity: 'user', entityId: actor.userId }, tx);
    });
  }

  /**
   * Turns a bearer token into the actor, checking the session (which this process trusts for
   * SESSION_CACHE_SECONDS): a logged-out, idle or disabled session stops working, and the role and bureau
   * are the user's current ones.
   */
  async authenticate(accessToken: string, meta: RequestMeta): Promise<Authenticated> {
    const claims = await this.claimsOf(accessToken);
    const session = await this.sessions.requestContext(claims.sid);
    const now = new Date();
    if (!session || session.revokedAt || session.userId !== claims.sub || session.expiresAt <= now) {
      throw new IdentityException(Code.Unauthenticated, '登录已失效，请重新登录');
    }
    if (this.isIdle(session.lastSeenAt, now)) {
      await this.sessions.revoke(session.id, now);
      throw new IdentityException(Code.SessionIdle, '长时间未操作，请重新登录');
    }
    if (!session.active) throw new IdentityException(Code.AccountDisabled, '账号已停用，请联系管理员');
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await this.sessions.touch(session.id, now);
    const actor: Actor = {
      ...meta,
      userId: session.userId,
      username: session.username,
      displayName: session.displayName,
      role: session.role as Role,
      bureauId: session.bureauId,
      bureauCode: session.bureauCode,
      sessionId: session.id,
    };
    return { actor, mustChangePassword: session.mustChangePassword };
  }

  /** The token's claims, verified now or (the same token) within SESSION_CACHE_SECONDS and before it expires. */
  private async claimsOf(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known) return known;
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      throw new IdentityException(Code.Unauthenticated, '登录已失效，请重新登录');
    }
    const cacheMs = this.config.SESSION_CACHE_SECONDS * 1000;
    const ttl = claims.exp === undefined ? 0 : Math.min(cacheMs, claims.exp * 1000 - Date.now());
    if (ttl > 0) this.verified.set(token, claims, { ttl });
    return claims;
  }

  private isIdle(lastSeenAt: Date, now: Date): boolean {
    return now.getTime() - lastSeenAt.getTime() > this.config.SESSION_IDLE_TIMEOUT_SECONDS * 1000;
  }

  private async tokens(user: UserEntity, sessionId: string, secret: string): Promise<TokensDto> {
    const accessToken = await this.jwt.signAsync({ sub: user.id, sid: sessionId } satisfies AccessClaims, {
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
    });
    return {
      accessToken,
      refreshToken: `${sessionId}.${secret}`,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      user: toUserDto(user),
    };
  }

  private lockedError(until: Date): IdentityException {
    return new IdentityException(Code.AccountLocked, `连续登录失败次数过多，账号已锁定至 ${until.toISOString()}`, {
      lockedUntil: until.toISOString(),
    });
  }
}
