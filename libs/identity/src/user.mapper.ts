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
