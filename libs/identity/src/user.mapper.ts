import { Actor } from '@app/core';
import { UserDto } from './dto/user.dto';
import { UserEntity } from './entities/user.entity';

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    title: user.title,
    role: user.role,
    bureau: user.bureau ? { code: user.bureau.code, name: user.bureau.name } : null,
    active: user.active,
    lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
    isDemo: user.isDemo,
    mustChangePassword: user.mustChangePassword,
  };
}

/** What the audit log keeps of a user: never the password hash. */
export function auditViewOfUser(user: UserEntity): Record<string, unknown> {
  return {
    username: user.username,
    displayName: user.displayName,
    title: user.title,
    role: user.role,
    bureau: user.bureau?.code ?? null,
    active: user.active,
  };
}

/**
 * The actor of work done as this user outside an HTTP request (the demo seed; tests that call services), named
 * by `run` in the audit log. The bureau code is the loaded bureau's unless given.
 */
export function actorOfUser(
  user: UserEntity,
  run: { sessionId: string; requestId: string },
  bureauCode: string | null = user.bureau?.code ?? null,
): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    bureauId: user.bureauId,
    bureauCode,
    sessionId: run.sessionId,
    ip: '127.0.0.1',
    requestId: run.requestId,
  };
}
