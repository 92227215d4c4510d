import {
  Actor,
  AuditService,
  bureauScopeOf,
  ForbiddenException,
  NotFoundException,
  Page,
  pageOf,
  Role,
  TransactionRunner,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { BureauRepository } from './bureau.repository';
import { listBureau } from './list-scope';
import { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';
import { UserEntity } from './entities/user.entity';
import { IdentityException, IdentityExceptionCode as Code } from './identity.exception';
import { PasswordHasher } from './password-hasher';
import { AuthService } from './auth.service';
import { assertPasswordPolicy } from './password-policy';
import { SessionRepository } from './session.repository';
import { auditViewOfUser, toUserDto } from './user.mapper';
import { UserRepository } from './user.repository';

const BUREAU_BOUND: readonly Role[] = [Role.Staff, Role.BureauHead];

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly bureaus: BureauRepository,
    private readonly sessions: SessionRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly auth: AuthService,
  ) {}

  async list(actor: Actor, query: UserQueryDto): Promise<Page<UserDto>> {
    // county-level leaders belong to no bureau, and every bureau names them on visits and as 包保 leaders
    const scope = query.role === Role.Leader ? null : bureauScopeOf(actor);
    const bureauId = await listBureau(this.bureaus, scope, query.bureau);
    if (bureauId === undefined) return pageOf([], 0, query);
    const [rows, total] = await this.users.list(
      { bureauId, role: query.role, active: query.active, text: query.q },
      query.skip,
      query.pageSize,
    );
    return pageOf(rows.map(toUserDto), total, query);
  }

  async get(actor: Actor, id: string): Promise<UserDto> {
    return toUserDto(await this.find(actor, id));
  }

  async me(actor: Actor): Promise<UserDto> {
    return toUserDto(await this.find(actor, actor.userId));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    let bureauId: string | null = null;
    if (actor.role === Role.BureauHead) {
      // a head adds staff to their own bureau, nothing else
      if (dto.role !== Role.Staff) throw new IdentityException(Code.RoleNotAllowed, '局长只能添加本局工作人员');
      if (dto.bureauCode && dto.bureauCode.toUpperCase() !== actor.bureauCode) {
        throw new IdentityException(Code.RoleNotAllowed, '局长只能添加本局工作人员');
      }
      bureauId = actor.bureauId;
    } else {
      bureauId = await this.bureauFor(dto.role, dto.bureauCode);
    }
    assertPasswordPolicy(dto.password, dto.username);
    if (await this.users.findByUsername(dto.username)) {
      throw new IdentityException(Code.UsernameTaken, `用户名 ${dto.username} 已被使用`);
    }
    const passwordHash = await this.hasher.hash(dto.password);
    const user = await this.transactions.run(async (tx) => {
      const created = await this.users.insert(
        {
          username: dto.username,
          displayName: dto.displayName,
          title: dto.title ?? null,
          passwordHash,
          // a password someone else chose: the user picks their own at the first sign-in
          mustChangePassword: true,
          role: dto.role,
          bureauId,
        },
        tx,
      );
      await this.audit.record(
        actor,
        { action: 'user.create', entity: 'user', entityId: created.id, after: auditViewOfUser(created) },
        tx,
      );
      return created;
    });
    return toUserDto(user);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.find(actor, id);
    if (actor.role === Role.BureauHead) {
      if (user.role !== Role.Staff) throw new ForbiddenException('局长只能管理本局工作人员');
      if (dto.role !== undefined || dto.bureauCode !== undefined) {
        throw new IdentityException(Code.RoleNotAllowed, '只有管理员可以调整角色和所属招商局');
      }
    }
    const role = dto.role ?? user.role;
    const patch: Partial<UserEntity> = {};
    if (dto.displayName !== undefined) patch.displayName = dto.displayName;
    if (dto.title !== undefined) patch.title = dto.title;
    if (dto.active !== undefined) patch.active = dto.active;
    if (dto.unlock) Object.assign(patch, { failedLogins: 0, lockedUntil: null });
    if (dto.role !== undefined || dto.bureauCode !== undefined) {
      patch.role = role;
      patch.bureauId = await this.bureauFor(
        role,
        dto.bureauCode ?? (BUREAU_BOUND.includes(role) ? user.bureau?.code : undefined),
      );
    }
    if (dto.password !== undefined) {
      assertPasswordPolicy(dto.password, user.username);
      patch.passwordHash = await this.hasher.hash(dto.password);
      // a reset: the user must change it at the next sign-in (an administrator setting their own need not)
      patch.mustChangePassword = user.id !== actor.userId;
    }
    // a new password, a new role or a disabled account ends the user's sessions
    const endSessions =
      dto.password !== undefined || dto.role !== undefined || dto.bureauCode !== undefined || dto.active === false;
    const updated = await this.transactions.run((tx) =>
      this.audit.recordUpdate(
        actor,
        {
          action: 'user.update',
          entity: 'user',
          entityId: user.id,
          before: user,
          view: auditViewOfUser,
          note: { passwordChanged: dto.password !== undefined, unlocked: dto.unlock === true },
        },
        async () => {
          await this.users.update(user.id, patch, tx);
          if (endSessions) await this.sessions.revokeAllOfUser(user.id, new Date(), tx);
          return (await this.users.findById(user.id, null, tx)) as UserEntity;
        },
        tx,
      ),
    );
    // the lock for new addresses was cleared above; the locks of the addresses it signed in from go too
    if (dto.unlock) await this.auth.clearAddressLocks(user.id);
    return toUserDto(updated);
  }

  private async find(actor: Actor, id: string): Promise<UserEntity> {
    const user = await this.users.findById(id, bureauScopeOf(actor));
    if (!user) throw new NotFoundException('用户');
    return user;
  }

  private async bureauFor(role: Role, bureauCode: string | undefined): Promise<string | null> {
    if (!BUREAU_BOUND.includes(role)) {
      if (bureauCode) throw new IdentityException(Code.BureauRequired, '只有招商局工作人员和局长隶属于招商局');
      return null;
    }
    if (!bureauCode) throw new IdentityException(Code.BureauRequired, '招商局工作人员和局长必须指定所属招商局');
    const bureau = await this.bureaus.findByCode(bureauCode);
    if (!bureau) throw new IdentityException(Code.UnknownBureau, `招商局 ${bureauCode} 不存在`);
    return bureau.id;
  }
}
