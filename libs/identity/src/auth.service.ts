import { Actor, AppConfig, AuditService, RequestMeta, Role } from '@app/core';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { TokensDto } from './dto/auth.dto';
import { UserEntity } from './entities/user.entity';
import { IdentityException, IdentityExceptionCode as Code } from './identity.exception';
import { hashPassword, verifyPassword } from './password-policy';
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

@Injectable()
export class AuthService {
  /** Tokens this process verified lately: trusted, like their sessions, for SESSION_CACHE_SECONDS. */
  private readonly verified = new Map<string, { claims: AccessClaims; until: number }>();
  /** Verifying against this keeps an unknown username as slow as a wrong password. */
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, meta: RequestMeta): Promise<TokensDto> {
    const user = await this.users.findByUsername(username);
    const source = { ...meta, userId: user?.id ?? null, username: username.slice(0, 100) };
    if (!user) {
      await verifyPassword(await this.decoyHash, password);
      await this.audit.record(source, {
        action: 'auth.login_failed',
        entity: 'user',
        after: { reason: 'unknown user' },
      });
      throw new IdentityException(Code.InvalidCredentials, '用户名或密码错误');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.audit.record(source, { action: 'auth.login_locked', entity: 'user', entityId: user.id });
      throw this.lockedError(user.lockedUntil);
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const state = await this.users.recordFailedLogin(
        user.id,
        this.config.LOGIN_MAX_FAILURES,
        this.config.LOGIN_LOCK_MINUTES,
      );
      await this.audit.record(source, {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user.id,
        after: { reason: 'wrong password' },
      });
      if (state.lockedUntil && state.lockedUntil > new Date()) {
        await this.audit.record(source, {
          action: 'auth.lockout',
          entity: 'user',
          entityId: user.id,
          after: { lockedUntil: state.lockedUntil.toISOString() },
        });
        throw this.lockedError(state.lockedUntil);
      }
      const left = this.config.LOGIN_MAX_FAILURES - state.failedLogins;
      throw new IdentityException(Code.InvalidCredentials, `用户名或密码错误，再失败 ${left} 次账号将被锁定`, {
        attemptsLeft: left,
      });
    }
    if (!user.active) {
      await this.audit.record(source, {
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user.id,
        after: { reason: 'disabled' },
      });
      throw new IdentityException(Code.AccountDisabled, '账号已停用，请联系管理员');
    }
    if (user.failedLogins > 0 || user.lockedUntil) await this.users.clearFailedLogins(user.id);
    const now = new Date();
    const secret = randomBytes(32).toString('base64url');
    const session = await this.sessions.create({
      userId: user.id,
      refreshHash: sha256(secret),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      ip: meta.ip.slice(0, 64),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await this.audit.record(source, {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      after: { sessionId: session.id },
    });
    return this.tokens(user, session.id, secret);
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

  /**
   * Turns a bearer token into the actor, checking the session (which this process trusts for
   * SESSION_CACHE_SECONDS): a logged-out, idle or disabled session stops working, and the role and bureau
   * are the user's current ones.
   */
  async authenticate(accessToken: string, meta: RequestMeta): Promise<Actor> {
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
    return {
      ...meta,
      userId: session.userId,
      username: session.username,
      displayName: session.displayName,
      role: session.role as Role,
      bureauId: session.bureauId,
      bureauCode: session.bureauCode,
      sessionId: session.id,
    };
  }

  /** The token's claims, verified now or (the same token) within SESSION_CACHE_SECONDS and before it expires. */
  private async claimsOf(token: string): Promise<AccessClaims> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && now < known.until) return known.claims;
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      throw new IdentityException(Code.Unauthenticated, '登录已失效，请重新登录');
    }
    const cacheMs = this.config.SESSION_CACHE_SECONDS * 1000;
    if (cacheMs > 0 && claims.exp !== undefined) {
      if (this.verified.size >= VERIFIED_LIMIT) this.verified.clear();
      this.verified.set(token, { claims, until: Math.min(now + cacheMs, claims.exp * 1000) });
    }
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
