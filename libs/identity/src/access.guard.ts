import {
  ACCESS_PUBLIC_KEY,
  ACCESS_ROLES_KEY,
  ForbiddenException,
  requestMetaOf,
  RequestWithActor,
  Role,
} from '@app/core';
import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from './auth.service';
import { IdentityException, IdentityExceptionCode } from './identity.exception';

const PASSWORD_CHANGE_ROUTE_KEY = 'crm:password-change-route';

/** A route open to a user who must change their password first (the change itself, /auth/me, logout). */
export const OpenBeforePasswordChange = () => SetMetadata(PASSWORD_CHANGE_ROUTE_KEY, true);

/**
 * The global guard: a route is refused unless it says who may call it (@Allow or @Public),
 * and a declared route checks the bearer token and the caller's role.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(ACCESS_PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ACCESS_ROLES_KEY, targets);
    if (!roles || roles.length === 0) {
      throw new IdentityException(IdentityExceptionCode.RouteNotDeclared, '该接口未声明访问权限，已拒绝');
    }
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new IdentityException(IdentityExceptionCode.Unauthenticated, '请先登录');
    const { actor, mustChangePassword } = await this.auth.authenticate(token, requestMetaOf(request));
    request.actor = actor;
    if (!roles.includes(actor.role)) throw new ForbiddenException();
    if (mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_ROUTE_KEY, targets)) {
      throw new IdentityException(IdentityExceptionCode.PasswordChangeRequired, '请先修改初始密码后再使用系统');
    }
    return true;
  }
}
