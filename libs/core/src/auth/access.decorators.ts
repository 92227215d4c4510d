import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, RequestMeta } from './actor';
import { ALL_ROLES, Role } from './role';

export const ACCESS_ROLES_KEY = 'crm:access-roles';
export const ACCESS_PUBLIC_KEY = 'crm:access-public';

/** Declares which roles may call a route. A route without a declaration is refused to everyone. */
export const Allow = (...roles: Role[]) => SetMetadata(ACCESS_ROLES_KEY, roles);

/** Every signed-in user, whatever the role. */
export const AnySignedIn = () => Allow(...ALL_ROLES);

/** Open without signing in (sign-in itself, health). */
export const Public = () => SetMetadata(ACCESS_PUBLIC_KEY, true);

export type RequestWithActor = FastifyRequest & { actor?: Actor };

export function requestMetaOf(request: FastifyRequest): RequestMeta {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    requestId: String(request.id),
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
  };
}

/** The signed-in user; only on routes that are not public. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<RequestWithActor>();
  if (!request.actor) {
    throw new Error('CurrentActor used on a route without an authenticated actor');
  }
  return request.actor;
});

/** Address, request id and user agent of the call, for public routes that still audit. */
export const CurrentRequest = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta =>
  requestMetaOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
